// `duckweed qca`: truth table and minimisation of a CSV of cases (conditions + outcome).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/qca_cases_query.h"
#include "cli/qca_cases_table.h"
#include "cli/qca_save_recipe.h"
#include "cli/verbs.h"
#include "duckweed/app/qca_robustness.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/core/progress.h"
#include "duckweed/qca/calibrate.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/intermediate.h"
#include "duckweed/qca/necessity.h"
#include "duckweed/qca/recipe.h"
#include "duckweed/qca/report.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"
#include "duckweed/store/recipes.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {

namespace {

struct QcaArgs {
  std::string data;
  std::string outcome;
  std::string conditions;
  std::string case_column = "case";
  bool neg_out = false;
  std::vector<double> incl_cut = {1.0};
  int n_cut = 1;
  double pri_cut = 0;
  bool complete = false;
  size_t max_cases = 10;
  size_t max_models = 20;  // 0: all
  std::string include;     // "", "?", "?,C", "C"
  std::string solution = "both";
  bool all_sol = false;
  bool row_dom = false;
  std::string save_recipes;
  std::string save_recipe;  // a name in the store
  bool replace = false;
  std::string dir_exp;
  double time_limit = 300;  // seconds per minimisation; 0: none
};

struct CalibrateArgs {
  std::string data;
  std::string column;
  std::string case_column = "case";
  std::vector<double> anchors;     // exclusion, crossover, inclusion
  std::vector<double> thresholds;  // crisp
  double idm = 0.95;
};

struct NecessityArgs {
  std::string data;
  std::string outcome;
  std::string conditions;
  std::string case_column = "case";
  double incl_cut = 1.0;
  double cov_cut = 0.0;
};

struct CasesArgs {
  std::vector<std::string> territories;
  bool all_with_initiatives = false;
  std::string network, country, population, ids_file;
  std::vector<std::string> conditions;        // NAME=SPEC
  std::vector<std::string> levers, contexts;  // NAME=SPEC, tagged
  std::string outcome;                        // NAME=SPEC
  std::string missing = "error";
  std::string out;
};

struct RobustnessArgs {
  std::string data;
  std::string outcome;
  std::string conditions;
  std::string case_column = "case";
  std::vector<double> incl_cuts = {0.7, 0.75, 0.8, 0.85, 0.9};
  std::vector<int> n_cuts = {1};
  std::string solution = "both";
  std::vector<std::string> anchors;  // COL=E,C,I;E,C,I (calibration variants of raw columns)
  double time_limit = 300;           // seconds for the whole grid; 0: none
};

// "MIN:MAX", "MIN:" or ":MAX" (population band, MAX excluded).
core::Status ParseBand(const std::string& text, CaseTableRequest& r) {
  const size_t colon = text.find(':');
  auto number = [&](const std::string& s, std::optional<double>& out) -> core::Status {
    if (s.empty()) return core::Status::Ok();
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || v < 0) {
      return core::Status::Usage(
          fmt::format("--population: expected MIN:MAX (e.g. 2000:20000), found '{}'", text));
    }
    out = v;
    return core::Status::Ok();
  };
  if (colon == std::string::npos) {
    return core::Status::Usage(
        fmt::format("--population: expected MIN:MAX (e.g. 2000:20000), found '{}'", text));
  }
  DUCKWEED_RETURN_IF_ERROR(number(text.substr(0, colon), r.min_population));
  return number(text.substr(colon + 1), r.max_population);
}

// One territory id or name per line; blank lines and '#' comments skipped.
core::Result<std::vector<std::string>> ReadIdsFile(const std::string& path) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  std::vector<std::string> ids;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') ids.push_back(line);
    start = end + 1;
  }
  if (ids.empty()) return core::Status::InvalidInput(fmt::format("{}: no ids in the file", path));
  return ids;
}

// How many cases have each condition and the outcome, with the lever/context tags.
void PrintCaseSummary(const CaseTable& table,
                      const std::vector<std::pair<std::string, std::string>>& tags,
                      const std::string& outcome) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    double sum = 0;
    for (const auto& row : table.values) sum += row[c];
    std::string tag = table.columns[c] == outcome ? "outcome" : "condition";
    for (const auto& [column, t] : tags) {
      if (column == table.columns[c]) tag = t;
    }
    std::printf("  %-12s %-9s mean membership %.3f (%.0f of %zu cases in the set)\n",
                table.columns[c].c_str(), tag.c_str(), sum / table.values.size(), sum,
                table.values.size());
  }
}

