#include "cli/verbs.h"

namespace duckweed::cli {

void RegisterStoreVerbs(CLI::App& app, CliContext& ctx) {}

}  // namespace duckweed::cli
