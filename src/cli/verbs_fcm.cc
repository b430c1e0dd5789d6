// `duckweed fcm run|scenario|aggregate|loops|expert`: fuzzy cognitive maps (module dynamics).
// Defaults reproduce Mental Modeler's scenario tool: Kosko rule, sigmoid λ = 1, all concepts start
// at the map file's `initial` value, else 1 (--init-all V: all at V), tolerance 1e-5, at most 1000
// iterations.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/verbs.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/core/number.h"
#include "duckweed/fcm/fcm_aggregate.h"
#include "duckweed/fcm/fcm_expert.h"
#include "duckweed/fcm/fcm_io.h"
#include "duckweed/fcm/fcm_loops.h"
#include "duckweed/fcm/fcm_scenario.h"

namespace duckweed::cli {
namespace {

namespace dyn = duckweed::fcm;
using core::Result;
using core::Status;
using nlohmann::json;

struct FcmCliOptions {
  std::string map_path;
  std::string concepts_path;
  std::string rule = "kosko";
  std::string transfer = "sigmoid";
  double lambda = 1.0;
  double tolerance = 1e-5;
  int max_iterations = 1000;
  std::optional<double> init_all;  // given: every concept starts there, file values ignored
  std::vector<std::string> init;
  std::vector<std::string> clamps;
  bool keep_sources = false;
  bool clamp_start = false;
  bool trajectory = false;
  bool csv = false;
  bool json = false;
};

void AddCommonOptions(CLI::App* cmd, FcmCliOptions& o) {
  cmd->add_option("MAP", o.map_path, "FCM file: edge list or matrix CSV, or JSON")->required();
  cmd->add_option("--concepts", o.concepts_path, "concepts CSV (concept[,initial]) for a map");
  cmd->add_option("--rule", o.rule, "kosko | mkosko | rescaled")
      ->check(CLI::IsMember({"kosko", "mkosko", "rescaled"}));
  cmd->add_option("--transfer", o.transfer, "sigmoid | tanh | bivalent | trivalent")
      ->check(CLI::IsMember({"sigmoid", "tanh", "bivalent", "trivalent"}));
  cmd->add_option("--lambda", o.lambda, "slope of sigmoid / tanh (default 1)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tolerance", o.tolerance, "fixed point when max|ΔA| <= this (default 1e-5)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--max-iterations", o.max_iterations, "iteration limit (default 1000)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--init-all", o.init_all,
                  "start every concept here, ignoring the file's initial values (default: the "
                  "file's value, else 1)");
  cmd->add_option("--init", o.init, "initial value of one concept, C=value (repeatable)");
  cmd->add_flag("--keep-sources", o.keep_sources,
                "hold concepts without incoming edges at their initial value (FCMpy)");
  cmd->add_flag("--clamp-start", o.clamp_start, "apply clamps at t = 0 too");
  cmd->add_flag("--csv", o.csv, "CSV on stdout");
  cmd->add_flag("--json", o.json, "machine-readable JSON on stdout");
}

// Parses "name=value" assignments against the map's concepts.
Result<std::vector<dyn::FcmClamp>> ParseAssignments(const dyn::FcmMap& map,
                                                    const std::vector<std::string>& items,
                                                    const char* flag) {
  core::DiagnosticSink sink;
  std::vector<dyn::FcmClamp> out;
  for (const std::string& item : items) {
    size_t eq = item.rfind('=');
    double value = 0.0;
    bool number = false;
    if (eq != std::string::npos) {
      try {
        size_t used = 0;
        value = std::stod(item.substr(eq + 1), &used);
        number = used == item.size() - eq - 1;
      } catch (const std::exception&) {
      }
    }
    if (!number) {
      sink.Add({"", 0, 0, flag}, fmt::format("expected CONCEPT=number, found '{}'", item));
      continue;
    }
    auto index = map.Index(item.substr(0, eq));
    if (!index) {
      sink.Add({"", 0, 0, flag}, fmt::format("unknown concept '{}': the map has {}",
                                             item.substr(0, eq), fmt::join(map.concepts(), ", ")));
      continue;
    }
    out.push_back({*index, value});
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

// Initial values and clamps must lie in the range of the transfer function, which every later
// activation does: [0, 1] for sigmoid and bivalent, [-1, 1] for tanh and trivalent. Each value
// outside is named with where it came from.
core::Status CheckActivations(const dyn::FcmMap& map, dyn::FcmTransfer transfer,
                              const std::vector<double>& initial,
                              const std::vector<dyn::FcmClamp>& inits,
                              const std::vector<dyn::FcmClamp>& clamps, const FcmCliOptions& o) {
  const bool signed_range =
      transfer == dyn::FcmTransfer::kTanh || transfer == dyn::FcmTransfer::kTrivalent;
  const double low = signed_range ? -1.0 : 0.0;
  const std::string range = fmt::format("[{}, 1], the range of the {} transfer function", low,
                                        dyn::FcmTransferName(transfer));
  auto outside = [&](double v) { return !(v >= low && v <= 1.0); };
  core::DiagnosticSink sink;
  std::vector<bool> from_option(map.size(), false);
  for (const dyn::FcmClamp& c : inits) from_option[c.concept_index] = true;
  for (const dyn::FcmClamp& c : clamps) {
    if (outside(c.value)) {
      sink.Add({"", 0, 0, "--clamp"},
               fmt::format("{}={}: expected a value in {}", map.concept_name(c.concept_index),
                           core::FormatNumber(c.value), range));
    }
  }
  for (size_t i = 0; i < map.size(); ++i) {
    if (!outside(initial[i])) continue;
    std::string from = from_option[i] ? "--init"
                       : o.init_all   ? "--init-all"
                                      : "the map's initial value";
    sink.Add({"", 0, 0, from}, fmt::format("{}={}: expected a value in {}", map.concept_name(i),
                                           core::FormatNumber(initial[i]), range));
    if (from == "--init-all") break;  // one value for every concept: said once
  }
  if (!sink.empty()) return sink.ToStatus();
  return core::Status::Ok();
}

struct Prepared {
  dyn::FcmMap map;
  dyn::FcmOptions options;
  std::vector<double> initial;
  std::vector<dyn::FcmClamp> clamps;
};

Result<Prepared> Prepare(const FcmCliOptions& o) {
  std::optional<std::filesystem::path> concepts;
  if (!o.concepts_path.empty()) concepts = o.concepts_path;
  DUCKWEED_ASSIGN_OR_RETURN(dyn::FcmMap map, dyn::ReadFcmFile(o.map_path, concepts));
  dyn::FcmOptions options;
  options.rule = *dyn::ParseFcmRule(o.rule);
  options.transfer = *dyn::ParseFcmTransfer(o.transfer);
  options.lambda = o.lambda;
  options.tolerance = o.tolerance;
  options.max_iterations = o.max_iterations;
  options.keep_source_concepts = o.keep_sources;
  options.clamp_initial_state = o.clamp_start;
  std::vector<double> initial =
      o.init_all ? std::vector<double>(map.size(), *o.init_all) : dyn::DefaultFcmInitial(map, 1.0);
  DUCKWEED_ASSIGN_OR_RETURN(auto inits, ParseAssignments(map, o.init, "--init"));
  for (const dyn::FcmClamp& c : inits) initial[c.concept_index] = c.value;
  DUCKWEED_ASSIGN_OR_RETURN(auto clamps, ParseAssignments(map, o.clamps, "--clamp"));
  DUCKWEED_RETURN_IF_ERROR(CheckActivations(map, options.transfer, initial, inits, clamps, o));
  return Prepared{std::move(map), options, std::move(initial), std::move(clamps)};
}

json RunJson(const dyn::FcmRun& run) {
  return {{"outcome", dyn::FcmOutcomeName(run.outcome)},
          {"iterations", run.iterations},
          {"period", run.period}};
}

std::string RunSummary(const dyn::FcmRun& run) {
  std::string s =
      fmt::format("{} after {} iterations", dyn::FcmOutcomeName(run.outcome), run.iterations);
  if (run.outcome == dyn::FcmOutcome::kLimitCycle) s += fmt::format(" (period {})", run.period);
  return s;
}

std::string Header(const Prepared& p) {
  return fmt::format("{} concepts, {} edges; rule {}, transfer {} (lambda {})", p.map.size(),
                     p.map.edge_count(), dyn::FcmRuleName(p.options.rule),
                     dyn::FcmTransferName(p.options.transfer), p.options.lambda);
}

size_t NameWidth(const dyn::FcmMap& map) {
  size_t w = 7;
  for (const auto& name : map.concepts()) w = std::max(w, name.size() + 1);
  return w;
}

void PrintRun(const FcmCliOptions& o, const Prepared& p, const dyn::FcmRun& run) {
  const auto& names = p.map.concepts();
  if (o.json) {
    json out = RunJson(run);
    out["rule"] = dyn::FcmRuleName(p.options.rule);
    out["transfer"] = dyn::FcmTransferName(p.options.transfer);
    out["lambda"] = p.options.lambda;
    json final_state = json::object();
    for (size_t i = 0; i < names.size(); ++i) final_state[names[i]] = run.FinalState()[i];
    out["final_state"] = final_state;
    if (o.trajectory) out["trajectory"] = run.trajectory;
    std::puts(out.dump(1).c_str());
  } else if (o.csv && o.trajectory) {
    std::string s = "iteration";
    for (const auto& n : names) s += "," + core::CsvEscape(n);
    std::puts(s.c_str());
    for (size_t t = 0; t < run.trajectory.size(); ++t) {
      fmt::print("{},{}\n", t, fmt::join(run.trajectory[t], ","));
    }
  } else if (o.csv) {
    std::puts("concept,value");
    for (size_t i = 0; i < names.size(); ++i) {
      fmt::print("{},{}\n", core::CsvEscape(names[i]), run.FinalState()[i]);
    }
  } else {
    fmt::print("{}\n{}\n", Header(p), RunSummary(run));
    const size_t w = NameWidth(p.map);
    for (size_t i = 0; i < names.size(); ++i) {
      fmt::print("  {:<{}} {:.4f}\n", names[i], w, run.FinalState()[i]);
    }
  }
}

Status RunVerb(const FcmCliOptions& o) {
  DUCKWEED_ASSIGN_OR_RETURN(Prepared p, Prepare(o));
  DUCKWEED_ASSIGN_OR_RETURN(dyn::FcmRun run, dyn::RunFcm(p.map, p.initial, p.options, p.clamps));
  PrintRun(o, p, run);
  return Status::Ok();
}

void PrintScenario(const FcmCliOptions& o, const Prepared& p, const dyn::FcmScenarioResult& r) {
  const auto& names = p.map.concepts();
  const auto& base = r.baseline.FinalState();
  const auto& scen = r.scenario.FinalState();
  if (o.json) {
    json rows = json::array();
    for (size_t i = 0; i < names.size(); ++i) {
      json row = {{"concept", names[i]},
                  {"baseline", base[i]},
                  {"scenario", scen[i]},
                  {"clamped", static_cast<bool>(r.clamped[i])}};
      row["difference"] = r.clamped[i] ? json(nullptr) : json(r.difference[i]);
      rows.push_back(row);
    }
    json out = {
        {"baseline", RunJson(r.baseline)}, {"scenario", RunJson(r.scenario)}, {"concepts", rows}};
    std::puts(out.dump(1).c_str());
  } else if (o.csv) {
    std::puts("concept,baseline,scenario,difference,clamped");
    for (size_t i = 0; i < names.size(); ++i) {
      fmt::print("{},{},{},{},{}\n", core::CsvEscape(names[i]), base[i], scen[i],
                 r.clamped[i] ? std::string() : fmt::format("{}", r.difference[i]),
                 r.clamped[i] ? "true" : "false");
    }
  } else {
    fmt::print("{}\nbaseline: {}; scenario: {}\n", Header(p), RunSummary(r.baseline),
               RunSummary(r.scenario));
    const size_t w = NameWidth(p.map);
    fmt::print("  {:<{}} {:>8} {:>8} {:>8}\n", "concept", w, "baseline", "scenario", "change");
    for (size_t i = 0; i < names.size(); ++i) {
      std::string change = r.clamped[i] ? "clamped" : fmt::format("{:+.2f}", r.difference[i]);
      fmt::print("  {:<{}} {:>8.4f} {:>8.4f} {:>8}\n", names[i], w, base[i], scen[i], change);
    }
  }
}

Status ScenarioVerb(const FcmCliOptions& o) {
  DUCKWEED_ASSIGN_OR_RETURN(Prepared p, Prepare(o));
  DUCKWEED_ASSIGN_OR_RETURN(auto result,
                            dyn::RunFcmScenario(p.map, p.initial, p.options, p.clamps));
  PrintScenario(o, p, result);
  return Status::Ok();
}

struct AggregateCliOptions {
  std::vector<std::string> maps;
  std::vector<double> credibility;
  std::string missing = "zero";
  std::string out;
  bool json = false;
};

Status AggregateVerb(const AggregateCliOptions& o) {
  std::vector<dyn::FcmMap> maps;
  for (const std::string& path : o.maps) {
    DUCKWEED_ASSIGN_OR_RETURN(dyn::FcmMap map, dyn::ReadFcmFile(path));
    maps.push_back(std::move(map));
  }
  dyn::FcmAggregateOptions options;
  options.credibility = o.credibility;
  options.missing = o.missing == "skip" ? dyn::FcmMissingEdges::kSkip : dyn::FcmMissingEdges::kZero;
  DUCKWEED_ASSIGN_OR_RETURN(dyn::FcmMap agg, dyn::AggregateFcmMaps(maps, options));
  if (!o.out.empty()) DUCKWEED_RETURN_IF_ERROR(dyn::WriteFcmFile(o.out, agg));
  if (o.json) {
    std::fputs(dyn::FcmToJson(agg).c_str(), stdout);
  } else if (o.out.empty()) {
    std::fputs(dyn::FcmToMatrixCsv(agg).c_str(), stdout);
  } else {
    fmt::print("aggregated {} maps into {} concepts, {} edges -> {}\n", maps.size(), agg.size(),
               agg.edge_count(), o.out);
  }
  return Status::Ok();
}

struct LoopsCliOptions {
  std::string map_path;
  size_t max_loops = 10000;
  bool json = false;
};

Status LoopsVerb(const LoopsCliOptions& o) {
  DUCKWEED_ASSIGN_OR_RETURN(dyn::FcmMap map, dyn::ReadFcmFile(o.map_path));
  dyn::FcmLoopReport report = dyn::FindFcmLoops(map, o.max_loops);
  auto& loops = report.loops;
  std::stable_sort(loops.begin(), loops.end(), [](const dyn::FcmLoop& a, const dyn::FcmLoop& b) {
    return a.strength > b.strength;
  });
  auto names = [&map](const dyn::FcmLoop& l) {
    std::vector<std::string> out;
    for (size_t i : l.concepts) out.push_back(map.concept_name(i));
    return out;
  };
  if (o.json) {
    json rows = json::array();
    for (const auto& l : loops) {
      rows.push_back({{"concepts", names(l)},
                      {"polarity", l.polarity > 0 ? "reinforcing" : "balancing"},
                      {"strength", l.strength}});
    }
    std::puts(json({{"loops", rows}, {"truncated", report.truncated}}).dump(1).c_str());
    return Status::Ok();
  }
  size_t reinforcing = std::count_if(loops.begin(), loops.end(),
                                     [](const dyn::FcmLoop& l) { return l.polarity > 0; });
  fmt::print("{} loops: {} reinforcing (R), {} balancing (B){}\n", loops.size(), reinforcing,
             loops.size() - reinforcing, report.truncated ? " (truncated at --max)" : "");
  for (const auto& l : loops) {
    std::vector<std::string> n = names(l);
    n.push_back(n.front());
    fmt::print("  {} {:.4f}  {}\n", l.polarity > 0 ? 'R' : 'B', l.strength, fmt::join(n, " -> "));
  }
  return Status::Ok();
}

struct ExpertCliOptions {
  std::string survey;
  std::string implication = "mamdani";
  std::string out;
};

Status ExpertVerb(const ExpertCliOptions& o) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(o.survey));
  auto implication =
      o.implication == "larsen" ? dyn::FcmImplication::kLarsen : dyn::FcmImplication::kMamdani;
  DUCKWEED_ASSIGN_OR_RETURN(dyn::FcmMap map,
                            dyn::BuildFcmFromSurveyJson(text, o.survey, implication));
  if (!o.out.empty()) return dyn::WriteFcmFile(o.out, map);
  std::fputs(dyn::FcmToEdgeCsv(map).c_str(), stdout);
  return Status::Ok();
}

}  // namespace

// `duckweed fcm ...` verbs (fuzzy cognitive maps); called from RegisterDynamicsVerbs.
void RegisterFcmVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* fcm =
      app.add_subcommand("fcm", "Fuzzy cognitive maps: run, scenario, aggregate, loops, expert");
  fcm->require_subcommand(1);

