// Whole-store verbs: import/export --all, migrate (copy a store across backends), check.
#ifndef DUCKWEED_CLI_VERBS_STORE_ADMIN_H_
#define DUCKWEED_CLI_VERBS_STORE_ADMIN_H_

#include <string>

#include "cli/cli_context.h"
#include "duckweed/core/status.h"

namespace duckweed::cli {

// `import --all DIR` and `export --all DIR`; `format_name` "", "csv" or "json".
core::Status ImportAllVerb(const CliContext& ctx, const std::string& dir,
                           const std::string& format_name);
core::Status ExportAllVerb(const CliContext& ctx, const std::string& dir,
                           const std::string& format_name);

// migrate --from A --to B; check
void RegisterStoreAdminVerbs(CLI::App& app, CliContext& ctx);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_VERBS_STORE_ADMIN_H_
