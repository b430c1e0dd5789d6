#include "duckweed/diffusion/run.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

#include "duckweed/core/file.h"
#include "duckweed/core/json.h"
#include "duckweed/core/json_preview.h"
#include "duckweed/diffusion/influence.h"
#include "duckweed/network/edge_list.h"
#include "duckweed/network/graph_file.h"

namespace duckweed::diffusion {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

network::Graph PadNodes(network::Graph graph, uint32_t n) {
  network::Graph::Parts parts = std::move(graph).ToParts();
  if (parts.offsets.empty()) parts.offsets.push_back(0);
  while (parts.offsets.size() < static_cast<size_t>(n) + 1) {
    parts.offsets.push_back(parts.offsets.back());
  }
  return network::Graph::FromParts(std::move(parts));
}

core::Result<std::vector<network::NodeId>> NodesOfIds(const network::EdgeList& list,
                                                      const std::vector<uint64_t>& ids,
                                                      const std::string& source) {
  std::vector<network::NodeId> nodes;
  for (size_t i = 0; i < ids.size(); ++i) {
    const auto node = list.FindNode(ids[i]);
    if (!node) {
      return core::Status::InvalidInput(
          fmt::format("seed [{}] = {} is not a node of the graph", i, ids[i]),
          core::Location{.source = source});
    }
    nodes.push_back(*node);
  }
  return nodes;
}

// A territory code (fr:49002) names one place; a name may name several, which is an error
// listing their codes so the user can pick one.
core::Result<network::NodeId> FindPlace(const NodeTable& table, const network::EdgeList& list,
                                        const std::string& name, const std::string& source) {
  if (const auto node = table.FindByTerritory(name)) return *node;
  const std::vector<network::NodeId> found = table.FindByName(name);
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    return core::Status::InvalidInput(
        fmt::format("no place named '{}' in the node table (names or territory codes)", name),
        core::Location{.source = source, .field = "name"});
  }
  std::string candidates;
  for (const network::NodeId v : found) {
    if (!candidates.empty()) candidates += ", ";
    candidates += v < table.territories.size() && !table.territories[v].empty()
                      ? table.territories[v]
                      : fmt::format("id {}", list.Label(v));
  }
  return core::Status::InvalidInput(
      fmt::format("'{}' names {} places ({}); give the territory code instead", name, found.size(),
                  candidates),
      core::Location{.source = source, .field = "name"});
}

// The layers of a calendar run: the graph (unless graph_coefficient is "none") and the
// request's layer files. Heap-held so the layers' pointers into `extra` stay valid.
struct CalendarLayers {
  std::vector<network::Graph> extra;
  std::vector<ExposureLayer> layers;
};

core::Result<std::unique_ptr<CalendarLayers>> ReadCalendarLayers(const RunRequest& r,
                                                                 const network::Graph& graph) {
  const uint32_t n = graph.node_count();
  if (!r.layer_files.empty() && !r.dense_ids) {
    return core::Status::Usage("--layers needs --dense-ids (every layer uses the same node ids)");
  }
  auto out = std::make_unique<CalendarLayers>();
  out->extra.reserve(r.layer_files.size());
  for (const auto& [coefficient, path] : r.layer_files) {
    RunRequest layer = r;
    layer.graph_path = path;
    layer.spec.use_arc_weights = false;
    DUCKWEED_ASSIGN_OR_RETURN(network::EdgeList list, ReadRunGraph(layer, n));
    if (list.graph.node_count() != n) {
      return core::Status::InvalidInput(
          fmt::format("expected node ids below {} (the graph's nodes), found {} nodes", n,
                      list.graph.node_count()),
          core::Location{.source = path});
    }
    out->extra.push_back(std::move(list.graph));
  }
  if (r.graph_coefficient != "none") out->layers.push_back({r.graph_coefficient, &graph});
  for (size_t i = 0; i < out->extra.size(); ++i) {
    out->layers.push_back({r.layer_files[i].first, &out->extra[i]});
  }
  return out;
}

int FromYear(const RunRequest& r) {
  return r.from_year != 0 ? r.from_year : r.calibrated->fit_until + 1;
}

