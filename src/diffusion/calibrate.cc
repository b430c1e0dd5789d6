// Calibrate(): the three hazard models, the likelihood-ratio test, Bass, and the forecast.
#include "duckweed/diffusion/calibrate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "diffusion/calibrate_exposure.h"
#include "diffusion/calibrate_hazard.h"
#include "diffusion/calibrate_simulate.h"
#include "duckweed/core/memory.h"

namespace duckweed::diffusion {

using core::Result;
using core::Status;
using internal::Design;

namespace {

struct YearRange {
  int first = kNeverAdopted, last = 0;
};

YearRange AdoptionYears(const AdoptionData& data) {
  YearRange r;
  for (const CandidateTown& t : data.towns) {
    if (t.adoption_year == kNeverAdopted) continue;
    r.first = std::min(r.first, t.adoption_year);
    r.last = std::max(r.last, t.adoption_year);
  }
  return r;
}

Status Check(const AdoptionData& data, const CalibrationOptions& o, const YearRange& years) {
  if (!(o.distance_km > 0) || !std::isfinite(o.distance_km)) {
    return Status::InvalidInput(fmt::format("distance: expected km > 0, found {}", o.distance_km));
  }
  if (o.memory > 1) {
    return Status::InvalidInput(fmt::format("memory: expected [0, 1], found {}", o.memory));
  }
  if (o.replicas < 1) {
    return Status::InvalidInput(fmt::format("replicas: expected >= 1, found {}", o.replicas));
  }
  if (years.first == kNeverAdopted) return Status::InvalidInput("no town adopts in the data");
  if (o.fit_until <= years.first || o.fit_until > years.last) {
    return Status::InvalidInput(fmt::format(
        "fit year: expected a year after the first adoption year and within the data ({}-{}), "
        "found {}",
        years.first + 1, years.last, o.fit_until));
  }
  if (o.forecast_until > o.fit_until) {  // the forecast keeps every replica's yearly totals
    DUCKWEED_RETURN_IF_ERROR(
        core::CheckMemory(8.0 * (o.forecast_until - o.fit_until) * o.replicas,
                          fmt::format("a forecast of {} replicas over {} years", o.replicas,
                                      o.forecast_until - o.fit_until),
                          "use fewer --replicas"));
  }
  for (const CandidateTown& t : data.towns) {
    if (t.groups.size() != data.group_columns.size()) {
      return Status::Internal("a town's groups do not match the group columns");
    }
  }
  return Status::Ok();
}

// The full design: every channel that has at least one town in a group.
Design FullDesign(const AdoptionData& data, const CalibrationOptions& o) {
  Design d;
  d.trend = o.trend;
  d.receptivity = o.receptivity;
  d.distance = true;
  d.groups.assign(data.group_columns.size(), false);
  for (const CandidateTown& t : data.towns) {
    for (size_t c = 0; c < t.groups.size(); ++c) d.groups[c] = d.groups[c] || t.groups[c] >= 0;
  }
  return d;
}

// Column indices of `sub` in the panel of `full`.
std::vector<int> Columns(const Design& full, const Design& sub) {
  std::vector<int> cols{0};
  int at = 1;
  if (full.trend) {
    if (sub.trend) cols.push_back(at);
    ++at;
  }
  if (full.receptivity) {
    if (sub.receptivity) cols.push_back(at);
    ++at;
  }
  if (full.distance) {
    if (sub.distance) cols.push_back(at);
    ++at;
  }
  for (size_t c = 0; c < full.groups.size(); ++c) {
    if (!full.groups[c]) continue;
    if (sub.groups[c]) cols.push_back(at);
    ++at;
  }
  return cols;
}

HazardFit ToHazardFit(const std::string& name, const internal::NewtonFit& fit,
                      const std::vector<std::string>& names, bool memory_estimated) {
  HazardFit out;
  out.name = name;
  const int k = static_cast<int>(fit.beta.size());
  for (int j = 0; j < k; ++j) {
    out.parameters.push_back(
        {names[j], fit.beta(j), std::sqrt(std::max(0.0, fit.covariance(j, j)))});
  }
  for (int a = 0; a < k; ++a) {
    for (int b = 0; b < k; ++b) out.covariance.push_back(fit.covariance(a, b));
  }
  out.log_likelihood = fit.log_likelihood;
  const bool uses_memory = name != "baseline" && memory_estimated;
  out.aic = 2 * (k + (uses_memory ? 1 : 0)) - 2 * fit.log_likelihood;
  out.iterations = fit.iterations;
  return out;
}

double Quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(v.size() - 1, lo + 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::vector<ForecastYear> Forecast(const AdoptionData& data, const internal::ExposureState& start,
                                   const Design& design, const HazardFit& model, double year_sd,
                                   const CalibrationOptions& o) {
  const int years = o.forecast_until - o.fit_until;
  if (years <= 0) return {};
  const int k = static_cast<int>(model.parameters.size());
  Eigen::VectorXd beta(k);
  Eigen::MatrixXd cov(k, k);
  for (int j = 0; j < k; ++j) beta(j) = model.parameters[j].estimate;
  for (int a = 0; a < k; ++a) {
    for (int b = 0; b < k; ++b) cov(a, b) = model.covariance[a * k + b];
  }
  Eigen::LLT<Eigen::MatrixXd> llt(cov);
  const bool draw = llt.info() == Eigen::Success;
  const Eigen::MatrixXd chol = draw ? Eigen::MatrixXd(llt.matrixL()) : Eigen::MatrixXd::Zero(k, k);
  std::vector<int> observed(data.towns.size());
  int64_t adopted = 0;
  for (size_t i = 0; i < data.towns.size(); ++i) {
    const bool before = data.towns[i].adoption_year <= o.fit_until;
    observed[i] = before ? data.towns[i].adoption_year : kNeverAdopted;
    adopted += before ? 1 : 0;
  }
  std::vector<std::vector<double>> cumulative(years, std::vector<double>(o.replicas));
  // Replica r depends only on (seed, r): the same result whatever the thread count.
#pragma omp parallel for schedule(dynamic)
  for (int r = 0; r < o.replicas; ++r) {
    core::Rng rng = core::Rng::ForStream(o.seed, static_cast<uint64_t>(r));
    Eigen::VectorXd z(k);
    for (int j = 0; j < k; ++j) z(j) = internal::StandardNormal(rng);
    const Eigen::VectorXd b = beta + chol * z;
    internal::ExposureState state = start;
    std::vector<int> years_adopted = observed;
    const std::vector<int64_t> per_year = internal::SimulateYears(
        data, state, years_adopted, design, b, o.fit_until + 1, o.forecast_until, rng, year_sd);
    if (o.progress != nullptr) o.progress->Advance();
    int64_t total = adopted;
    for (int y = 0; y < years; ++y) {
      total += per_year[y];
      cumulative[y][r] = static_cast<double>(total);
    }
  }
  std::vector<ForecastYear> out;
  for (int y = 0; y < years; ++y) {
    double mean = 0;
    for (double c : cumulative[y]) mean += c;
    mean /= o.replicas;
    out.push_back(
        {o.fit_until + 1 + y, mean, Quantile(cumulative[y], 0.05), Quantile(cumulative[y], 0.95)});
  }
  return out;
}

}  // namespace

double ChiSquareUpperTail(double statistic, int df) {
  if (df <= 0) return 1;
  if (!(statistic > 0)) return 1;
  // Q(a, x) = Gamma(a, x) / Gamma(a), a = df / 2, x = statistic / 2.
  const double a = df / 2.0, x = statistic / 2.0;
  const double log_prefix = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1) {
    // P(a, x) by its series sum x^n / (a (a+1) ... (a+n)).
    double term = 1 / a, sum = term;
    for (int n = 1; n < 1000 && term > sum * 1e-17; ++n) {
      term *= x / (a + n);
      sum += term;
    }
    return std::clamp(1 - std::exp(log_prefix) * sum, 0.0, 1.0);
  }
  // Q(a, x) by its continued fraction 1 / (x + 1 - a - 1(1-a) / (x + 3 - a - ...)), modified Lentz.
  const double tiny = 1e-300;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (int n = 1; n < 1000; ++n) {
    const double an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < 1e-16) break;
  }
  return std::clamp(std::exp(log_prefix) * h, 0.0, 1.0);
}

