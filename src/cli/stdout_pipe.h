// What happens when the reader of standard output goes away (`duckweed sd run m.xmile | head -1`):
// the command ends at once, quietly, with exit 0, as `head` asked for no more (issue 10). Without
// this, a write to the closed pipe killed the process with SIGPIPE (exit 141 under pipefail) or,
// where SIGPIPE was ignored, surfaced as "internal error" (exit 3) from the formatting library.
//
// One place for every verb: main() installs the handler before running any verb.
// Thread safety: install once, from main, before other threads start.
#ifndef DUCKWEED_CLI_STDOUT_PIPE_H_
#define DUCKWEED_CLI_STDOUT_PIPE_H_

namespace duckweed::cli {

// Installs a SIGPIPE handler. When the signal comes while standard output's reader is gone (a
// pipe without a reader, a socket shut down), the process ends with _exit(0): nothing more is
// written, no message. Any other SIGPIPE (a FIFO given to --out, a client socket of `duckweed
// serve`) is ignored, so the write fails with EPIPE and its caller reports the error as usual.
// Files being written through core::OutputFile are left untouched (their temporaries are unnamed
// or removed on the next run); an open store transaction is rolled back by the database.
void EndQuietlyWhenStdoutReaderLeaves();

// After a command failed: a closed standard output no longer turns the exit code into 0 (the
// failure's message goes to stderr and its exit code stands).
void KeepExitCodeWhenStdoutReaderLeaves();

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_STDOUT_PIPE_H_