core::Result<std::vector<network::NodeId>> ResolveSeeds(const RunRequest& r,
                                                        const network::EdgeList& list,
                                                        const NodeTable& table,
                                                        std::string& description,
                                                        const CalendarLayers* calendar) {
  const int sources =
      !r.seeds_file.empty() + !r.seed_ids.empty() + !r.seed_names.empty() + r.strategy.has_value();
  if (sources != 1) {
    return core::Status::Usage(
        "give exactly one seed source: --seeds-file, --seeds, --seed-names or --seed-strategy");
  }
  if (!r.seeds_file.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(r.seeds_file));
    DUCKWEED_ASSIGN_OR_RETURN(const auto ids, ParseSeedIds(text, r.seeds_file));
    description = fmt::format("file {}", r.seeds_file);
    return NodesOfIds(list, ids, r.seeds_file);
  }
  if (!r.seed_ids.empty()) {
    description = "ids";
    return NodesOfIds(list, r.seed_ids, "--seeds");
  }
  if (!r.seed_names.empty()) {
    std::vector<network::NodeId> nodes;
    for (const std::string& name : r.seed_names) {
      DUCKWEED_ASSIGN_OR_RETURN(const network::NodeId node,
                                FindPlace(table, list, name, r.nodes_path));
      nodes.push_back(node);
    }
    description = "names";
    return nodes;
  }
  description = fmt::format("strategy {} (k={})", SeedStrategyName(*r.strategy), r.seed_count);
  if (*r.strategy == SeedStrategy::kInfluenceMax) {
    NodeFactors factors{table.attributes.receptivity, table.attributes.resistance};
    const network::Graph* graph = &list.graph;
    ModelSpec spec = r.spec;
    network::Graph cascade;
    if (calendar != nullptr) {  // IMM on the calibrated layers (calendar.h)
      DUCKWEED_ASSIGN_OR_RETURN(
          cascade, CalibratedCascadeGraph(list.graph.node_count(), calendar->layers, *r.calibrated,
                                          FromYear(r)));
      graph = &cascade;
      spec = ModelSpec{.kind = ModelKind::kIndependentCascade, .use_arc_weights = true};
      description += ", on the calibrated layers";
    }
    DUCKWEED_ASSIGN_OR_RETURN(const ImmResult imm,
                              InfluenceMaximization(*graph, spec, factors,
                                                    {.k = r.seed_count,
                                                     .epsilon = r.imm_epsilon,
                                                     .seed = r.options.seed,
                                                     .policy = r.options.policy,
                                                     .distributor = r.options.distributor}));
    description += fmt::format(", epsilon={}, {} RR sets", r.imm_epsilon, imm.rr_sets);
    return imm.seeds;
  }
  return ChooseSeeds(list.graph, table.attributes, *r.strategy, r.seed_count, r.options.seed);
}

core::Status CheckRequest(const RunRequest& r) {
  if (r.options.replicas < 1 || r.options.replicas > kMaxReplicas) {
    return core::Status::InvalidInput(fmt::format("expected between 1 and {} replicas, found {}",
                                                  kMaxReplicas, r.options.replicas),
                                      core::Location{.field = "replicas"});
  }
  if (!(r.cordon_strength >= 0 && r.cordon_strength <= 1)) {
    return core::Status::InvalidInput(
        fmt::format("expected a cordon strength in [0,1], found {}", r.cordon_strength),
        core::Location{.field = "cordon"});
  }
  if (r.cordon_hops < 1) {
    return core::Status::InvalidInput(
        fmt::format("expected a cordon reach of at least 1 hop, found {}", r.cordon_hops),
        core::Location{.field = "cordon-hops"});
  }
  if (!(r.cordon_km >= 0)) {
    return core::Status::InvalidInput(
        fmt::format("expected a positive cordon scale in km, found {}", r.cordon_km),
        core::Location{.field = "cordon-km"});
  }
  if (r.cordon_strength == 0 && (r.cordon_km > 0 || r.cordon_hops != 1)) {
    return core::Status::Usage("--cordon-hops and --cordon-km need --cordon STRENGTH");
  }
  return core::Status::Ok();
}

core::Result<NodeFactors> Factors(const RunRequest& r, const network::Graph& g,
                                  const NodeTable& table,
                                  const std::vector<network::NodeId>& seeds) {
  NodeFactors f;
  f.receptivity = table.attributes.receptivity;
  f.resistance = table.attributes.resistance;
  if (r.cordon_strength <= 0) return f;  // CheckRequest keeps it in [0,1]
  std::vector<double> cordon;
  if (r.cordon_km > 0) {
    if (table.attributes.latitude.size() != g.node_count()) {
      return core::Status::InvalidInput(
          "a geographic cordon needs node coordinates (a nodes file with latitude, longitude)",
          core::Location{.field = "cordon-km"});
    }
    cordon = CordonByDistance(table.attributes.latitude, table.attributes.longitude, seeds,
                              r.cordon_strength, r.cordon_km);
  } else {
    cordon = CordonByHops(g, seeds, r.cordon_strength, r.cordon_hops, r.cordon_decay);
  }
  if (f.resistance.empty()) f.resistance.assign(g.node_count(), 0.0);
  // Independent resistances combine as 1 - (1 - a)(1 - b).
  for (size_t v = 0; v < cordon.size(); ++v) {
    f.resistance[v] = 1 - (1 - f.resistance[v]) * (1 - cordon[v]);
  }
  return f;
}