Result<CalibrationResult> Calibrate(const AdoptionData& data, const CalibrationOptions& options) {
  const YearRange years = AdoptionYears(data);
  DUCKWEED_RETURN_IF_ERROR(Check(data, options, years));
  CalibrationResult result;
  result.first_year = years.first;
  DUCKWEED_ASSIGN_OR_RETURN(const internal::Neighbours neighbours,
                            internal::BuildNeighbours(data, options.distance_km));
  const Design full = FullDesign(data, options);
  Design distance = full;
  distance.groups.assign(full.groups.size(), false);
  Design baseline = distance;
  baseline.distance = false;
  const std::vector<double> grid = options.memory >= 0
                                       ? std::vector<double>{options.memory}
                                       : std::vector<double>{0, 0.25, 0.5, 0.75, 0.9, 1};
  if (options.progress != nullptr) {
    const int forecast = options.forecast_until > options.fit_until ? options.replicas : 0;
    options.progress->SetTotal((grid.size() > 1 ? grid.size() : 0) + 3 + forecast);
  }
  // Memory: the value of the grid where the networks model's likelihood is highest.
  double best_ll = -std::numeric_limits<double>::infinity();
  for (double memory : grid) {
    if (grid.size() == 1) {
      result.memory = memory;
      break;
    }
    internal::ExposureState state(data, neighbours, memory);
    const internal::Panel panel =
        internal::BuildPanel(data, full, years.first, options.fit_until, state);
    DUCKWEED_ASSIGN_OR_RETURN(internal::NewtonFit fit,
                              internal::FitLogistic(panel, Columns(full, full)));
    if (options.progress != nullptr) options.progress->Advance();
    if (fit.log_likelihood > best_ll) {
      best_ll = fit.log_likelihood;
      result.memory = memory;
    }
  }
  internal::ExposureState fitted(data, neighbours, result.memory);
  const internal::Panel panel =
      internal::BuildPanel(data, full, years.first, options.fit_until, fitted);
  result.town_years = panel.y.size();
  result.adoptions = static_cast<int64_t>(panel.y.sum());
  const std::pair<const char*, const Design*> models[] = {
      {"baseline", &baseline}, {"distance", &distance}, {"networks", &full}};
  for (const auto& [name, design] : models) {
    if (design == &full && full.groups == distance.groups) break;  // no group channel
    DUCKWEED_ASSIGN_OR_RETURN(internal::NewtonFit fit,
                              internal::FitLogistic(panel, Columns(full, *design)));
    if (options.progress != nullptr) options.progress->Advance();
    result.models.push_back(
        ToHazardFit(name, fit, design->Names(data.group_columns), grid.size() > 1));
  }
  const HazardFit* best = &result.models.front();
  for (const HazardFit& m : result.models) best = m.aic < best->aic ? &m : best;
  result.best_model = best->name;
  if (result.models.size() == 3) {
    result.lr_test.statistic =
        std::max(0.0, 2 * (result.models[2].log_likelihood - result.models[1].log_likelihood));
    result.lr_test.df =
        static_cast<int>(result.models[2].parameters.size() - result.models[1].parameters.size());
    result.lr_test.p_value = ChiSquareUpperTail(result.lr_test.statistic, result.lr_test.df);
  }
  // Bass on the yearly counts of the fit years.
  std::vector<double> counts(options.fit_until - years.first + 1, 0);
  for (const CandidateTown& t : data.towns) {
    if (t.adoption_year <= options.fit_until) counts[t.adoption_year - years.first] += 1;
  }
  if (counts.size() >= 4) {
    DUCKWEED_ASSIGN_OR_RETURN(result.bass, FitBass(counts, years.first, options.forecast_until));
  }
  // Forecast from the best model, its exposures as they stand after the fit year.
  const Design& best_design =
      best->name == "baseline" ? baseline : (best->name == "distance" ? distance : full);
  {
    Eigen::VectorXd beta(static_cast<Eigen::Index>(best->parameters.size()));
    for (size_t j = 0; j < best->parameters.size(); ++j) beta(j) = best->parameters[j].estimate;
    result.year_sd = internal::YearShockSd(panel, Columns(full, best_design), beta);
  }
  result.forecast = Forecast(data, fitted, best_design, *best, result.year_sd, options);
  return result;
}