core::Status RunCases(const CasesArgs& a, const CliContext& ctx) {
  const int sources =
      !a.territories.empty() + a.all_with_initiatives + !a.network.empty() + !a.ids_file.empty();
  if (sources != 1) {
    return core::Status::Usage(
        "qca cases: choose the cases with one of --network NAME, --ids-file FILE, "
        "--territories ID,... or --all-with-initiatives");
  }
  CaseTableRequest request;
  request.territories = a.territories;
  request.all_with_initiatives = a.all_with_initiatives;
  request.network = a.network;
  request.country = a.country;
  if (!a.population.empty()) DUCKWEED_RETURN_IF_ERROR(ParseBand(a.population, request));
  if (!a.ids_file.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(request.ids, ReadIdsFile(a.ids_file));
  }
  request.drop_missing = a.missing == "drop";
  std::vector<std::pair<std::string, std::string>> tags;  // (column, lever|context)
  for (const auto* list : {&a.conditions, &a.levers, &a.contexts}) {
    for (const auto& c : *list) {
      DUCKWEED_ASSIGN_OR_RETURN(NamedSpec named, ParseNamedSpec(c));
      if (list != &a.conditions) {
        tags.emplace_back(named.name, list == &a.levers ? "lever" : "context");
      }
      request.conditions.push_back(std::move(named));
    }
  }
  if (request.conditions.empty()) {
    return core::Status::Usage("qca cases: give at least one --lever, --context or --condition");
  }
  DUCKWEED_ASSIGN_OR_RETURN(request.outcome, ParseNamedSpec(a.outcome));
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
  DUCKWEED_ASSIGN_OR_RETURN(CaseTable table, BuildCaseTable(*db, request));
  std::string csv = CaseTableCsv(table);
  if (!a.out.empty()) {
    CaseQuery query{request, tags, DescribeCaseBase(request), table.values.size(),
                    table.dropped.size()};
    DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(a.out, csv));
    DUCKWEED_RETURN_IF_ERROR(
        core::WriteFileAtomic(CaseQueryPath(a.out), CaseQueryToJson(query).dump(2) + "\n"));
  }
  if (ctx.json) {
    nlohmann::json j;
    j["columns"] = table.columns;
    j["cases"] = nlohmann::json::array();
    for (size_t i = 0; i < table.values.size(); ++i) {
      nlohmann::json values = nlohmann::json::array();
      for (double v : table.values[i]) {  // crisp and multi-value levels stay integers
        values.push_back(v == std::floor(v) ? nlohmann::json(static_cast<int>(v))
                                            : nlohmann::json(v));
      }
      j["cases"].push_back({{"case", table.case_names[i]},
                            {"territory", table.territory_ids[i]},
                            {"values", values}});
    }
    j["dropped"] = table.dropped;
    j["tags"] = nlohmann::json::object();
    for (const auto& [column, tag] : tags) j["tags"][column] = tag;
    std::printf("%s\n", j.dump(2).c_str());
    return core::Status::Ok();
  }
  if (a.out.empty()) {
    std::printf("%s", csv.c_str());
  } else {
    std::printf("%zu cases x %zu columns written to %s\n", table.values.size(),
                table.columns.size(), a.out.c_str());
    PrintCaseSummary(table, tags, request.outcome.name);
  }
  const size_t shown = std::min<size_t>(table.dropped.size(), 5);
  for (size_t i = 0; i < shown; ++i)
    std::fprintf(stderr, "dropped (missing data): %s\n", table.dropped[i].c_str());
  if (shown < table.dropped.size()) {
    std::fprintf(stderr, "dropped (missing data): %zu more (--json lists them all)\n",
                 table.dropped.size() - shown);
  }
  return core::Status::Ok();
}

core::Status RunRobustnessVerb(const RobustnessArgs& a, const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(a.data));
  app::RobustnessRequest request;
  request.spec.outcome = a.outcome;
  request.spec.conditions = qca::SplitNames(a.conditions);
  request.spec.case_column = a.case_column;
  request.anchors = a.anchors;
  request.grid.incl_cuts = a.incl_cuts;
  request.grid.n_cuts = a.n_cuts;
  if (a.solution != "both") request.grid.kinds = {a.solution};
  request.grid.time_limit_s = a.time_limit;
  auto progress = std::make_optional<core::Progress>("robustness grid", 0);
  request.grid.progress = &*progress;
  DUCKWEED_ASSIGN_OR_RETURN(app::RobustnessResult r, app::RobustnessOfTable(table, request));
  progress.reset();  // the line ends before the results
  std::printf("%s\n", ctx.json ? app::RobustnessJson(r).c_str() : app::RobustnessText(r).c_str());
  return core::Status::Ok();
}

