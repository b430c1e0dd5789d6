#include "cli/verbs.h"

namespace duckweed::cli {

void RegisterQcaVerbs(CLI::App& app, CliContext& ctx) {}

}  // namespace duckweed::cli
