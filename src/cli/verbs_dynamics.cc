// `duckweed sd ...`: run, check, loops and equilibria of XMILE system-dynamics models.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/verbs.h"
#include "duckweed/core/file.h"
#include "duckweed/core/number.h"
#include "duckweed/sd/nonfinite_watch.h"
#include "duckweed/sd/sd_analysis.h"
#include "duckweed/sd/sd_dominance.h"
#include "duckweed/sd/sd_simulate.h"
#include "duckweed/sd/sd_xmile.h"

namespace duckweed::cli {

void RegisterFcmVerbs(CLI::App& app, CliContext& ctx);  // verbs_fcm.cc

namespace {

using sd::Method;

struct SdOptions {
  std::string model;
  std::string out;
  std::string method;
  bool csv = false;
  uint64_t seed = 1;
  std::vector<std::string> starts;  // "Stock=value,Other=value" per starting point
  std::optional<double> time;       // TIME the equilibria are for (default: STOPTIME)
  size_t max_loops = 1000;
  bool dominance = false;
  bool recover_xml = false;
  bool physical_only = false;  // equilibria: leave out roots with negative stocks
};

// `specs`: where given, receives the model's sim specs.
core::Result<sd::CompiledModel> Load(const SdOptions& o, sd::SimSpecs* specs = nullptr) {
  DUCKWEED_ASSIGN_OR_RETURN(sd::Project project,
                            sd::ReadXmileFile(o.model, {.recover = o.recover_xml}));
  for (const std::string& w : project.warnings) fmt::print(stderr, "warning: {}\n", w);
  if (specs) *specs = project.specs;
  return sd::CompiledModel::Compile(project);
}

// The JSON run record holds every column in memory, about this many bytes per value.
constexpr double kJsonBytesPerValue = 64;

// Streams the CSV to stdout or to --out (core::OutputFile, moved into place when complete), 1 MB
// at a time, so memory stays flat in the number of steps; warns on stderr of the first value that
// is not finite.
core::Status StreamCsv(const SdOptions& o, const sd::CompiledModel& model,
                       const sd::RunOptions& options) {
  std::optional<core::OutputFile> file;
  if (!o.out.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(core::OutputFile opened, core::OutputFile::Open(o.out));
    file.emplace(std::move(opened));
  }
  core::Status written = core::Status::Ok();
  auto write = [&](std::string& bytes) {
    if (written.ok()) {
      if (file) {
        written = file->Write(bytes);
      } else if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
        written = core::Status::IoError("cannot write the CSV to standard output", {"stdout"});
      }
    }
    bytes.clear();
  };
  std::vector<std::string> names = model.OutputNames();
  std::string out = sd::CsvHeader(names);
  sd::NonFiniteWatch watch;
  model.Stream(
      [&](double t, const double* values) {
        watch.See(t, values, names.size());
        sd::AppendCsvRow(out, t, values, names.size());
        if (out.size() >= (1 << 20)) write(out);
      },
      options);
  if (watch.found()) fmt::print(stderr, "warning: {}\n", watch.Message(names, "time"));
  write(out);
  DUCKWEED_RETURN_IF_ERROR(written);
  if (file) return file->Commit();
  if (std::fflush(stdout) != 0) {
    return core::Status::IoError("cannot write the CSV to standard output", {"stdout"});
  }
  return core::Status::Ok();
}

core::Status RunVerb(const SdOptions& o, bool json) {
  sd::RunOptions options;
  options.seed = o.seed;
  if (o.method == "euler") options.method = Method::kEuler;
  if (o.method == "rk2") options.method = Method::kRk2;
  if (o.method == "rk4") options.method = Method::kRk4;
  if (!o.method.empty() && !options.method) {
    return core::Status::Usage("--method must be euler, rk2 or rk4, found '" + o.method + "'");
  }
  DUCKWEED_ASSIGN_OR_RETURN(sd::CompiledModel model, Load(o));
  bool record = json && o.out.empty();
  DUCKWEED_RETURN_IF_ERROR(model.CheckMemory(record ? kJsonBytesPerValue : 0));
  if (!record) return StreamCsv(o, model, options);
  auto started = std::chrono::steady_clock::now();
  sd::SimResults results = model.Run(options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Run record: inputs, parameters and timing, with the trajectories as columns (non-finite
  // values as null, named on stderr).
  sd::NonFiniteWatch watch;
  for (size_t r = 0; r < results.times.size(); ++r) {
    watch.See(results.times[r], results.values.data() + r * results.names.size(),
              results.names.size());
  }
  auto number = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); };
  nlohmann::json out = {{"model", o.model},
                        {"method", o.method.empty() ? "model" : o.method},
                        {"seed", o.seed},
                        {"run_seconds", seconds},
                        {"time", results.times}};
  for (size_t c = 0; c < results.names.size(); ++c) {
    nlohmann::json column = nlohmann::json::array();
    for (size_t r = 0; r < results.times.size(); ++r) column.push_back(number(results.At(r, c)));
    out["columns"][results.names[c]] = std::move(column);
  }
  if (watch.found()) fmt::print(stderr, "warning: {}\n", watch.Message(results.names, "time"));
  fmt::print("{}\n", out.dump());
  return core::Status::Ok();
}

core::Status CheckVerb(const SdOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(sd::CompiledModel model, Load(o));
  DUCKWEED_RETURN_IF_ERROR(model.CheckMemory(0));
  // The model is run once (streamed, nothing kept) so that a value that is not finite is said.
  std::vector<std::string> names = model.OutputNames();
  sd::NonFiniteWatch watch;
  model.Stream([&](double t, const double* values) { watch.See(t, values, names.size()); });
  if (watch.found()) fmt::print(stderr, "warning: {}\n", watch.Message(names, "time"));
  if (json) {
    fmt::print("{{\"model\":\"{}\",\"ok\":true,\"variables\":{}}}\n", o.model, names.size());
  } else {
    fmt::print("{}: ok, {} output variables\n", o.model, names.size());
  }
  return core::Status::Ok();
}

// `digits` significant digits ("{:.Ng}"), or NaN/Inf/-Inf (core/number.h).
std::string G(double v, int digits) {
  return std::isfinite(v) ? fmt::format("{:.{}g}", v, digits) : core::FormatNumber(v);
}

std::string PolarityName(int polarity) {
  return polarity > 0 ? "reinforcing" : polarity < 0 ? "balancing" : "undetermined";
}

std::string Chain(const sd::FeedbackLoop& l) {
  std::string chain;
  for (const std::string& v : l.variables) chain += v + " -> ";
  return chain + (l.variables.empty() ? "" : l.variables.front());
}

// Loops That Matter relative loop scores over time: CSV (time, one column per loop, dominant),
// JSON, or the loops and the dominant loop per interval as text.
core::Status DominanceVerb(const SdOptions& o, const sd::CompiledModel& model, bool json) {
  sd::LoopDominance d = sd::AnalyseLoopDominance(model, {}, o.max_loops);
  auto dominant_id = [&](int loop) { return loop < 0 ? std::string() : d.ids[loop]; };
  if (o.csv) {
    std::string out = "time";
    for (const std::string& id : d.ids) out += "," + id;
    out += ",dominant\n";
    size_t interval = 0;
    for (size_t k = 0; k < d.times.size(); ++k) {
      while (interval + 1 < d.dominant.size() && d.dominant[interval].to < d.times[k]) ++interval;
      out += core::FormatNumber(d.times[k]);
      for (const auto& scores : d.relative) out += "," + core::FormatNumber(scores[k]);
      out += "," + dominant_id(d.dominant[interval].loop) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return core::Status::Ok();
  }
  if (json) {
    nlohmann::json out = {{"model", o.model},
                          {"method", "loops that matter (relative loop score)"},
                          {"truncated", d.truncated},
                          {"times", d.times},
                          {"loops", nlohmann::json::array()},
                          {"dominant", nlohmann::json::array()}};
    for (size_t l = 0; l < d.loops.size(); ++l) {
      out["loops"].push_back({{"id", d.ids[l]},
                              {"polarity", PolarityName(d.loops[l].polarity)},
                              {"variables", d.loops[l].variables},
                              {"relative_score", d.relative[l]}});
    }
    for (const auto& iv : d.dominant) {
      out["dominant"].push_back(
          {{"from", iv.from},
           {"to", iv.to},
           {"loop", iv.loop < 0 ? nlohmann::json() : nlohmann::json(d.ids[iv.loop])}});
    }
    fmt::print("{}\n", out.dump(2));
    return core::Status::Ok();
  }
  for (size_t l = 0; l < d.loops.size(); ++l) {
    fmt::print("{:<4} {:<12} {}\n", d.ids[l], PolarityName(d.loops[l].polarity), Chain(d.loops[l]));
  }
  fmt::print("dominant loop by relative loop score (Loops That Matter){}:\n",
             d.truncated ? ", among the first --max-loops loops" : "");
  size_t k = 0;
  for (const auto& iv : d.dominant) {
    double sum = 0;
    size_t count = 0;
    for (; k < d.times.size() && d.times[k] <= iv.to; ++k, ++count) {
      sum += iv.loop < 0 ? 0 : d.relative[iv.loop][k];
    }
    if (iv.loop < 0) {
      fmt::print("  t = {:g} .. {:g}: none (no loop changes)\n", iv.from, iv.to);
    } else {
      double mean = count ? sum / count : 0.0;
      fmt::print("  t = {:g} .. {:g}: {} (mean relative score {})\n", iv.from, iv.to,
                 d.ids[iv.loop],
                 std::isfinite(mean) ? fmt::format("{:+.3f}", mean) : core::FormatNumber(mean));
    }
  }
  return core::Status::Ok();
}

core::Status LoopsVerb(const SdOptions& o, bool json) {
  if (o.csv && !o.dominance) return core::Status::Usage("--csv needs --dominance");
  DUCKWEED_ASSIGN_OR_RETURN(sd::CompiledModel model, Load(o));
  // Loops read states along a kept run; dominance also keeps a score per loop and saved step.
  core::Status fits = model.CheckMemory(sizeof(double), o.dominance ? o.max_loops : 0);
  if (!fits.ok() && o.dominance) {
    return core::Status::InvalidInput(fits.message() +
                                      ", or a lower --max-loops (each loop "
                                      "keeps a score per saved step)");
  }
  DUCKWEED_RETURN_IF_ERROR(fits);
  if (o.dominance) return DominanceVerb(o, model, json);
  sd::LoopReport report = sd::FindLoops(model, o.max_loops);
  if (json) {
    nlohmann::json out = {{"model", o.model}, {"truncated", report.truncated}};
    out["loops"] = nlohmann::json::array();
    for (const auto& l : report.loops) {
      out["loops"].push_back({{"variables", l.variables},
                              {"polarity", l.polarity > 0   ? "reinforcing"
                                           : l.polarity < 0 ? "balancing"
                                                            : "undetermined"}});
    }
    fmt::print("{}\n", out.dump(2));
    return core::Status::Ok();
  }
  std::vector<std::string> ids = sd::LoopIds(report.loops);
  int r = 0, b = 0, u = 0;
  for (size_t i = 0; i < report.loops.size(); ++i) {
    const sd::FeedbackLoop& l = report.loops[i];
    (l.polarity > 0 ? r : l.polarity < 0 ? b : u) += 1;
    fmt::print("{:<4} {:<12} {}\n", ids[i], PolarityName(l.polarity), Chain(l));
  }
  fmt::print("{} loops: {} reinforcing, {} balancing, {} undetermined{}\n", report.loops.size(), r,
             b, u, report.truncated ? " (stopped at --max-loops)" : "");
  return core::Status::Ok();
}

core::Result<std::map<std::string, double>> ParseStart(const std::string& text) {
  std::map<std::string, double> out;
  size_t i = 0;
  while (i < text.size()) {
    size_t comma = text.find(',', i);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(i, comma - i);
    size_t eq = item.find('=');
    char* end = nullptr;
    double v = eq == std::string::npos ? 0 : std::strtod(item.c_str() + eq + 1, &end);
    if (eq == std::string::npos || end == item.c_str() + eq + 1 || *end != '\0') {
      return core::Status::Usage("--start expects Stock=value[,Stock=value...], found '" + item +
                                 "'");
    }
    out[item.substr(0, eq)] = v;
    i = comma + 1;
  }
  return out;
}

// One root as JSON: the same fields whether it came from --start or from the multistart search.
nlohmann::json EquilibriumJson(const sd::Equilibrium& eq, const std::string& start,
                               const std::vector<std::string>& found_from,
                               const std::vector<std::string>& negative) {
  nlohmann::json e = {{"start", start},
                      {"found_from", found_from},
                      {"converged", eq.converged},
                      {"iterations", eq.iterations},
                      {"residual", eq.residual},
                      {"stability", eq.stability},
                      {"physical", negative.empty()}};
  for (size_t i = 0; i < eq.stocks.size(); ++i) e["stocks"][eq.stocks[i]] = eq.values[i];
  for (const auto& ev : eq.eigenvalues) e["eigenvalues"].push_back({ev.real(), ev.imag()});
  return e;
}

void PrintEquilibriumBody(const sd::Equilibrium& eq, const std::vector<std::string>& negative) {
  for (size_t i = 0; i < eq.stocks.size(); ++i) {
    fmt::print("  {} = {}\n", eq.stocks[i], G(eq.values[i], 10));
  }
  std::string evs;
  for (const auto& ev : eq.eigenvalues) {
    evs += " " + G(ev.real(), 6);
    if (ev.imag() != 0) evs += (ev.imag() > 0 ? "+" : "") + G(ev.imag(), 6) + "i";
  }
  fmt::print("  eigenvalues:{}\n", evs);
  if (!negative.empty()) {
    // Stock-and-flow stocks are quantities; a root with a negative one is a mathematical artefact.
    fmt::print(
        "  warning: negative stocks ({}): outside a physical state, not a real steady "
        "state of the ecosystem\n",
        fmt::join(negative, ", "));
  }
}

// No --start: Newton from the initial stocks and from states along a run, distinct roots with
// the physical ones first.
core::Status MultistartEquilibria(const sd::CompiledModel& model, double time, bool physical_only,
                                  bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(sd::EquilibriaReport report, sd::FindEquilibria(model, time));
  nlohmann::json out = nlohmann::json::array();
  size_t n = report.starts.size();
  if (!json) {
    fmt::print(
        "at TIME = {:g}, {} starts (the initial stocks and {} states of the run): {} steady "
        "state{}, {} start{} did not converge\n",
        time, n, n - 1, report.roots.size(), report.roots.size() == 1 ? "" : "s",
        report.not_converged, report.not_converged == 1 ? "" : "s");
  }
  size_t hidden = 0;
  for (size_t k = 0; k < report.roots.size(); ++k) {
    const sd::FoundEquilibrium& r = report.roots[k];
    const sd::Equilibrium& eq = r.equilibrium;
    if (physical_only && !r.physical) {
      ++hidden;
      continue;
    }
    if (json) {
      out.push_back(EquilibriumJson(eq, r.starts.front(), r.starts, r.negative_stocks));
      continue;
    }
    fmt::print("steady state {}: {}{}, reached from {} of {} starts ({}), max |dS/dt| = {}\n",
               k + 1, eq.stability, r.physical ? ", physical" : "", r.starts.size(), n,
               fmt::join(r.starts, ", "), G(eq.residual, 3));
    PrintEquilibriumBody(eq, r.negative_stocks);
  }
  bool any_physical = !report.roots.empty() && report.roots.front().physical;
  if (!json && !any_physical) {
    fmt::print("no physical steady state (all stocks >= 0) found from these starts\n");
  }
  if (!json && hidden > 0) {
    fmt::print("{} steady state{} with negative stocks left out (--physical-only)\n", hidden,
               hidden == 1 ? "" : "s");
  }
  if (json) fmt::print("{}\n", out.dump(2));
  return core::Status::Ok();
}

core::Status EquilibriaVerb(const SdOptions& o, bool json) {
  sd::SimSpecs specs;
  DUCKWEED_ASSIGN_OR_RETURN(sd::CompiledModel model, Load(o, &specs));
  DUCKWEED_RETURN_IF_ERROR(model.CheckMemory(sizeof(double)));  // the multistart reads a run
  // Frozen at the end by default: the system once every STEP or RAMP policy has switched on.
  double time = o.time.value_or(specs.stop);
  if (o.starts.empty()) return MultistartEquilibria(model, time, o.physical_only, json);
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& s : o.starts) {
    DUCKWEED_ASSIGN_OR_RETURN(auto start, ParseStart(s));
    DUCKWEED_ASSIGN_OR_RETURN(sd::Equilibrium eq, sd::FindEquilibrium(model, start, time));
    std::vector<std::string> negative = sd::NegativeStocks(eq);
    if (json) {
      out.push_back(EquilibriumJson(
          eq, s, eq.converged ? std::vector<std::string>{s} : std::vector<std::string>{},
          negative));
      continue;
    }
    fmt::print("at TIME = {:g} from {}: {} after {} iterations (max |dS/dt| = {}), {}\n", time, s,
               eq.converged ? "converged" : "NOT converged", eq.iterations, G(eq.residual, 3),
               eq.stability);
    PrintEquilibriumBody(eq, negative);
  }
  if (json) fmt::print("{}\n", out.dump(2));
  return core::Status::Ok();
}

void RegisterSdVerbs(CLI::App& app, CliContext& ctx) {
  auto* sd = app.add_subcommand("sd", "System dynamics: XMILE stock-and-flow models");
  sd->require_subcommand(1);
  auto opts = std::make_shared<SdOptions>();

  auto* run = sd->add_subcommand("run", "Simulate a model; CSV with a time column on stdout");
  run->add_option("model", opts->model, "XMILE or .stmx model file")->required();
  run->add_flag("--csv", opts->csv, "CSV output (the default)");
  run->add_option("--out", opts->out,
                  "Write the CSV to this file (streamed; moved into place when complete)");
  run->add_option("--method", opts->method, "euler, rk2 or rk4 (default: the model's)");
  run->add_option("--seed", opts->seed, "Seed of the random builtins");
  run->add_flag("--recover-xml", opts->recover_xml,
                "Malformed XML: read the part before the first error (as PySD does), with a "
                "warning, instead of refusing the file");
  run->callback(ctx.Bind([opts, &ctx] { return RunVerb(*opts, ctx.json); }));

  auto* check = sd->add_subcommand("check", "Report every problem of a model at once");
  check->add_option("model", opts->model, "XMILE or .stmx model file")->required();
  check->add_flag("--recover-xml", opts->recover_xml,
                  "Malformed XML: read the part before the first error, with a warning");
  check->callback(ctx.Bind([opts, &ctx] { return CheckVerb(*opts, ctx.json); }));

  auto* loops = sd->add_subcommand("loops", "Feedback loops of the causal graph, with polarity");
  loops->add_option("model", opts->model, "XMILE or .stmx model file")->required();
  loops->add_option("--max-loops", opts->max_loops, "Stop after this many loops");
  loops->add_flag("--dominance", opts->dominance,
                  "Relative loop scores over time and the dominant loop per interval (Loops That "
                  "Matter)");
  loops->add_flag("--csv", opts->csv,
                  "With --dominance: CSV of the scores (time, loops, dominant)");
  loops->callback(ctx.Bind([opts, &ctx] { return LoopsVerb(*opts, ctx.json); }));

  auto* eq = sd->add_subcommand("equilibria", "Steady states by Newton, with their stability");
  eq->add_option("model", opts->model, "XMILE or .stmx model file")->required();
  eq->add_option("--start", opts->starts,
                 "Starting point 'Stock=value,...' (repeatable; default: the initial stocks and 8 "
                 "states along a run)");
  eq->add_option("--time", opts->time,
                 "TIME the derivatives see, e.g. before a STEP policy (default: STOPTIME)");
  eq->add_flag("--physical-only", opts->physical_only,
               "Without --start: show only steady states whose stocks are all >= 0");
  eq->callback(ctx.Bind([opts, &ctx] { return EquilibriaVerb(*opts, ctx.json); }));
}

}  // namespace

void RegisterDynamicsVerbs(CLI::App& app, CliContext& ctx) {
  RegisterSdVerbs(app, ctx);
  RegisterFcmVerbs(app, ctx);
}

}  // namespace duckweed::cli