core::Result<std::vector<double>> ReadColumn(const core::CsvTable& t, const std::string& name) {
  core::DiagnosticSink sink;
  auto col = t.RequireColumn(name, sink);
  std::vector<double> out;
  if (col) {
    for (size_t r = 0; r < t.row_count(); ++r) out.push_back(t.Real(r, *col, sink).value_or(0));
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

core::Status RunCalibrate(const CalibrateArgs& a, const CliContext& ctx) {
  if (a.anchors.empty() == a.thresholds.empty()) {
    return core::Status::Usage("give either --anchors e,c,i (fuzzy) or --thresholds t1[,t2...]");
  }
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(a.data));
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<double> x, ReadColumn(table, a.column));
  core::Result<std::vector<double>> m = std::vector<double>{};
  if (!a.anchors.empty()) {
    if (a.anchors.size() != 3) {
      return core::Status::Usage(
          fmt::format("--anchors: expected 3 values, found {}", a.anchors.size()));
    }
    m = qca::CalibrateFuzzy(x, {a.anchors[0], a.anchors[1], a.anchors[2], a.idm});
  } else {
    m = qca::CalibrateCrisp(x, a.thresholds);
  }
  if (!m.ok()) {  // name the column being calibrated
    return core::Status::InvalidInput(
        fmt::format("calibrating column '{}': {}", a.column, m.status().message()));
  }
  auto case_col = table.ColumnIndex(a.case_column);
  if (ctx.json) {
    nlohmann::json j;
    j["column"] = a.column;
    j["values"] = nlohmann::json::array();
    for (size_t i = 0; i < m->size(); ++i) {
      j["values"].push_back({{"case", case_col ? table.text(i, *case_col) : std::to_string(i + 1)},
                             {"raw", x[i]},
                             {"membership", (*m)[i]}});
    }
    std::printf("%s\n", j.dump().c_str());
    return core::Status::Ok();
  }
  std::printf("%s,%s\n", a.case_column.c_str(), a.column.c_str());
  for (size_t i = 0; i < m->size(); ++i) {
    std::string id = case_col ? table.text(i, *case_col) : std::to_string(i + 1);
    std::printf("%s,%.15g\n", core::CsvEscape(id).c_str(), (*m)[i]);
  }
  return core::Status::Ok();
}

core::Status RunNecessity(const NecessityArgs& a, const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(a.data));
  qca::DatasetSpec spec;
  spec.outcome = a.outcome;
  spec.conditions = qca::SplitNames(a.conditions);
  spec.case_column = a.case_column;
  DUCKWEED_ASSIGN_OR_RETURN(qca::Dataset data, qca::DatasetFromCsv(table, spec));
  qca::NecessityOptions no;
  no.incl_cut = a.incl_cut;
  no.cov_cut = a.cov_cut;
  DUCKWEED_ASSIGN_OR_RETURN(auto results, qca::SuperSubset(data, no));
  if (ctx.json) {
    std::string out = "{\"necessity\": [";
    for (size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      out += fmt::format(
          "{}{{\"expression\": \"{}\", \"inclN\": {}, \"RoN\": {}, "
          "\"covN\": {}}}",
          i ? ", " : "", r.expression, r.incl, r.ron, r.cov);
    }
    std::printf("%s]}\n", out.c_str());
    return core::Status::Ok();
  }
  size_t width = 4;
  for (const auto& r : results) width = std::max(width, r.expression.size());
  std::printf("%*s  inclN   RoN   covN\n", static_cast<int>(width + 4), "");
  for (size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    std::printf("%-3zu %*s  %.3f  %.3f  %.3f\n", i + 1, static_cast<int>(width),
                r.expression.c_str(), r.incl, r.ron, r.cov);
  }
  return core::Status::Ok();
}