// --arc-weights uses each weight as a probability; the edge list reader accepts any finite weight.
core::Status CheckWeightsAreProbabilities(const network::EdgeList& list, const std::string& path) {
  const network::Graph& g = list.graph;
  const std::span<const float> w = g.weights();
  for (network::NodeId u = 0; u < g.node_count(); ++u) {
    for (network::ArcIndex a = g.ArcBegin(u); a < g.ArcEnd(u); ++a) {
      if (w[a] >= 0.0f && w[a] <= 1.0f) continue;
      return core::Status::InvalidInput(
          fmt::format("arc {} -> {}: expected a probability in [0,1], found {}", list.Label(u),
                      list.Label(g.targets()[a]), w[a]),
          core::Location{.source = path, .field = "weight"});
    }
  }
  return core::Status::Ok();
}

// The calibrated model on its layers, in calendar years.
core::Result<CalendarResult> RunCalendarOn(const RunRequest& r, const CalendarLayers& layers,
                                           const NodeTable& table, uint32_t n,
                                           const std::vector<network::NodeId>& seeds,
                                           const NodeFactors& factors) {
  std::vector<double> log_population;
  for (const double p : table.attributes.population) {
    log_population.push_back(p > 0 ? std::log(p) : std::numeric_limits<double>::quiet_NaN());
  }
  CalendarOptions o{.from_year = FromYear(r),
                    .replicas = r.options.replicas,
                    .seed = r.options.seed,
                    .policy = r.options.policy,
                    .reach_fractions = r.options.reach_fractions,
                    .progress = r.options.progress,
                    .control = r.options.control};
  o.until_year = r.until_year != 0 ? r.until_year : o.from_year + 14;
  return RunCalendar(n, layers.layers, *r.calibrated, log_population, factors.Combined(n), seeds,
                     o);
}

}  // namespace

core::Status ApplyRecipeReceptivity(const RecipeReceptivity& receptivity, uint32_t node_count,
                                    NodeTable& nodes) {
  const auto bad = [&](std::string message, const char* field) {
    return core::Status::InvalidInput(std::move(message), core::Location{.field = field});
  };
  if (nodes.territories.empty()) {
    return bad(fmt::format("receptivity from recipe '{}' needs a node table with a territory "
                           "column (codes like fr:62528, as `graph places` writes)",
                           receptivity.recipe),
               "territory");
  }
  const auto in_unit = [](double m) { return m >= 0.0 && m <= 1.0; };
  if (!in_unit(receptivity.default_membership)) {
    return bad(fmt::format("expected a default membership in [0,1], found {}",
                           receptivity.default_membership),
               "receptivity-recipe");
  }
  for (const auto& [code, m] : receptivity.membership) {
    if (!in_unit(m)) {
      return bad(fmt::format("{}: expected a membership in [0,1], found {}", code, m),
                 "receptivity-recipe");
    }
  }
  std::vector<double>& r = nodes.attributes.receptivity;
  if (r.size() < node_count) r.resize(node_count, 1.0);
  for (uint32_t v = 0; v < node_count; ++v) {
    double m = receptivity.default_membership;
    if (v < nodes.territories.size()) {
      const auto it = receptivity.membership.find(nodes.territories[v]);
      if (it != receptivity.membership.end()) m = it->second;
    }
    r[v] *= m;
  }
  return core::Status::Ok();
}

core::Result<network::EdgeList> ReadRunGraph(const RunRequest& r, uint32_t min_nodes) {
  network::EdgeListOptions options;
  options.directed = !r.undirected;
  options.drop_self_loops = !r.keep_multi;
  options.dedup = !r.keep_multi;
  options.ids = r.dense_ids ? network::IdMapping::kIdentity : network::IdMapping::kCompact;
  options.weights =
      r.spec.use_arc_weights ? network::WeightColumn::kRequire : network::WeightColumn::kIgnore;
  DUCKWEED_ASSIGN_OR_RETURN(network::EdgeList list, network::ReadGraphFile(r.graph_path, options));
  if (r.spec.use_arc_weights && list.graph.has_weights()) {
    DUCKWEED_RETURN_IF_ERROR(CheckWeightsAreProbabilities(list, r.graph_path));
  }
  if (r.dense_ids && list.labels.empty() && list.graph.node_count() < min_nodes) {
    list.graph = PadNodes(std::move(list.graph), min_nodes);
  }
  return list;
}

