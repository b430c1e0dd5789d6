// The calibrated hazard model run year by year on network layers (calendar.h).
#include "duckweed/diffusion/calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <new>

#include "diffusion/calibrate_simulate.h"
#include "diffusion/replica_loop.h"
#include "duckweed/core/memory.h"
#include "duckweed/core/random.h"

namespace duckweed::diffusion {
namespace {

using core::Status;
constexpr int kNever = std::numeric_limits<int>::max();

bool IsChannel(std::string_view name) {
  return name != "intercept" && name != "trend" && name != "log_population";
}

Status CheckInputs(uint32_t n, std::span<const ExposureLayer> layers, const CalibratedModel& model,
                   std::span<const double> log_population, std::span<const double> factor,
                   std::span<const network::NodeId> seeds, const CalendarOptions& o) {
  const auto bad = [](std::string message, const char* field) {
    return Status::InvalidInput(std::move(message), core::Location{.field = field});
  };
  if (layers.empty()) return bad("expected at least one network layer", "layers");
  for (size_t i = 0; i < layers.size(); ++i) {
    const ExposureLayer& l = layers[i];
    if (l.graph == nullptr || l.graph->node_count() != n) {
      return bad(fmt::format("layer {} ({}): expected a graph of {} nodes, found {}", i,
                             l.coefficient, n, l.graph ? l.graph->node_count() : 0),
                 "layers");
    }
    if (!IsChannel(l.coefficient) || !model.Coefficient(l.coefficient)) {
      std::string channels;
      for (const Parameter& p : model.parameters) {
        if (IsChannel(p.name)) channels += (channels.empty() ? "" : ", ") + p.name;
      }
      return bad(fmt::format("layer {}: expected a channel coefficient of model '{}' ({}), found "
                             "'{}'",
                             i, model.name, channels.empty() ? "none" : channels, l.coefficient),
                 "layers");
    }
    for (size_t j = 0; j < i; ++j) {
      if (layers[j].coefficient == l.coefficient) {
        return bad(fmt::format("layers {} and {} both carry '{}'; give each coefficient one layer",
                               j, i, l.coefficient),
                   "layers");
      }
    }
  }
  if (o.until_year < o.from_year || o.until_year - o.from_year >= 1000) {
    return bad(fmt::format("expected a last year from {} to {}, found {}", o.from_year,
                           o.from_year + 999, o.until_year),
               "until");
  }
  if (o.replicas < 1 || o.replicas > kMaxReplicas) {
    return bad(
        fmt::format("expected between 1 and {} replicas, found {}", kMaxReplicas, o.replicas),
        "replicas");
  }
  for (const double fraction : o.reach_fractions) {
    if (!(fraction > 0 && fraction <= 1)) {
      return bad(fmt::format("expected a fraction in (0,1], found {}", fraction), "reach");
    }
  }
  if (!log_population.empty() && log_population.size() != n) {
    return bad(fmt::format("expected {} log populations, found {}", n, log_population.size()),
               "population");
  }
  if (!factor.empty() && factor.size() != n) {
    return bad(fmt::format("expected {} node factors, found {}", n, factor.size()), "receptivity");
  }
  for (size_t v = 0; v < factor.size(); ++v) {
    if (!(factor[v] >= 0 && factor[v] <= 1)) {
      return bad(fmt::format("node {}: expected a factor in [0,1], found {}", v, factor[v]),
                 "receptivity");
    }
  }
  for (const network::NodeId s : seeds) {
    if (s >= n) return bad(fmt::format("seed {} is not a node (0..{})", s, n - 1), "seeds");
  }
  const double bytes = 4.0 * static_cast<double>(o.replicas) * (o.until_year - o.from_year + 2);
  if (bytes > core::MemoryBudgetBytes()) {
    return bad(fmt::format("{} replicas of {} years need {:.0f} MB, above the memory budget of "
                           "{:.0f} MB; ask for fewer replicas",
                           o.replicas, o.until_year - o.from_year + 2, bytes / 1e6,
                           core::MemoryBudgetBytes() / 1e6),
               "replicas");
  }
  return Status::Ok();
}

// Everything a replica reads, prepared once.
struct Prepared {
  uint32_t n = 0;
  std::vector<const network::Graph*> graphs;
  std::vector<double> layer_beta;
  std::vector<double> node_term;  // b_pop * (log pop - mean), per node
  std::vector<double> factor;     // per node, 1 when absent
  std::vector<network::NodeId> seeds;
  double intercept = 0, trend = 0, memory = 1, shock_sd = 0;
  int first_year = 0, from = 0, until = 0;
};

Prepared Prepare(uint32_t n, std::span<const ExposureLayer> layers, const CalibratedModel& model,
                 std::span<const double> log_population, std::span<const double> factor,
                 std::span<const network::NodeId> seeds, const CalendarOptions& o) {
  Prepared p;
  p.n = n;
  for (const ExposureLayer& l : layers) {
    p.graphs.push_back(l.graph);
    p.layer_beta.push_back(*model.Coefficient(l.coefficient));
  }
  p.intercept = model.Coefficient("intercept").value_or(0);
  p.trend = model.Coefficient("trend").value_or(0);
  p.memory = model.memory;
  p.shock_sd = model.year_shock_sd;
  p.first_year = model.first_year;
  p.from = o.from_year;
  p.until = o.until_year;
  p.node_term.assign(n, 0.0);
  const double b_pop = model.Coefficient("log_population").value_or(0);
  if (b_pop != 0 && !log_population.empty()) {
    double mean = 0;
    if (model.mean_log_population) {
      mean = *model.mean_log_population;
    } else {
      double sum = 0;
      uint64_t known = 0;
      for (const double x : log_population) {
        if (std::isfinite(x)) sum += x, ++known;
      }
      mean = known > 0 ? sum / static_cast<double>(known) : 0;
    }
    for (uint32_t v = 0; v < n; ++v) {
      if (std::isfinite(log_population[v])) p.node_term[v] = b_pop * (log_population[v] - mean);
    }
  }
  p.factor.assign(factor.begin(), factor.end());
  if (p.factor.empty()) p.factor.assign(n, 1.0);
  std::vector<uint8_t> seen(n, 0);
  for (const network::NodeId s : seeds) {
    if (!seen[s]) p.seeds.push_back(s), seen[s] = 1;
  }
  return p;
}

struct Worker {
  std::vector<uint8_t> adopted;
  std::vector<double> exposure;  // node-major: exposure[v * layers + l]
  std::vector<network::NodeId> at_risk, adopters;
};

void Expose(const Prepared& p, Worker& w, network::NodeId u) {
  const size_t layers = p.graphs.size();
  for (size_t l = 0; l < layers; ++l) {
    for (const network::NodeId v : p.graphs[l]->OutNeighbors(u)) w.exposure[v * layers + l] += 1;
  }
}

// One replica: the cumulative adopted count at the end of each year from-1 .. until into `out`.
void RunReplica(const Prepared& p, Worker& w, core::Rng& rng, uint32_t* out) {
  const size_t layers = p.graphs.size();
  w.adopted.assign(p.n, 0);
  w.exposure.assign(static_cast<size_t>(p.n) * layers, 0.0);
  for (const network::NodeId s : p.seeds) w.adopted[s] = 1;
  for (const network::NodeId s : p.seeds) Expose(p, w, s);
  w.at_risk.clear();
  for (network::NodeId v = 0; v < p.n; ++v) {
    if (!w.adopted[v] && p.factor[v] > 0) w.at_risk.push_back(v);
  }
  uint32_t cumulative = static_cast<uint32_t>(p.seeds.size());
  out[0] = cumulative;
  for (int year = p.from; year <= p.until; ++year) {
    const double shock = p.shock_sd > 0 ? p.shock_sd * internal::StandardNormal(rng) : 0;
    const double base = p.intercept + p.trend * (year - p.first_year) + shock;
    w.adopters.clear();
    size_t kept = 0;
    for (const network::NodeId v : w.at_risk) {
      double eta = base + p.node_term[v];
      const double* e = &w.exposure[static_cast<size_t>(v) * layers];
      for (size_t l = 0; l < layers; ++l) {
        if (e[l] > 0) eta += p.layer_beta[l] * std::log1p(e[l]);
      }
      if (rng.Uniform() * (1 + std::exp(-eta)) < p.factor[v]) {
        w.adopters.push_back(v);
      } else {
        w.at_risk[kept++] = v;
      }
    }
    w.at_risk.resize(kept);
    if (p.memory < 1) {
      for (double& e : w.exposure) e *= p.memory;
    }
    for (const network::NodeId v : w.adopters) Expose(p, w, v);
    cumulative += static_cast<uint32_t>(w.adopters.size());
    out[year - p.from + 1] = cumulative;
  }
}

// The type-1 empirical quantile of sorted values.
template <class T>
T Quantile(const std::vector<T>& sorted, double q) {
  const size_t r = sorted.size();
  size_t index = static_cast<size_t>(std::ceil(q * static_cast<double>(r)));
  index = std::clamp<size_t>(index, 1, r) - 1;
  return sorted[index];
}

void Summarise(const Prepared& p, const std::vector<uint32_t>& counts, uint64_t replicas,
               const CalendarOptions& o, CalendarResult& result) {
  const size_t width = static_cast<size_t>(p.until - p.from) + 2;
  std::vector<uint32_t> column(replicas);
  for (size_t y = 0; y < width; ++y) {
    double sum = 0;
    for (uint64_t r = 0; r < replicas; ++r) {
      column[r] = counts[r * width + y];
      sum += column[r];
    }
    std::sort(column.begin(), column.end());
    result.years.push_back({.year = p.from - 1 + static_cast<int>(y),
                            .mean = sum / static_cast<double>(replicas),
                            .lo = Quantile(column, 0.05),
                            .hi = Quantile(column, 0.95)});
  }
  std::vector<int> reached(replicas);
  for (const double fraction : o.reach_fractions) {
    YearReach reach{.fraction = fraction,
                    .target = static_cast<uint64_t>(std::ceil(fraction * p.n - 1e-9))};
    for (uint64_t r = 0; r < replicas; ++r) {
      reached[r] = kNever;
      for (size_t y = 0; y < width; ++y) {
        if (counts[r * width + y] >= reach.target) {
          reached[r] = p.from - 1 + static_cast<int>(y);
          ++reach.replicas_reached;
          break;
        }
      }
    }
    std::sort(reached.begin(), reached.end());
    const auto year = [&](double q) -> std::optional<int> {
      const int y = Quantile(reached, q);
      return y == kNever ? std::nullopt : std::optional<int>(y);
    };
    reach.median = year(0.5);
    reach.lo = year(0.05);
    reach.hi = year(0.95);
    result.reach.push_back(reach);
  }
}

}  // namespace

core::Result<CalendarResult> RunCalendar(uint32_t node_count, std::span<const ExposureLayer> layers,
                                         const CalibratedModel& model,
                                         std::span<const double> log_population,
                                         std::span<const double> factor,
                                         std::span<const network::NodeId> seeds,
                                         const CalendarOptions& options) {
  DUCKWEED_RETURN_IF_ERROR(
      CheckInputs(node_count, layers, model, log_population, factor, seeds, options));
  const auto start = std::chrono::steady_clock::now();
  const Prepared p = Prepare(node_count, layers, model, log_population, factor, seeds, options);
  const size_t width = static_cast<size_t>(options.until_year - options.from_year) + 2;
  CalendarResult result;
  result.replicas = options.replicas;
  result.seed = options.seed;
  result.node_count = node_count;
  result.seeds = p.seeds;
  for (const ExposureLayer& l : layers) result.layers.push_back(l.coefficient);
  for (const Parameter& q : model.parameters) {
    const bool has_layer = std::any_of(layers.begin(), layers.end(), [&](const ExposureLayer& l) {
      return l.coefficient == q.name;
    });
    if (IsChannel(q.name) && !has_layer) result.unmatched.push_back(q.name);
  }
  try {
    std::vector<uint32_t> counts(options.replicas * width);
    const auto workers = internal::ForEachReplica(
        options.policy, options.replicas, [] { return Worker{}; },
        [&](Worker& w, uint64_t r) {
          if (options.control != nullptr && options.control->cancelled()) return;
          core::Rng rng = core::Rng::ForStream(options.seed, r);
          RunReplica(p, w, rng, &counts[r * width]);
          if (options.progress != nullptr) options.progress->Advance();
          if (options.control != nullptr) options.control->Advance();
        });
    if (options.control != nullptr && options.control->cancelled()) {
      return core::CancelledStatus();
    }
    result.threads_used = static_cast<int>(workers.size());
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    Summarise(p, counts, options.replicas, options, result);
  } catch (const std::bad_alloc&) {
    return Status::InvalidInput("out of memory for the calendar run; ask for fewer replicas",
                                core::Location{.field = "replicas"});
  }
  return result;
}

core::Result<network::Graph> CalibratedCascadeGraph(uint32_t node_count,
                                                    std::span<const ExposureLayer> layers,
                                                    const CalibratedModel& model, int from_year) {
  const std::vector<network::NodeId> no_seeds;
  const CalendarOptions o{.from_year = from_year, .until_year = from_year};
  DUCKWEED_RETURN_IF_ERROR(CheckInputs(node_count, layers, model, {}, {}, no_seeds, o));
  const auto logistic = [](double eta) { return 1 / (1 + std::exp(-eta)); };
  const double base = model.Coefficient("intercept").value_or(0) +
                      model.Coefficient("trend").value_or(0) * (from_year - model.first_year);
  std::vector<double> keep;  // per layer: 1 - p_L
  for (const ExposureLayer& l : layers) {
    const double p =
        logistic(base + *model.Coefficient(l.coefficient) * std::log(2.0)) - logistic(base);
    keep.push_back(1 - std::clamp(p, 0.0, 1.0));
  }
  network::Graph::Parts parts;
  parts.offsets.assign(1, 0);
  std::vector<std::pair<network::NodeId, double>> row;
  for (network::NodeId u = 0; u < node_count; ++u) {
    row.clear();
    for (size_t l = 0; l < layers.size(); ++l) {
      for (const network::NodeId v : layers[l].graph->OutNeighbors(u)) row.push_back({v, keep[l]});
    }
    std::sort(row.begin(), row.end());
    for (size_t i = 0; i < row.size();) {
      double none = 1;
      size_t j = i;
      for (; j < row.size() && row[j].first == row[i].first; ++j) none *= row[j].second;
      parts.targets.push_back(row[i].first);
      parts.weights.push_back(static_cast<float>(1 - none));
      i = j;
    }
    parts.offsets.push_back(parts.targets.size());
  }
  return network::Graph::FromParts(std::move(parts));
}

}  // namespace duckweed::diffusion