core::Status RunQca(const QcaArgs& a, const CliContext& ctx) {
  if (a.data.empty() || a.outcome.empty()) {
    return core::Status::Usage("qca: expected DATA.csv and --outcome (see duckweed qca --help)");
  }
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(a.data));
  qca::DatasetSpec spec;
  spec.outcome = (a.neg_out ? "~" : "") + a.outcome;
  spec.conditions = qca::SplitNames(a.conditions);
  spec.case_column = a.case_column;
  DUCKWEED_ASSIGN_OR_RETURN(qca::Dataset data, qca::DatasetFromCsv(table, spec));
  qca::TruthTableOptions tto{a.incl_cut, a.n_cut, a.pri_cut};
  DUCKWEED_ASSIGN_OR_RETURN(qca::TruthTable tt, qca::BuildTruthTable(data, tto));
  std::vector<qca::Solution> solutions;
  auto solve = [&](bool remainders) -> core::Status {
    qca::SolveOptions so;
    so.include_remainders = remainders;
    so.include_contradictions = a.include.find('C') != std::string::npos;
    so.all_sol = a.all_sol;
    so.row_dom = a.row_dom;
    so.time_limit_s = a.time_limit;
    so.max_models_kept = a.max_models == 0 ? SIZE_MAX : a.max_models;
    DUCKWEED_ASSIGN_OR_RETURN(qca::Solution s, qca::Solve(tt, so));
    solutions.push_back(std::move(s));
    return core::Status::Ok();
  };
  const bool want_complex = a.solution == "complex" || a.solution == "both";
  const bool want_pars = a.solution == "parsimonious" || a.solution == "both" ||
                         a.include.find('?') != std::string::npos;
  if (want_complex && a.include.find('?') == std::string::npos) {
    DUCKWEED_RETURN_IF_ERROR(solve(false));
  }
  if (want_pars) DUCKWEED_RETURN_IF_ERROR(solve(true));
  if (!a.dir_exp.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(auto expected, qca::ParseDirectionalExpectations(data, a.dir_exp));
    qca::SolveOptions so;
    so.include_contradictions = a.include.find('C') != std::string::npos;
    so.row_dom = a.row_dom;
    so.time_limit_s = a.time_limit;
    DUCKWEED_ASSIGN_OR_RETURN(auto inter, qca::SolveIntermediate(tt, so, expected));
    for (size_t i = 0; i < inter.size(); ++i) {
      // C1P1 is "intermediate"; further complex x parsimonious pairs are named after the pair.
      inter[i].solution.kind =
          i == 0 ? std::string("intermediate") : "intermediate_" + inter[i].name;
      solutions.push_back(std::move(inter[i].solution));
    }
  }
  if (!a.save_recipes.empty() && !solutions.empty()) {
    DUCKWEED_RETURN_IF_ERROR(
        qca::WriteRecipesFile(a.save_recipes, qca::RecipesFromSolution(tt, solutions.back())));
  }
  if (!a.save_recipe.empty()) {
    if (solutions.empty()) return core::Status::Usage("--save-recipe: no solution to save");
    DUCKWEED_ASSIGN_OR_RETURN(store::RecipeRecord record,
                              MakeRecipeRecord(a.save_recipe, a.data, tt, solutions.back()));
    DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
    DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
    DUCKWEED_RETURN_IF_ERROR(store::SaveRecipe(*db, record, a.replace));
    std::fprintf(
        stderr, "recipe '%s' stored: %zu terms of the %s solution (`duckweed recipes show %s`)\n",
        a.save_recipe.c_str(), record.terms.size(), record.solution.c_str(), a.save_recipe.c_str());
  }
  if (ctx.json) {
    std::printf("%s\n", qca::AnalysisJson(tt, solutions, a.complete).c_str());
    return core::Status::Ok();
  }
  std::printf("%s\n", qca::FormatTruthTable(tt, a.complete, a.max_cases).c_str());
  for (const auto& s : solutions) {
    std::printf("%s\n", qca::FormatSolution(tt, s, a.max_cases).c_str());
  }
  return core::Status::Ok();
}

}  // namespace

