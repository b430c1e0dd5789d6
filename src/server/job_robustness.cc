#include "server/job_robustness.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "duckweed/app/qca_robustness.h"
#include "duckweed/core/csv.h"
#include "server/json_body.h"

namespace duckweed::server {
namespace {

using core::Result;
using core::Status;
using nlohmann::json;

Status Bad(const std::string& field, std::string message) {
  return Status::InvalidInput(std::move(message), {"body", 0, 0, field});
}

// The grid's bounds: a request never asks for more than a few thousand minimisations.
constexpr size_t kMaxInclCuts = 50, kMaxNCuts = 20, kMaxAnchors = 4;

Status CheckGrid(const app::RobustnessOptions& grid) {
  if (grid.incl_cuts.empty() || grid.incl_cuts.size() > kMaxInclCuts) {
    return Bad("incl_cuts", fmt::format("expected 1 to {} cut-offs, found {}", kMaxInclCuts,
                                        grid.incl_cuts.size()));
  }
  for (const double c : grid.incl_cuts) {
    if (!(c > 0 && c <= 1)) {
      return Bad("incl_cuts", fmt::format("expected cut-offs in (0,1], found {}", c));
    }
  }
  if (grid.n_cuts.empty() || grid.n_cuts.size() > kMaxNCuts) {
    return Bad("n_cuts",
               fmt::format("expected 1 to {} cut-offs, found {}", kMaxNCuts, grid.n_cuts.size()));
  }
  for (const int n : grid.n_cuts) {
    if (n < 1 || n > 100'000) {
      return Bad("n_cuts", fmt::format("expected whole numbers 1..100000, found {}", n));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<JobWork> RobustnessJob(const ServerContext& ctx, const json& parameters) {
  if (ctx.options.cases.empty()) {
    return Status::NotFound(
        "this server has no case base for robustness jobs (serve --cases FILE, the CSV of "
        "`duckweed qca cases`)");
  }
  BodyFields f(parameters, {{"outcome", FieldType::kString, false},
                            {"conditions", FieldType::kStrings, false},
                            {"incl_cuts", FieldType::kNumbers, false},
                            {"n_cuts", FieldType::kIntegers, false},
                            {"solution", FieldType::kString, false},
                            {"anchors", FieldType::kStrings, false}});
  DUCKWEED_RETURN_IF_ERROR(f.Check());
  app::RobustnessRequest request;
  app::RobustnessOptions& grid = request.grid;
  if (parameters.contains("incl_cuts")) grid.incl_cuts = f.Numbers("incl_cuts");
  if (!parameters.contains("incl_cuts")) grid.incl_cuts = {0.7, 0.75, 0.8, 0.85, 0.9};
  if (parameters.contains("n_cuts")) {
    grid.n_cuts.clear();
    for (const int64_t n : f.Integers("n_cuts")) {
      grid.n_cuts.push_back(static_cast<int>(std::clamp<int64_t>(n, -1, 1'000'000)));
    }
  }
  DUCKWEED_RETURN_IF_ERROR(CheckGrid(grid));
  const std::string solution = f.Text("solution").empty() ? "both" : f.Text("solution");
  if (solution != "both" && solution != "complex" && solution != "parsimonious") {
    return Bad("solution", fmt::format("expected complex, parsimonious or both, found '{}'",
                                       solution.substr(0, 64)));
  }
  if (solution != "both") grid.kinds = {solution};
  request.anchors = f.Strings("anchors");
  if (request.anchors.size() > kMaxAnchors) {
    return Bad("anchors", fmt::format("expected at most {} anchor specs, found {}", kMaxAnchors,
                                      request.anchors.size()));
  }
  // A minimisation stops at the job's time limit too, not only between grid points.
  grid.time_limit_s = ctx.options.job_time_limit;
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(ctx.options.cases));
  request.spec.outcome = f.Text("outcome");
  if (request.spec.outcome.empty() && table.column_count() > 0) {
    request.spec.outcome = table.header().back();
  }
  request.spec.conditions = f.Strings("conditions");
  // The columns and the anchors are checked now, so that a bad name is a 400 and nothing runs.
  if (request.anchors.empty()) {
    DUCKWEED_RETURN_IF_ERROR(qca::DatasetFromCsv(table, request.spec).status());
  } else {
    auto variants = app::CalibrationVariants(table, request.spec, request.anchors);
    if (!variants.ok()) return Bad("anchors", variants.status().message());
  }
  return JobWork([table = std::move(table),
                  request](core::WorkControl& control) -> Result<nlohmann::ordered_json> {
    app::RobustnessRequest run = request;
    run.grid.control = &control;
    DUCKWEED_ASSIGN_OR_RETURN(app::RobustnessResult r, app::RobustnessOfTable(table, run));
    return nlohmann::ordered_json::parse(app::RobustnessJson(r));
  });
}

}  // namespace duckweed::server
