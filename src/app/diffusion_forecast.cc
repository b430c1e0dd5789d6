// The calibrated forecast over the channels of the networks of places (app/diffusion_forecast.h).
#include "duckweed/app/diffusion_forecast.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/core/geo.h"
#include "duckweed/diffusion/calendar.h"

namespace duckweed::app {

using core::Result;
using core::Status;

// The members joined by `up_to` placed on the places of `nodes_path` (its `territory`, `latitude`
// and `longitude` columns): by territory code, else, for a member of a country of the places (the
// codes' prefixes: fr:62528 is FR), at the nearest place within kObservedSeedKm. Members of other
// countries are not counted. O(members x places) for the members placed by coordinates.
Result<ObservedStart> PlaceObserved(const ForecastRequest& request, int up_to,
                                    const std::string& nodes_path,
                                    std::vector<std::string>& seeds) {
  DUCKWEED_ASSIGN_OR_RETURN(const core::CsvTable table, core::ReadCsvFile(nodes_path));
  core::DiagnosticSink sink;
  const auto code = table.RequireColumn("territory", sink);
  const auto lat = table.RequireColumn("latitude", sink);
  const auto lon = table.RequireColumn("longitude", sink);
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  struct Place {
    double lat, lon;
    const std::string* code;
  };
  std::unordered_map<std::string, size_t> rows;
  std::set<std::string> countries;
  std::vector<Place> located;
  for (size_t r = 0; r < table.row_count(); ++r) {
    const std::string& c = table.text(r, *code);
    if (c.empty()) continue;
    rows.emplace(c, r);
    std::string country = c.substr(0, c.find(':'));
    for (char& ch : country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    countries.insert(std::move(country));
    const auto y = table.Real(r, *lat, sink, false);
    const auto x = table.Real(r, *lon, sink, false);
    if (y && x) located.push_back({*y, *x, &c});
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  ObservedStart start;
  start.network = request.network;
  start.up_to = up_to;
  std::set<std::string> chosen;
  for (const ObservedMember& m : request.observed) {
    if (!m.year || *m.year > up_to) continue;
    if (rows.contains(m.territory)) {
      ++start.members;
      ++start.by_territory;
      chosen.insert(m.territory);
      continue;
    }
    if (!countries.contains(m.country)) continue;
    ++start.members;
    if (!m.latitude || !m.longitude) continue;
    double best = std::numeric_limits<double>::infinity();
    const std::string* nearest = nullptr;
    for (const Place& p : located) {
      if (std::abs(p.lat - *m.latitude) > 0.1) continue;  // 0.1 degree of latitude > 11 km
      const double km = core::GreatCircleKm(*m.latitude, *m.longitude, p.lat, p.lon);
      if (km < best) {
        best = km;
        nearest = p.code;
      }
    }
    if (nearest != nullptr && best <= kObservedSeedKm) {
      ++start.by_coordinates;
      chosen.insert(*nearest);
    }
  }
  if (chosen.empty()) {
    return Status::InvalidInput(
        fmt::format("no member of '{}' joined by {} is one of the places (by territory code or "
                    "within {} km); name a seed town",
                    request.network, up_to, kObservedSeedKm),
        core::Location{"", 0, 0, "seed"});
  }
  seeds.assign(chosen.begin(), chosen.end());
  start.seeds = static_cast<int>(seeds.size());
  return start;
}

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
  if (request.seeds.empty() && request.observed.empty()) {
    sink.Add(field("seed"), "expected a seed town, found none");
  }
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
  if (run.seed_names.empty()) {
    const int from = request.from_year != 0 ? request.from_year : run.calibrated->fit_until + 1;
    DUCKWEED_ASSIGN_OR_RETURN(
        out.observed,
        PlaceObserved(request, from - 1, request.places + ".nodes.csv", run.seed_names));
  }
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
  nlohmann::ordered_json out =
      nlohmann::ordered_json::parse(diffusion::ComparisonJson(outcome.request, outcome.channels));
  if (outcome.observed) {
    const ObservedStart& o = *outcome.observed;
    out["observed_start"] = {{"network", o.network},
                             {"up_to", o.up_to},
                             {"members", o.members},
                             {"by_territory", o.by_territory},
                             {"by_coordinates", o.by_coordinates},
                             {"seeds", o.seeds}};
  }
  return out;
}

}  // namespace duckweed::app
