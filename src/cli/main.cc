// duckweed: the command-line entry point. Thin: options bind themselves in the verbs_*.cc files,
// the work happens in the modules.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/verbs.h"

int main(int argc, char** argv) {
  using duckweed::cli::CliContext;
  CliContext ctx;
  CLI::App app{"duckweed: systemic evaluation of local transitions and the spread of what works"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "duckweed 0.1.0");
  app.add_option("--db", ctx.db_path,
                 "SQLite database path (or :memory:); default $DUCKWEED_DB "
                 "or $XDG_DATA_HOME/duckweed/duckweed.db");
  app.add_flag("--json", ctx.json, "Machine-readable JSON on stdout");
  duckweed::cli::RegisterStoreVerbs(app, ctx);
  duckweed::cli::RegisterQcaVerbs(app, ctx);
  duckweed::cli::RegisterDiffusionVerbs(app, ctx);
  duckweed::cli::RegisterDynamicsVerbs(app, ctx);
  duckweed::cli::RegisterEvaluateVerbs(app, ctx);
  duckweed::cli::RegisterNetworkVerbs(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "duckweed: internal error: %s\n", e.what());
    return 3;
  }
  if (!ctx.outcome.ok()) {
    std::fprintf(stderr, "duckweed: %s\n", ctx.outcome.ToString().c_str());
  }
  return ctx.outcome.ExitCode();
}
