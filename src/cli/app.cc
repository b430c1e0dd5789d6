#include "cli/app.h"

#include "cli/verbs.h"

namespace duckweed::cli {

void BuildApp(CLI::App& app, CliContext& ctx) {
  app.require_subcommand(1);
  app.set_version_flag("--version", "duckweed 0.1.0");
  app.add_option("--db", ctx.db_path,
                 "SQLite database path (or :memory:); default $DUCKWEED_DB "
                 "or $XDG_DATA_HOME/duckweed/duckweed.db");
  app.add_flag("--json", ctx.json, "Machine-readable JSON on stdout");
  RegisterStoreVerbs(app, ctx);
  RegisterQcaVerbs(app, ctx);
  RegisterRecipeVerbs(app, ctx);
  RegisterDiffusionVerbs(app, ctx);
  RegisterDynamicsVerbs(app, ctx);
  RegisterEvaluateVerbs(app, ctx);
  RegisterNetworkVerbs(app, ctx);
  RegisterServeVerbs(app, ctx);
  RegisterUserVerbs(app, ctx);
}

}  // namespace duckweed::cli
