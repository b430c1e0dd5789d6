// `duckweed diffuse calibrate`: the hazard and Bass models fitted to observed adoption dates, the
// likelihood-ratio test of networks against concentric circles, and the forecast (calibrate.h).
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "cli/calibrate_input.h"
#include "cli/verbs.h"
#include "duckweed/core/geo.h"
#include "duckweed/core/progress.h"
#include "duckweed/diffusion/calibrate.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {

namespace {

using core::Result;
using core::Status;
using Json = nlohmann::ordered_json;

struct CalibrateArgs {
  std::string adoptions, candidates = "auto";
  AdoptionColumns columns{"organisation_id",
                          "date_of_adhesion",
                          "organisation_latitude",
                          "organisation_longitude",
                          {},
                          "population_adhesion",
                          "country_code"};
  diffusion::CalibrationOptions options;
  double match_km = 2;
  bool no_trend = false;
  bool json = false;
};

struct CandidateReport {
  std::string source, description;
  int64_t added = 0, matched = 0;
};

// Store places (communes; GeoNames cities outside France) of the countries of the adopters, minus
// those within match_km of an adopter of the same country (the adopter itself).
Result<CandidateReport> AddStoreCandidates(AdoptionTable& table, store::Store& db,
                                           const CalibrateArgs& args) {
  CandidateReport report{"store", "", 0, 0};
  std::set<std::string> countries(table.countries.begin(), table.countries.end());
  countries.erase("");
  std::map<std::pair<int, int>, std::vector<size_t>> cells;  // 0.1 degree cells of adopters
  auto cell = [](double lat, double lon) {
    return std::pair<int, int>{static_cast<int>(std::floor(lat * 10)),
                               static_cast<int>(std::floor(lon * 10))};
  };
  const size_t adopters = table.data.towns.size();
  for (size_t i = 0; i < adopters; ++i) {
    const auto& t = table.data.towns[i];
    if (std::isfinite(t.latitude)) cells[cell(t.latitude, t.longitude)].push_back(i);
  }
  std::optional<size_t> country_group;
  for (size_t c = 0; c < args.columns.groups.size(); ++c) {
    if (args.columns.groups[c] == args.columns.country) country_group = c;
  }
  for (const std::string& country : countries) {
    DUCKWEED_ASSIGN_OR_RETURN(auto places, db.ListTerritories({country == "FR" ? "commune" : "city",
                                                               country, /*limit=*/0}));
    for (const store::Territory& p : places) {
      if (!p.latitude || !p.longitude) continue;
      bool matched = false;
      const auto [r0, c0] = cell(*p.latitude, *p.longitude);
      for (int dr = -1; dr <= 1 && !matched; ++dr) {
        for (int dc = -1; dc <= 1 && !matched; ++dc) {
          auto it = cells.find({r0 + dr, c0 + dc});
          if (it == cells.end()) continue;
          for (size_t i : it->second) {
            const auto& a = table.data.towns[i];
            if (table.countries[i] == country &&
                core::GreatCircleKm(a.latitude, a.longitude, *p.latitude, *p.longitude) <=
                    args.match_km) {
              matched = true;
              break;
            }
          }
        }
      }
      if (matched) {
        ++report.matched;
        continue;
      }
      diffusion::CandidateTown town;
      town.id = p.id;
      town.latitude = *p.latitude;
      town.longitude = *p.longitude;
      if (p.population && *p.population > 0) {
        town.log_population = std::log(static_cast<double>(*p.population));
      }
      town.groups.assign(args.columns.groups.size(), -1);
      if (country_group) {
        auto& ids = table.group_ids[*country_group];
        town.groups[*country_group] =
            ids.emplace(country, static_cast<int32_t>(ids.size())).first->second;
      }
      table.data.towns.push_back(std::move(town));
      table.countries.push_back(country);
      ++report.added;
    }
  }
  report.description = fmt::format(
      "the adoption table's towns plus the store's places (communes in France, GeoNames cities "
      "elsewhere) of its {} countries: {} places added, {} left out as the same place as an "
      "adopter (within {} km)",
      countries.size(), report.added, report.matched, args.match_km);
  return report;
}

Result<CandidateReport> AddCandidates(AdoptionTable& table, const CliContext& ctx,
                                      const CalibrateArgs& args) {
  const std::string file_only =
      "the adoption table's towns only (towns that never adopt are unknown to the fit)";
  if (args.candidates == "file") return CandidateReport{"file", file_only, 0, 0};
  if (args.candidates == "store" || args.candidates == "auto") {
    DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
    std::error_code error;
    const bool exists = path == ":memory:" || std::filesystem::exists(path, error);
    if (!exists) {
      if (args.candidates == "store") {
        return Status::NotFound(fmt::format("--candidates store: no store at '{}'", path));
      }
      return CandidateReport{"file", file_only + " (no store at " + path + ")", 0, 0};
    }
    DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
    DUCKWEED_ASSIGN_OR_RETURN(CandidateReport report, AddStoreCandidates(table, *db, args));
    if (report.added == 0 && args.candidates == "auto") {
      return CandidateReport{"file", file_only + " (the store has no places in its countries)", 0,
                             0};
    }
    return report;
  }
  const size_t before = table.data.towns.size();
  DUCKWEED_RETURN_IF_ERROR(AddCandidateFile(table, args.candidates, args.columns));
  const int64_t added = static_cast<int64_t>(table.data.towns.size() - before);
  return CandidateReport{
      args.candidates,
      fmt::format("the adoption table's towns plus {} towns of {}", added, args.candidates), added,
      0};
}

Json ParametersJson(const std::vector<diffusion::Parameter>& parameters) {
  Json out = Json::array();
  for (const auto& p : parameters) {
    out.push_back({{"name", p.name}, {"estimate", p.estimate}, {"stderr", p.standard_error}});
  }
  return out;
}

Json RecordJson(const CalibrateArgs& args, const AdoptionTable& table,
                const CandidateReport& candidates, const diffusion::CalibrationResult& r,
                double seconds) {
  Json models = Json::array();
  for (const auto& m : r.models) {
    models.push_back({{"name", m.name},
                      {"log_likelihood", m.log_likelihood},
                      {"aic", m.aic},
                      {"likelihood_of", "at-risk town-years"},
                      {"parameters", ParametersJson(m.parameters)}});
  }
  const auto& b = r.bass;
  models.push_back(
      {{"name", "bass"},
       {"log_likelihood", b.log_likelihood},
       {"aic", b.aic},
       {"likelihood_of", "yearly adoption counts (Gaussian errors)"},
       {"parameters",
        ParametersJson({{"p", b.p, b.p_stderr}, {"q", b.q, b.q_stderr}, {"m", b.m, b.m_stderr}})},
       {"sse", b.sse},
       {"rmse", b.rmse},
       {"r_squared", b.r_squared}});
  Json forecast = Json::array(), bass = Json::array();
  std::map<int, int64_t> observed;
  int last_observed = 0;
  for (const auto& t : table.data.towns) {
    if (t.adoption_year != diffusion::kNeverAdopted) {
      ++observed[t.adoption_year];
      last_observed = std::max(last_observed, t.adoption_year);
    }
  }
  auto observed_by = [&](int year) {
    int64_t n = 0;
    for (const auto& [y, c] : observed) n += y <= year ? c : 0;
    return n;
  };
  for (const auto& f : r.forecast) {
    Json row = {{"year", f.year}, {"cumulative", f.cumulative}, {"lo", f.lo}, {"hi", f.hi}};
    if (f.year <= last_observed) row["observed"] = observed_by(f.year);
    forecast.push_back(row);
  }
  for (const auto& [year, cumulative] : b.cumulative) {
    if (year > args.options.fit_until) bass.push_back({{"year", year}, {"cumulative", cumulative}});
  }
  double log_population_sum = 0;
  int64_t with_population = 0;
  for (const auto& t : table.data.towns) {
    if (std::isfinite(t.log_population)) log_population_sum += t.log_population, ++with_population;
  }
  const double mean_log_population =
      with_population > 0 ? log_population_sum / static_cast<double>(with_population) : 0;
  return {{"adoptions", args.adoptions},
          {"fit_years", {r.first_year, args.options.fit_until}},
          {"forecast_until", args.options.forecast_until},
          {"candidates",
           {{"source", candidates.source},
            {"towns", table.data.towns.size()},
            {"adopters_in_fit", r.adoptions},
            {"description", candidates.description}}},
          {"town_years", r.town_years},
          {"distance_km", args.options.distance_km},
          {"memory", r.memory},
          {"mean_log_population", mean_log_population},
          {"memory_chosen_by", args.options.memory < 0 ? "profile likelihood" : "option"},
          {"rows_without_coordinates", table.without_coordinates},
          {"rows_without_population", table.without_population},
          {"models", models},
          {"best_model", r.best_model},
          {"lr_test",
           {{"null", "distance"},
            {"alternative", "networks"},
            {"statistic", r.lr_test.statistic},
            {"df", r.lr_test.df},
            {"p_value", r.lr_test.p_value}}},
          {"year_shock_sd", r.year_sd},
          {"forecast", forecast},
          {"bass_forecast", bass},
          {"replicas", args.options.replicas},
          {"seed", args.options.seed},
          {"seconds", seconds}};
}

std::string PValue(double p) {
  if (p < 1e-16) return "p < 1e-16";
  return fmt::format("p = {:.3g}", p);
}

void PrintHuman(const CalibrateArgs& args, const AdoptionTable& table,
                const CandidateReport& candidates, const diffusion::CalibrationResult& r) {
  std::printf("candidates   %zu towns: %s\n", table.data.towns.size(),
              candidates.description.c_str());
  std::printf(
      "fit          %d-%d: %lld adoptions in %lld at-risk town-years; exposure within "
      "%g km, memory %g\n\n",
      r.first_year, args.options.fit_until, static_cast<long long>(r.adoptions),
      static_cast<long long>(r.town_years), args.options.distance_km, r.memory);
  for (const auto& m : r.models) {
    std::printf("model %-9s log-likelihood %.1f   AIC %.1f%s\n", m.name.c_str(), m.log_likelihood,
                m.aic, m.name == r.best_model ? "   (best)" : "");
    for (const auto& p : m.parameters) {
      std::printf("  %-24s %10.4f  ± %.4f\n", p.name.c_str(), p.estimate, p.standard_error);
    }
  }
  const auto& b = r.bass;
  std::printf(
      "model bass      p %.4g ± %.2g   q %.4g ± %.2g   m %.0f ± %.0f   R2 %.3f  RMSE %.1f\n\n", b.p,
      b.p_stderr, b.q, b.q_stderr, b.m, b.m_stderr, b.r_squared, b.rmse);
  if (r.models.size() == 3) {
    const bool better = r.lr_test.p_value < 0.05;
    std::printf("%s: LR = %.1f, df = %d, %s.\n",
                better ? "networks explain adoption better than distance alone"
                       : "networks do not explain adoption better than distance alone",
                r.lr_test.statistic, r.lr_test.df, PValue(r.lr_test.p_value).c_str());
  }
  if (!r.forecast.empty()) {
    std::printf(
        "forecast from the %s model (90 %% interval, %d simulations, yearly shocks sd "
        "%.2f):\n",
        r.best_model.c_str(), args.options.replicas, r.year_sd);
    std::printf("  year  cumulative        90%% interval     Bass\n");
    for (size_t i = 0; i < r.forecast.size(); ++i) {
      const auto& f = r.forecast[i];
      double bass = 0;
      for (const auto& [year, c] : b.cumulative) bass = year == f.year ? c : bass;
      std::printf("  %d  %10.0f   %7.0f - %-7.0f  %7.0f\n", f.year, f.cumulative, f.lo, f.hi, bass);
    }
  }
}

Status RunCalibrate(CalibrateArgs& args, const CliContext& ctx) {
  const auto start = std::chrono::steady_clock::now();
  if (args.options.forecast_until == 0) args.options.forecast_until = args.options.fit_until;
  DUCKWEED_ASSIGN_OR_RETURN(AdoptionTable table, ReadAdoptionTable(args.adoptions, args.columns));
  DUCKWEED_ASSIGN_OR_RETURN(CandidateReport candidates, AddCandidates(table, ctx, args));
  // No look-ahead: a town adopting after the fit year joined its coordinator or supporter when it
  // adopted, so the fit and the forecast do not know that channel (its country they do).
  for (auto& town : table.data.towns) {
    if (town.adoption_year == diffusion::kNeverAdopted ||
        town.adoption_year <= args.options.fit_until) {
      continue;
    }
    for (size_t c = 0; c < town.groups.size(); ++c) {
      if (args.columns.groups[c] != args.columns.country) town.groups[c] = -1;
    }
  }
  args.options.receptivity = !args.columns.population.empty() && args.columns.population != "none";
  args.options.trend = !args.no_trend;
  auto progress = std::make_optional<core::Progress>("calibrating", 0);
  args.options.progress = &*progress;
  auto result = diffusion::Calibrate(table.data, args.options);
  progress.reset();  // the line ends before the results
  args.options.progress = nullptr;
  if (!result.ok()) {
    // Name the file for errors about the data as a whole (fit year, no adoption).
    if (result.status().code() == core::Code::kInvalidInput) {
      return Status::InvalidInput(result.status().message(), {args.adoptions, 0, 0, ""});
    }
    return result.status();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.json || ctx.json) {
    std::fputs((RecordJson(args, table, candidates, *result, seconds).dump(2) + "\n").c_str(),
               stdout);
  } else {
    PrintHuman(args, table, candidates, *result);
  }
  return Status::Ok();
}

}  // namespace

