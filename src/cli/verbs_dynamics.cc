// `duckweed sd ...`: run, check, loops and equilibria of XMILE system-dynamics models.
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "cli/verbs.h"
#include "duckweed/core/file.h"
#include "duckweed/dynamics/sd_simulate.h"
#include "duckweed/dynamics/sd_xmile.h"

namespace duckweed::cli {

void RegisterFcmVerbs(CLI::App& app, CliContext& ctx);  // verbs_fcm.cc

namespace {

using dynamics::Method;

struct SdOptions {
  std::string model;
  std::string out;
  std::string method;
  bool csv = false;
  uint64_t seed = 1;
};

core::Result<dynamics::CompiledModel> Load(const std::string& path) {
  DUCKWEED_ASSIGN_OR_RETURN(dynamics::Project project, dynamics::ReadXmileFile(path));
  return dynamics::CompiledModel::Compile(project);
}

core::Status RunVerb(const SdOptions& o) {
  dynamics::RunOptions options;
  options.seed = o.seed;
  if (o.method == "euler") options.method = Method::kEuler;
  if (o.method == "rk2") options.method = Method::kRk2;
  if (o.method == "rk4") options.method = Method::kRk4;
  if (!o.method.empty() && !options.method) {
    return core::Status::Usage("--method must be euler, rk2 or rk4, found '" + o.method + "'");
  }
  DUCKWEED_ASSIGN_OR_RETURN(dynamics::CompiledModel model, Load(o.model));
  dynamics::SimResults results = model.Run(options);
  std::string csv = dynamics::ResultsToCsv(results);
  if (!o.out.empty()) return core::WriteFileAtomic(o.out, csv);
  std::fwrite(csv.data(), 1, csv.size(), stdout);
  return core::Status::Ok();
}

core::Status CheckVerb(const SdOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(dynamics::CompiledModel model, Load(o.model));
  size_t outputs = model.Run().names.size();
  if (json) {
    fmt::print("{{\"model\":\"{}\",\"ok\":true,\"variables\":{}}}\n", o.model, outputs);
  } else {
    fmt::print("{}: ok, {} output variables\n", o.model, outputs);
  }
  return core::Status::Ok();
}

void RegisterSdVerbs(CLI::App& app, CliContext& ctx) {
  auto* sd = app.add_subcommand("sd", "System dynamics: XMILE stock-and-flow models");
  sd->require_subcommand(1);
  auto opts = std::make_shared<SdOptions>();

  auto* run = sd->add_subcommand("run", "Simulate a model; CSV with a time column on stdout");
  run->add_option("model", opts->model, "XMILE or .stmx model file")->required();
  run->add_flag("--csv", opts->csv, "CSV output (the default)");
  run->add_option("--out", opts->out, "Write the CSV to this file (atomically)");
  run->add_option("--method", opts->method, "euler, rk2 or rk4 (default: the model's)");
  run->add_option("--seed", opts->seed, "Seed of the random builtins");
  run->callback(ctx.Bind([opts] { return RunVerb(*opts); }));

  auto* check = sd->add_subcommand("check", "Report every problem of a model at once");
  check->add_option("model", opts->model, "XMILE or .stmx model file")->required();
  check->callback(ctx.Bind([opts, &ctx] { return CheckVerb(*opts, ctx.json); }));
}

}  // namespace

void RegisterDynamicsVerbs(CLI::App& app, CliContext& ctx) {
  RegisterSdVerbs(app, ctx);
  RegisterFcmVerbs(app, ctx);
}

}  // namespace duckweed::cli
