// Internal to the CLI: `duckweed import table FILE --map ...` (see duckweed/store/table_import.h),
// hooked into the `import` verb of verbs_store.cc.
#ifndef DUCKWEED_CLI_VERBS_IMPORT_TABLE_H_
#define DUCKWEED_CLI_VERBS_IMPORT_TABLE_H_

#include <string>
#include <vector>

#include "cli/cli_context.h"

namespace duckweed::cli {

struct ImportTableArgs {
  std::vector<std::string> map, levels, na;
  std::string on_unknown = "fail", on_bad_row = "fail", on_duplicate = "fail", network, new_id,
              new_kind = "local-authority", address, licence;
  double max_km = 25;
};

// Adds the table options to the `import` subcommand.
void AddImportTableOptions(CLI::App& import, ImportTableArgs& args);
// True when a table option was given (they apply to `import table` only).
bool AnyImportTableOption(const CLI::App& import);
core::Status RunImportTable(const CliContext& ctx, const std::string& file,
                            const ImportTableArgs& args);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_VERBS_IMPORT_TABLE_H_
