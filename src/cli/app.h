// The whole `duckweed` command line: global options and every module's verbs on one CLI::App.
// main() parses argv with it; the CLI fuzz target parses hostile argv with it in parse-only mode
// (CliContext::parse_only: no verb body runs, so nothing is read, written or computed).
#ifndef DUCKWEED_CLI_APP_H_
#define DUCKWEED_CLI_APP_H_

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"

namespace duckweed::cli {

// Adds --db, --json, --version and every verb to `app` (whose lifetime must not exceed ctx's).
void BuildApp(CLI::App& app, CliContext& ctx);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_APP_H_
