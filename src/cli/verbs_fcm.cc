#include "cli/verbs.h"

namespace duckweed::cli {

// `duckweed fcm ...` verbs (fuzzy cognitive maps); called from RegisterDynamicsVerbs.
void RegisterFcmVerbs(CLI::App& app, CliContext& ctx) {}

}  // namespace duckweed::cli