  auto run_opts = std::make_shared<FcmCliOptions>();
  CLI::App* run = fcm->add_subcommand("run", "Iterate a map to a fixed point or limit cycle");
  AddCommonOptions(run, *run_opts);
  run->add_option("--clamp", run_opts->clamps, "hold a concept at a value, C=value (repeatable)");
  run->add_flag("--trajectory", run_opts->trajectory, "every iteration, not only the final state");
  run->callback(ctx.Bind([run_opts, &ctx] {
    run_opts->json = run_opts->json || ctx.json;
    return RunVerb(*run_opts);
  }));

  auto scen_opts = std::make_shared<FcmCliOptions>();
  CLI::App* scen = fcm->add_subcommand("scenario", "Clamp concepts; report scenario - baseline");
  AddCommonOptions(scen, *scen_opts);
  scen->add_option("--clamp", scen_opts->clamps, "clamped concept, C=value (repeatable)")
      ->required();
  scen->callback(ctx.Bind([scen_opts, &ctx] {
    scen_opts->json = scen_opts->json || ctx.json;
    return ScenarioVerb(*scen_opts);
  }));

  auto agg_opts = std::make_shared<AggregateCliOptions>();
  CLI::App* agg = fcm->add_subcommand("aggregate", "Mean of several stakeholders' maps");
  agg->add_option("MAPS", agg_opts->maps, "maps to aggregate (CSV or JSON)")->required();
  agg->add_option("--credibility", agg_opts->credibility, "one weight per map (default equal)")
      ->delimiter(',');
  agg->add_option("--missing", agg_opts->missing,
                  "zero: an absent concept counts as weight 0 (default); skip: mean over the "
                  "maps that have both concepts")
      ->check(CLI::IsMember({"zero", "skip"}));
  agg->add_option("--out", agg_opts->out, "write the aggregate (.json, else matrix CSV)");
  agg->add_flag("--json", agg_opts->json, "the aggregate as JSON on stdout");
  agg->callback(ctx.Bind([agg_opts, &ctx] {
    agg_opts->json = agg_opts->json || ctx.json;
    return AggregateVerb(*agg_opts);
  }));