void RegisterQcaVerbs(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<QcaArgs>();
  CLI::App* qca = app.add_subcommand(
      "qca", "Qualitative Comparative Analysis: truth table and exact minimisation");
  qca->add_option("data", args->data, "CSV of cases: a case column, conditions and the outcome");
  qca->add_option("-o,--outcome", args->outcome, "Outcome column (\"~Y\" for its negation)");
  qca->add_option("-c,--conditions", args->conditions,
                  "Conditions, comma-separated, in order (default: all other columns)");
  qca->add_option("--case-column", args->case_column, "Column naming the cases")
      ->capture_default_str();
  qca->add_flag("--neg-out", args->neg_out, "Explain the negated outcome");
  qca->add_option("--incl-cut", args->incl_cut,
                  "Inclusion cut-off for OUT=1 and, optionally, a second one for OUT=C")
      ->delimiter(',')
      ->expected(1, 2);
  qca->add_option("--n-cut", args->n_cut, "Minimum cases for a row not to be a remainder")
      ->capture_default_str();
  qca->add_option("--pri-cut", args->pri_cut, "PRI cut-off for OUT=1")->capture_default_str();
  qca->add_flag("--complete", args->complete, "List remainder rows too");
  qca->add_option("--cases", args->max_cases,
                  "At most this many case names per truth-table row (the count n is always "
                  "printed; --json lists every case)")
      ->capture_default_str();
  qca->add_option("--models", args->max_models,
                  "Print (and in --json list) at most this many models, fitted; the count of "
                  "minimal models and the terms common to all are always given; 0: all")
      ->capture_default_str();
  qca->add_option("--include", args->include,
                  "Output values to include as don't-cares: \"?\" (remainders), \"C\" or \"?,C\"");
  qca->add_option("--solution", args->solution, "complex, parsimonious or both")
      ->check(CLI::IsMember({"complex", "parsimonious", "both"}))
      ->capture_default_str();
  qca->add_flag("--all-sol", args->all_sol, "List every irredundant model, not only the minimal");
  qca->add_flag("--row-dom", args->row_dom, "Apply row dominance to the prime implicant chart");
  qca->add_option("--save-recipes", args->save_recipes,
                  "Write the terms of the last solution as recipes (JSON) with exemplar cases");
  qca->add_option("--save-recipe", args->save_recipe,
                  "Store the terms of the last solution as recipe NAME, with provenance (the case "
                  "base query of `qca cases --out`, outcome, cut-offs, tags, date, fit); see "
                  "`duckweed recipes`");
  qca->add_flag("--replace", args->replace, "With --save-recipe: replace a recipe of that name");
  qca->add_option("--time-limit", args->time_limit,
                  "Seconds a minimisation may take before a 'problem too large' error (exit 1); "
                  "0: no limit")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  qca->add_option("--dir-exp", args->dir_exp,
                  "Directional expectations for the intermediate solution: A=1,B=0,C=- "
                  "(multi-value: D=1;2; conjunctions in R notation: ~A*B)");
  qca->require_subcommand(0, 1);
  qca->callback(ctx.Bind([args, &ctx, qca] {
    if (!qca->get_subcommands().empty()) return ctx.outcome;
    return RunQca(*args, ctx);
  }));

  auto cal = std::make_shared<CalibrateArgs>();
  CLI::App* c = qca->add_subcommand("calibrate", "Calibrate a raw column into set memberships");
  c->add_option("data", cal->data, "CSV file")->required();
  c->add_option("--column", cal->column, "Column to calibrate")->required();
  c->add_option("--case-column", cal->case_column, "Column naming the cases")
      ->capture_default_str();
  c->add_option("--anchors", cal->anchors,
                "Fuzzy direct method: exclusion,crossover,inclusion (decreasing when reversed)")
      ->delimiter(',');
  c->add_option("--thresholds", cal->thresholds, "Crisp thresholds t1[,t2...]")->delimiter(',');
  c->add_option("--idm", cal->idm, "Membership at the inclusion anchor")->capture_default_str();
  c->callback(ctx.Bind([cal, &ctx] { return RunCalibrate(*cal, ctx); }));

  auto nec = std::make_shared<NecessityArgs>();
  CLI::App* n = qca->add_subcommand(
      "necessity", "Necessary conditions, conjunctions and disjunctions (like superSubset)");
  n->add_option("data", nec->data, "CSV of cases")->required();
  n->add_option("-o,--outcome", nec->outcome, "Outcome column (\"~Y\" for its negation)")
      ->required();
  n->add_option("-c,--conditions", nec->conditions, "Conditions, comma-separated");
  n->add_option("--case-column", nec->case_column, "Column naming the cases")
      ->capture_default_str();
  n->add_option("--incl-cut", nec->incl_cut, "inclN cut-off")->capture_default_str();
  n->add_option("--cov-cut", nec->cov_cut, "covN cut-off")->capture_default_str();
  n->callback(ctx.Bind([nec, &ctx] { return RunNecessity(*nec, ctx); }));

  auto cases = std::make_shared<CasesArgs>();
  CLI::App* cs = qca->add_subcommand(
      "cases",
      "Build a case table (CSV for `duckweed qca`: crisp, multi-value or fuzzy) from the store");
  cs->add_option("--territories", cases->territories, "Territory ids or names, comma-separated")
      ->delimiter(',');
  cs->add_option("--network", cases->network,
                 "The members of this network (from `import table --network`)");
  cs->add_option("--ids-file", cases->ids_file, "A file of territory ids or names, one a line");
  cs->add_option("--country", cases->country, "Only territories of this country (ISO alpha-2)");
  cs->add_option("--population", cases->population,
                 "Only territories with MIN <= population < MAX (MIN:MAX, MIN: or :MAX)");
  cs->add_option("--lever", cases->levers,
                 "NAME=SPEC, a condition a town can act on (a network joined through a "
                 "coordinator, a co-produced project); repeatable");
  cs->add_option("--context", cases->contexts,
                 "NAME=SPEC, a condition a town cannot act on (size, country); repeatable");
  cs->add_flag("--all-with-initiatives", cases->all_with_initiatives,
               "Every territory with at least one initiative");
  cs->add_option("--condition", cases->conditions,
                 "NAME=SPEC, repeatable; SPEC: initiative:DOMAIN[:INVOLVEMENT] (DOMAIN or *), "
                 "population<N, population>=N, indicator:ID>=X, country:CC; calibrated: "
                 "population:fuzzy=EXCL,CROSS,INCL (direct method), population:levels=T1,T2 "
                 "(multi-value), indicator:ID:fuzzy=..., indicator:ID:levels=...; from `import "
                 "table`: member:NETWORK[:coordinator|supporter|direct], joined:NETWORK<=YEAR, "
                 "attr:NAME=V1|V2, attr:NAME>=X; results: trend:ID[@FROM-TO]>X (least-squares "
                 "slope per year of indicator ID), score:FILE:COLUMN>=X (an evaluation score CSV)");
  cs->add_option("--outcome", cases->outcome, "NAME=SPEC for the outcome column")->required();
  cs->add_option("--missing", cases->missing, "A territory lacking data: error or drop")
      ->check(CLI::IsMember({"error", "drop"}))
      ->capture_default_str();
  cs->add_option("--out", cases->out, "Write the CSV here (default: stdout)");
  cs->callback(ctx.Bind([cases, &ctx] { return RunCases(*cases, ctx); }));

  auto rob = std::make_shared<RobustnessArgs>();
  CLI::App* r = qca->add_subcommand(
      "robustness",
      "Share of a calibration x inclusion x frequency cut-off grid at which each term appears");
  r->add_option("data", rob->data, "CSV of cases")->required();
  r->add_option("-o,--outcome", rob->outcome, "Outcome column (\"~Y\" for its negation)")
      ->required();
  r->add_option("-c,--conditions", rob->conditions, "Conditions, comma-separated");
  r->add_option("--case-column", rob->case_column, "Column naming the cases")
      ->capture_default_str();
  r->add_option("--incl-cuts", rob->incl_cuts, "Inclusion cut-offs of the grid")
      ->delimiter(',')
      ->capture_default_str();
  r->add_option("--n-cuts", rob->n_cuts, "Frequency cut-offs of the grid")
      ->delimiter(',')
      ->capture_default_str();
  r->add_option("--solution", rob->solution, "complex, parsimonious or both")
      ->check(CLI::IsMember({"complex", "parsimonious", "both"}))
      ->capture_default_str();
  r->add_option("--anchors", rob->anchors,
                "COL=E,C,I;E,C,I...: calibrate raw column COL (direct method) with each anchor "
                "set in turn; repeatable, the grid spans every combination");
  r->add_option("--time-limit", rob->time_limit,
                "Seconds the whole grid may take before a 'did not finish' error (exit 1) saying "
                "how many grid points were done; 0: no limit")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  r->callback(ctx.Bind([rob, &ctx] { return RunRobustnessVerb(*rob, ctx); }));
}

}  // namespace duckweed::cli
