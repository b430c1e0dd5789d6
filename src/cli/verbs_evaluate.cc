#include "cli/verbs.h"

namespace duckweed::cli {

void RegisterEvaluateVerbs(CLI::App& app, CliContext& ctx) {}

}  // namespace duckweed::cli
