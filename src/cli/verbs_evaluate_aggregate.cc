// `evaluate aggregate` (Choquet, stand-alone sum, systemic surplus, weighted sum and balance per
// row) and `evaluate identify` (a capacity from judged examples).
#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/systemic/identify.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

Status RunAggregate(const std::string& capacity_path, const std::string& scores_path, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(auto capacity, LoadCapacity(capacity_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(scores_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto rows, evaluate::AggregateCsv(capacity, table));
  if (json) {
    ordered_json out;
    out["capacity"] = capacity_path;
    out["scores"] = scores_path;
    out["domains"] = capacity.criteria();
    out["rows"] = ordered_json::array();
    for (const auto& row : rows) {
      ordered_json r;
      r["label"] = row.label;
      r["line"] = row.line;
      auto field = [&](double evaluate::Aggregate::*f) {
        return OptionalNumber(row.result ? std::optional((*row.result).*f) : std::nullopt);
      };
      r["choquet"] = field(&evaluate::Aggregate::choquet);
      r["standalone_sum"] = field(&evaluate::Aggregate::standalone_sum);
      r["surplus"] = field(&evaluate::Aggregate::surplus);
      r["weighted_sum"] = field(&evaluate::Aggregate::weighted_sum);
      r["balance"] = field(&evaluate::Aggregate::balance);
      r["missing"] = row.missing;
      out["rows"].push_back(std::move(r));
    }
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%-24s %9s %10s %9s %12s %9s\n", "row", "choquet", "standalone", "surplus",
              "weighted_sum", "balance");
  for (const auto& row : rows) {
    if (!row.result) {
      std::printf("%-24s %9s %10s %9s %12s %9s  (missing: %s)\n", row.label.c_str(), "-", "-", "-",
                  "-", "-", fmt::format("{}", fmt::join(row.missing, ", ")).c_str());
      continue;
    }
    const auto& a = *row.result;
    std::printf("%-24s %9.4f %10.4f %+9.4f %12.4f %+9.4f\n", row.label.c_str(), a.choquet,
                a.standalone_sum, Clean(a.surplus), a.weighted_sum, Clean(a.balance));
  }
  std::printf(
      "surplus = choquet - standalone: what the domains add by advancing together; "
      "balance = choquet - weighted_sum: the penalty for an unbalanced profile\n");
  return Status::Ok();
}

struct EvaluateOptions {
  std::string capacity, scores;
  bool json = false;
};

void RegisterAggregate(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<EvaluateOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "aggregate",
      "Choquet integral of each row of domain scores, split into stand-alone sum and systemic "
      "surplus, beside the Shapley-weighted sum and the balance (Choquet - weighted sum)");
  cmd->add_option("--capacity", opts->capacity,
                  "Capacity JSON: {\"shapley\":{domain:phi},\"interaction\":{\"a|b\":I}}")
      ->required();
  cmd->add_option("--scores", opts->scores,
                  "CSV: one column per domain (scores in [0,1]), "
                  "optional label columns town/year")
      ->required();
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind(
      [opts, &ctx] { return RunAggregate(opts->capacity, opts->scores, opts->json || ctx.json); }));
}

struct IdentifyOptions {
  std::string examples, judgement = "judgement", out;
  bool json = false;
};

Status RunIdentify(const IdentifyOptions& o, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(o.examples));
  DUCKWEED_ASSIGN_OR_RETURN(auto found, evaluate::IdentifyCapacityFromCsv(table, o.judgement));
  const std::string capacity_json = evaluate::CapacityToJson(found.capacity);
  if (!o.out.empty()) DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(o.out, capacity_json));
  if (json) {
    ordered_json out;
    out["examples"] = o.examples;
    out["count"] = table.row_count();
    out["rmse"] = found.rmse;
    out["iterations"] = found.iterations;
    out["converged"] = found.converged;
    out["capacity"] = ordered_json::parse(capacity_json);
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("identified from %zu examples: rmse %.6g (%d iterations%s)\n", table.row_count(),
              found.rmse, found.iterations, found.converged ? "" : ", not converged");
  if (o.out.empty())
    std::printf("%s", capacity_json.c_str());
  else
    std::printf("capacity written to %s\n", o.out.c_str());
  return Status::Ok();
}

void RegisterIdentify(CLI::App& evaluate, CliContext& ctx) {
  auto opts = std::make_shared<IdentifyOptions>();
  CLI::App* cmd = evaluate.add_subcommand(
      "identify", "Least-squares 2-additive capacity from judged examples (as Kappalab)");
  cmd->add_option("--examples", opts->examples,
                  "CSV: one column per domain (scores in [0,1]), a judgement column, labels")
      ->required();
  cmd->add_option("--judgement", opts->judgement, "Name of the overall judgement column")
      ->capture_default_str();
  cmd->add_option("--out", opts->out, "Write the capacity JSON here (atomically)");
  cmd->add_flag("--json", opts->json, "Machine-readable JSON on stdout");
  cmd->callback(ctx.Bind([opts, &ctx] { return RunIdentify(*opts, opts->json || ctx.json); }));
}

}  // namespace

void RegisterEvaluateAggregate(CLI::App& evaluate, CliContext& ctx) {
  RegisterAggregate(evaluate, ctx);
  RegisterIdentify(evaluate, ctx);
}

}  // namespace duckweed::cli
