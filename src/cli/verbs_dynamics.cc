#include "cli/verbs.h"

namespace duckweed::cli {

void RegisterDynamicsVerbs(CLI::App& app, CliContext& ctx) {}

}  // namespace duckweed::cli
