#include "cli/verbs.h"

namespace duckweed::cli {

void RegisterFcmVerbs(CLI::App& app, CliContext& ctx);  // verbs_fcm.cc

void RegisterDynamicsVerbs(CLI::App& app, CliContext& ctx) { RegisterFcmVerbs(app, ctx); }

}  // namespace duckweed::cli
