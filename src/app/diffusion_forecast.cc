// The calibrated forecast over the channels of the networks of places (app/diffusion_forecast.h).
#include "duckweed/app/diffusion_forecast.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "duckweed/core/file.h"
#include "duckweed/diffusion/calendar.h"

namespace duckweed::app {

using core::Result;
using core::Status;

Result<ForecastOutcome> ForecastAdoption(const ForecastRequest& request) {
  static const std::vector<std::string> kChannels = {"concentric", "long-range", "institutional",
                                                     "all"};
  core::DiagnosticSink sink;
  auto field = [](const char* name) { return core::Location{"", 0, 0, name}; };
  if (request.replicas < 1 || request.replicas > kMaxForecastReplicas) {
    sink.Add(field("replicas"), fmt::format("expected 1..{} replicas, found {}",
                                            kMaxForecastReplicas, request.replicas));
  }
  if (request.channels.empty() || request.channels.size() > kChannels.size()) {
    sink.Add(field("channels"), fmt::format("expected 1 to 4 of {}", fmt::join(kChannels, ", ")));
  }
  for (const std::string& c : request.channels) {
    if (std::find(kChannels.begin(), kChannels.end(), c) == kChannels.end()) {
      sink.Add(field("channels"),
               fmt::format("expected one of {}, found '{}'", fmt::join(kChannels, ", "), c));
    }
  }
  if (request.seeds.empty()) sink.Add(field("seed"), "expected a seed town, found none");
  if (request.from_year != 0 && request.until_year != 0 &&
      (request.until_year < request.from_year ||
       request.until_year - request.from_year + 1 > kMaxForecastYears)) {
    sink.Add(field("until"),
             fmt::format("expected {}..{}, found {}", request.from_year,
                         request.from_year + kMaxForecastYears - 1, request.until_year));
  }
  for (double p : request.reach_percent) {
    if (!(p > 0 && p <= 100)) {
      sink.Add(field("reach"), fmt::format("expected a percentage in (0, 100], found {}", p));
    }
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(request.calibrated));
  ForecastOutcome out;
  diffusion::CompareRequest& compare = out.request;
  compare.places_prefix = request.places;
  compare.channels = request.channels;
  diffusion::RunRequest& run = compare.run;
  DUCKWEED_ASSIGN_OR_RETURN(
      run.calibrated, diffusion::ParseCalibratedModel(text, request.calibrated, request.model));
  run.seed_names = request.seeds;
  run.from_year = request.from_year;
  run.until_year = request.until_year;
  if (run.until_year == 0) {
    const int from = run.from_year != 0 ? run.from_year : run.calibrated->fit_until + 1;
    run.until_year = from + 14;
  }
  if (run.from_year == 0 && run.until_year - run.calibrated->fit_until > kMaxForecastYears) {
    return Status::InvalidInput(fmt::format("expected at most {} years after the fit ({})",
                                            kMaxForecastYears, run.calibrated->fit_until),
                                field("until"));
  }
  run.options.replicas = request.replicas;
  run.options.seed = request.seed;
  run.options.policy = diffusion::ExecutionPolicy(diffusion::Parallel{request.threads});
  run.options.reach_fractions.clear();
  for (double p : request.reach_percent) run.options.reach_fractions.push_back(p / 100);
  DUCKWEED_ASSIGN_OR_RETURN(out.channels, diffusion::ExecuteComparison(compare));
  return out;
}

nlohmann::ordered_json ForecastJson(const ForecastOutcome& outcome) {
  return nlohmann::ordered_json::parse(
      diffusion::ComparisonJson(outcome.request, outcome.channels));
}

}  // namespace duckweed::app
