#include "cli/stdout_pipe.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

namespace duckweed::cli {
namespace {

volatile sig_atomic_t g_end_quietly = 1;

// Async-signal-safe: poll(2) and _exit(2) only.
bool StdoutReaderGone() {
  pollfd out{STDOUT_FILENO, 0, 0};
  return ::poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP)) != 0;
}

extern "C" void OnBrokenPipe(int) {
  if (g_end_quietly && StdoutReaderGone()) ::_exit(0);
}

}  // namespace

void EndQuietlyWhenStdoutReaderLeaves() {
  struct sigaction action {};
  action.sa_handler = OnBrokenPipe;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  ::sigaction(SIGPIPE, &action, nullptr);
}

void KeepExitCodeWhenStdoutReaderLeaves() { g_end_quietly = 0; }

}  // namespace duckweed::cli
