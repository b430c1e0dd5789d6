// `duckweed observe get|set`: one observation read with its version, and changed only while its
// version is still the one read (--if-version), so two editors cannot overwrite each other.
#ifndef DUCKWEED_CLI_VERBS_OBSERVE_H_
#define DUCKWEED_CLI_VERBS_OBSERVE_H_

#include "cli/cli_context.h"

namespace duckweed::cli {

// Adds `get` and `set` under the `observe` command.
void RegisterObserveEditVerbs(CLI::App& observe, CliContext& ctx);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_VERBS_OBSERVE_H_
