// duckweed: the command-line entry point. Thin: options bind themselves in the verbs_*.cc files,
// the work happens in the modules.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/app.h"
#include "cli/stdout_pipe.h"

int main(int argc, char** argv) {
  using duckweed::cli::CliContext;
  duckweed::cli::EndQuietlyWhenStdoutReaderLeaves();
  CliContext ctx;
  CLI::App app{"duckweed: systemic evaluation of local transitions and the spread of what works"};
  duckweed::cli::BuildApp(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    duckweed::cli::KeepExitCodeWhenStdoutReaderLeaves();
    std::fprintf(stderr, "duckweed: internal error: %s\n", e.what());
    return 3;
  }
  if (!ctx.outcome.ok()) {
    duckweed::cli::KeepExitCodeWhenStdoutReaderLeaves();
    std::fprintf(stderr, "duckweed: %s\n", ctx.outcome.ToString().c_str());
  }
  return ctx.outcome.ExitCode();
}
