#include "cli/verbs.h"

namespace duckweed::cli {

void RegisterDiffusionVerbs(CLI::App& app, CliContext& ctx) {}

}  // namespace duckweed::cli
