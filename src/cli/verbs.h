// One registration function per module's verbs, each in its own file (verbs_<module>.cc).
#ifndef DUCKWEED_CLI_VERBS_H_
#define DUCKWEED_CLI_VERBS_H_

#include "cli/cli_context.h"

namespace duckweed::cli {

// init, import, export, places, territory, indicator, observe
void RegisterStoreVerbs(CLI::App& app, CliContext& ctx);
void RegisterQcaVerbs(CLI::App& app, CliContext& ctx);        // qca
void RegisterRecipeVerbs(CLI::App& app, CliContext& ctx);     // recipes (list, show)
void RegisterDiffusionVerbs(CLI::App& app, CliContext& ctx);  // diffuse
void RegisterDynamicsVerbs(CLI::App& app, CliContext& ctx);   // sd, fcm
void RegisterEvaluateVerbs(CLI::App& app, CliContext& ctx);   // evaluate, transfer
void RegisterNetworkVerbs(CLI::App& app, CliContext& ctx);    // graph (info, convert, generate)
void RegisterServeVerbs(CLI::App& app, CliContext& ctx);      // serve
void RegisterUserVerbs(CLI::App& app, CliContext& ctx);       // user, audit

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_VERBS_H_