void RegisterCalibrate(CLI::App& diffuse, CliContext& ctx) {
  auto a = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = diffuse.add_subcommand(
      "calibrate",
      "Fit the discrete-time hazard model (baseline, distance, networks) and Bass to observed "
      "adoption dates; LR test of networks vs concentric circles; forecast with a 90% interval");
  cmd->add_option("--adoptions", a->adoptions, "CSV: one row per town with its adoption date")
      ->required();
  cmd->add_option("--id-column", a->columns.id, "town id column")->capture_default_str();
  cmd->add_option("--date-column", a->columns.date,
                  "adoption date column (YYYY-MM-DD or YYYY; empty: has not adopted)")
      ->capture_default_str();
  cmd->add_option("--lat-column", a->columns.lat, "latitude column")->capture_default_str();
  cmd->add_option("--lon-column", a->columns.lon, "longitude column")->capture_default_str();
  cmd->add_option("--group-columns", a->columns.groups,
                  "network channels: towns sharing a value are co-members (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--population-column", a->columns.population,
                  "population column for receptivity ('none': no receptivity)")
      ->capture_default_str();
  cmd->add_option("--country-column", a->columns.country,
                  "country column (ISO alpha-2), to take candidates from the store")
      ->capture_default_str();
  cmd->add_option("--fit-until", a->options.fit_until, "last year of the fit")->required();
  cmd->add_option("--forecast-until", a->options.forecast_until, "last year of the forecast");
  cmd->add_option("--candidates", a->candidates,
                  "who can adopt: 'file' (the table's towns), 'store' (plus the store's places "
                  "in the same countries), a CSV of further towns (same column names), or "
                  "'auto' (store when it has places in those countries, else file)")
      ->capture_default_str();
  cmd->add_option("--match-km", a->match_km,
                  "store candidates: a place this close to an adopter of its country is that "
                  "adopter")
      ->capture_default_str();
  cmd->add_option("--distance-km", a->options.distance_km, "radius of the concentric channel")
      ->capture_default_str();
  cmd->add_option("--memory", a->options.memory,
                  "weight of an adoption one more year later, in [0,1] (default: chosen by "
                  "profile likelihood)");
  cmd->add_option("--replicas", a->options.replicas, "forecast simulations")->capture_default_str();
  cmd->add_option("--seed", a->options.seed, "random seed of the forecast")->capture_default_str();
  cmd->add_flag("--no-trend", a->no_trend, "a constant baseline (no drift with the years)");
  cmd->add_flag("--json", a->json, "print the JSON record");
  cmd->callback(ctx.Bind([a, &ctx] { return RunCalibrate(*a, ctx); }));
}

}  // namespace duckweed::cli