core::Result<std::vector<uint64_t>> ParseSeedIds(std::string_view text, const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(const nlohmann::json doc, core::ParseJson(text, source));
  if (!doc.is_array()) {
    return core::Status::InvalidInput(fmt::format("expected a JSON array of node ids, found {} {}",
                                                  doc.is_object() ? "an" : "a", doc.type_name()),
                                      core::Location{.source = source});
  }
  std::vector<uint64_t> ids;
  for (size_t i = 0; i < doc.size(); ++i) {
    if (!doc[i].is_number_unsigned()) {
      return core::Status::InvalidInput(
          fmt::format("entry [{}]: expected a non-negative integer node id, found {}", i,
                      core::JsonPreview(doc[i])),
          core::Location{.source = source});
    }
    ids.push_back(doc[i].get<uint64_t>());
  }
  return ids;
}

core::Result<RunOutcome> ExecuteRun(const RunRequest& r) {
  const auto start = Clock::now();
  DUCKWEED_RETURN_IF_ERROR(CheckRequest(r));
  DUCKWEED_ASSIGN_OR_RETURN(network::EdgeList list, ReadRunGraph(r));
  NodeTable nodes;
  if (!r.nodes_path.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(nodes, ReadNodeTable(r.nodes_path, list));
  }
  const double read_seconds = SecondsSince(start);
  DUCKWEED_ASSIGN_OR_RETURN(RunOutcome out, ExecuteRunOn(list, std::move(nodes), r));
  out.timings.read_seconds = read_seconds;
  out.timings.total_seconds = SecondsSince(start);
  return out;
}

core::Result<RunOutcome> ExecuteRunOn(const network::EdgeList& list, NodeTable nodes,
                                      const RunRequest& r) {
  const auto start = Clock::now();
  DUCKWEED_RETURN_IF_ERROR(CheckRequest(r));
  if (list.graph.node_count() == 0) {
    return core::Status::InvalidInput("the graph is empty: no edges to diffuse along",
                                      core::Location{.source = r.graph_path});
  }
  RunOutcome out;
  out.nodes = std::move(nodes);
  if (r.recipe_receptivity) {
    DUCKWEED_RETURN_IF_ERROR(
        ApplyRecipeReceptivity(*r.recipe_receptivity, list.graph.node_count(), out.nodes));
  }
  std::string seeds_description;
  std::unique_ptr<CalendarLayers> layers;
  if (r.calibrated) {
    DUCKWEED_ASSIGN_OR_RETURN(layers, ReadCalendarLayers(r, list.graph));
  }
  DUCKWEED_ASSIGN_OR_RETURN(const auto seeds,
                            ResolveSeeds(r, list, out.nodes, seeds_description, layers.get()));
  DUCKWEED_ASSIGN_OR_RETURN(const NodeFactors factors, Factors(r, list.graph, out.nodes, seeds));
  if (r.calibrated) {
    DUCKWEED_ASSIGN_OR_RETURN(out.calendar, RunCalendarOn(r, *layers, out.nodes,
                                                          list.graph.node_count(), seeds, factors));
    out.result.seeds = out.calendar->seeds;
    out.result.node_count = out.calendar->node_count;
    out.timings.simulate_seconds = out.calendar->seconds;
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(out.result,
                              RunMonteCarlo(list.graph, r.spec, seeds, factors, r.options));
    out.timings.simulate_seconds = out.result.seconds;
  }
  out.inputs = RunInputs{.graph_path = r.graph_path,
                         .undirected = r.undirected,
                         .nodes = list.graph.node_count(),
                         .arcs = list.graph.arc_count(),
                         .self_loops_dropped = list.stats.self_loops_dropped,
                         .duplicate_arcs_dropped = list.stats.duplicate_arcs_dropped,
                         .seeds_source = seeds_description,
                         .labels = list.labels,
                         .names = out.nodes.names};
  out.timings.total_seconds = SecondsSince(start);
  return out;
}

}  // namespace duckweed::diffusion