  auto loop_opts = std::make_shared<LoopsCliOptions>();
  CLI::App* loops = fcm->add_subcommand("loops", "Feedback loops with polarity and strength");
  loops->add_option("MAP", loop_opts->map_path, "FCM file (CSV or JSON)")->required();
  loops->add_option("--max", loop_opts->max_loops, "stop after this many loops (default 10000)");
  loops->add_flag("--json", loop_opts->json, "machine-readable JSON on stdout");
  loops->callback(ctx.Bind([loop_opts, &ctx] {
    loop_opts->json = loop_opts->json || ctx.json;
    return LoopsVerb(*loop_opts);
  }));

  auto exp_opts = std::make_shared<ExpertCliOptions>();
  CLI::App* exp = fcm->add_subcommand("expert", "Build a map from a linguistic expert survey");
  exp->add_option("SURVEY", exp_opts->survey, "survey JSON (FCMpy layout)")->required();
  exp->add_option("--implication", exp_opts->implication, "mamdani (default) | larsen")
      ->check(CLI::IsMember({"mamdani", "larsen"}));
  exp->add_option("--out", exp_opts->out, "write the map (.json, else matrix CSV)");
  exp->callback(ctx.Bind([exp_opts] { return ExpertVerb(*exp_opts); }));
}

}  // namespace duckweed::cli