Result<double> HazardLogLikelihood(const AdoptionData& data, const CalibrationOptions& options,
                                   bool distance, const std::vector<bool>& groups,
                                   const std::vector<double>& beta) {
  const YearRange years = AdoptionYears(data);
  DUCKWEED_RETURN_IF_ERROR(Check(data, options, years));
  Design design{options.trend, options.receptivity, distance, groups};
  if (static_cast<int>(beta.size()) != design.Size()) {
    return Status::InvalidInput(
        fmt::format("expected {} coefficients, found {}", design.Size(), beta.size()));
  }
  DUCKWEED_ASSIGN_OR_RETURN(const internal::Neighbours neighbours,
                            internal::BuildNeighbours(data, options.distance_km));
  internal::ExposureState state(data, neighbours, std::max(0.0, options.memory));
  internal::Panel panel = internal::BuildPanel(data, design, years.first, options.fit_until, state);
  return internal::LogLikelihood(panel,
                                 Eigen::Map<const Eigen::VectorXd>(beta.data(), beta.size()));
}

void SimulateAdoptions(AdoptionData& data, const CalibrationOptions& options, bool distance,
                       const std::vector<bool>& groups, const std::vector<double>& beta,
                       int first_year, int last_year, uint64_t seed) {
  Design design{options.trend, options.receptivity, distance, groups};
  // A test helper over small synthetic data: the pairs always fit.
  const internal::Neighbours neighbours = *internal::BuildNeighbours(data, options.distance_km);
  internal::ExposureState state(data, neighbours, std::max(0.0, options.memory));
  std::vector<int> adopted(data.towns.size(), kNeverAdopted);
  core::Rng rng = core::Rng::ForStream(seed, 0);
  internal::SimulateYears(data, state, adopted, design,
                          Eigen::Map<const Eigen::VectorXd>(beta.data(), beta.size()), first_year,
                          last_year, rng);
  for (size_t i = 0; i < adopted.size(); ++i) data.towns[i].adoption_year = adopted[i];
}

}  // namespace duckweed::diffusion
