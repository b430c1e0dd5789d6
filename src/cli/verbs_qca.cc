// `duckweed qca`: truth table and minimisation of a CSV of cases (conditions + outcome).
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/verbs.h"
#include "duckweed/core/csv.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/report.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"

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
  std::string include;  // "", "?", "?,C", "C"
  std::string solution = "both";
  bool all_sol = false;
  bool row_dom = false;
};

core::Status RunQca(const QcaArgs& a, const CliContext& ctx) {
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
  if (ctx.json) {
    std::printf("%s\n", qca::AnalysisJson(tt, solutions, a.complete).c_str());
    return core::Status::Ok();
  }
  std::printf("%s\n", qca::FormatTruthTable(tt, a.complete).c_str());
  for (const auto& s : solutions) std::printf("%s\n", qca::FormatSolution(tt, s).c_str());
  return core::Status::Ok();
}

}  // namespace

void RegisterQcaVerbs(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<QcaArgs>();
  CLI::App* qca = app.add_subcommand(
      "qca", "Qualitative Comparative Analysis: truth table and exact minimisation");
  qca->add_option("data", args->data, "CSV of cases: a case column, conditions and the outcome")
      ->required();
  qca->add_option("-o,--outcome", args->outcome, "Outcome column (\"~Y\" for its negation)")
      ->required();
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
  qca->add_option("--include", args->include,
                  "Output values to include as don't-cares: \"?\" (remainders), \"C\" or \"?,C\"");
  qca->add_option("--solution", args->solution, "complex, parsimonious or both")
      ->check(CLI::IsMember({"complex", "parsimonious", "both"}))
      ->capture_default_str();
  qca->add_flag("--all-sol", args->all_sol, "List every irredundant model, not only the minimal");
  qca->add_flag("--row-dom", args->row_dom, "Apply row dominance to the prime implicant chart");
  qca->callback(ctx.Bind([args, &ctx] { return RunQca(*args, ctx); }));
}

}  // namespace duckweed::cli
