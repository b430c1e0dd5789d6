// `duckweed graph places`: the network of places of the store (French communes by default), one
// file per channel, for `duckweed diffuse` and its concentric-versus-network comparison.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/place_layers.h"
#include "cli/verbs.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/network/edge_list.h"
#include "duckweed/network/graph_cache.h"
#include "duckweed/network/graph_ops.h"
#include "duckweed/network/places.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

struct PlacesFlags {
  std::string kind = "commune";
  std::string country = "FR";
  std::string within;  // a territory id: keep places that list it as a direct parent
  uint32_t knn = 6;
  double radius_km = 0;
  std::string epci = "clique";
  std::string departement = "star";
  int64_t gravity_links = -1;  // -1: one per 10 places
  double gravity_exponent = 2.0;
  double min_distance_km = 20.0;
  double rewire = 0;
  uint64_t seed = 1;
  std::string out;
  std::vector<std::string> layers;  // place_layers.h; empty: the three channels
  std::string network;              // whose memberships give coordinator / supporter layers
  uint32_t max_clique = 200;
};

network::GroupLinks ToLinks(const std::string& s) {
  if (s == "clique") return network::GroupLinks::kClique;
  if (s == "star") return network::GroupLinks::kStar;
  return network::GroupLinks::kNone;
}

struct Loaded {
  std::vector<network::Place> places;
  std::vector<std::string> names;
  std::vector<std::string> countries;
  size_t without_coordinates = 0;
};

core::Result<Loaded> LoadPlaces(const PlacesFlags& f, store::Store* s, const std::string& db) {
  store::TerritoryFilter filter;
  filter.kind = f.kind;
  filter.country = f.country;
  filter.limit = 0;
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<store::Territory> territories, s->ListTerritories(filter));
  Loaded out;
  for (const store::Territory& t : territories) {
    if (!f.within.empty() &&
        std::find(t.parents.begin(), t.parents.end(), f.within) == t.parents.end()) {
      continue;
    }
    if (!t.latitude || !t.longitude) {
      ++out.without_coordinates;
      continue;
    }
    network::Place p;
    p.id = t.id;
    p.lat = *t.latitude;
    p.lon = *t.longitude;
    p.population = static_cast<double>(t.population.value_or(0));
    for (const std::string& parent : t.parents) {
      if (parent.rfind("fr-epci:", 0) == 0) p.epci = parent;
      if (parent.rfind("fr-dep:", 0) == 0) p.departement = parent;
    }
    out.places.push_back(std::move(p));
    out.names.push_back(t.name);
    out.countries.push_back(t.country);
  }
  if (out.places.empty()) {
    return core::Status::NotFound(
        fmt::format("no {} of country {}{} with coordinates in {}; run `duckweed places import "
                    "france` then `places import world` (coordinates)",
                    f.kind, f.country, f.within.empty() ? "" : " within " + f.within, db));
  }
  return out;
}

core::Status WriteNodes(const std::string& path, const Loaded& loaded) {
  std::string csv = "id,territory,name,population,latitude,longitude\n";
  for (size_t i = 0; i < loaded.places.size(); ++i) {
    const network::Place& p = loaded.places[i];
    csv += fmt::format("{},{},{},{},{},{}\n", i, core::CsvEscape(p.id),
                       core::CsvEscape(loaded.names[i]), p.population, p.lat, p.lon);
  }
  return core::WriteFileAtomic(path, csv);
}

// --layers: the named layers, one file each, and their union as `all`.
core::Status LayersVerb(const PlacesFlags& f, const CliContext& ctx, Loaded loaded,
                        store::Store* s) {
  PlaceLayerInputs in{.places = std::move(loaded.places),
                      .countries = std::move(loaded.countries),
                      .store = s,
                      .network = f.network,
                      .max_clique = f.max_clique,
                      .seed = f.seed};
  in.gravity.links = f.gravity_links >= 0 ? static_cast<uint64_t>(f.gravity_links)
                                          : std::max<uint64_t>(1, in.places.size() / 10);
  in.gravity.exponent = f.gravity_exponent;
  in.gravity.min_distance_km = f.min_distance_km;
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<NamedLayer> layers, BuildPlaceLayers(f.layers, in));
  std::vector<const network::Graph*> graphs;
  for (const NamedLayer& l : layers) graphs.push_back(&l.graph);
  DUCKWEED_ASSIGN_OR_RETURN(const network::Graph all, network::UnionOf(graphs));
  loaded.places = std::move(in.places);
  nlohmann::json j = {{"places", loaded.places.size()},
                      {"skipped_without_coordinates", loaded.without_coordinates},
                      {"seed", f.seed}};
  for (const NamedLayer& l : layers) {
    j["layers"][l.name] = {{"edges", l.graph.arc_count() / 2}, {"description", l.description}};
  }
  j["layers"]["all"] = {{"edges", all.arc_count() / 2}, {"description", "union of the layers"}};
  if (!f.out.empty()) {
    for (const NamedLayer& l : layers) {
      const std::string path = fmt::format("{}.{}.edges", f.out, l.name);
      DUCKWEED_RETURN_IF_ERROR(network::WriteEdgeListFile(path, l.graph, {}, true));
      j["files"].push_back(path);
    }
    DUCKWEED_RETURN_IF_ERROR(network::WriteEdgeListFile(f.out + ".all.edges", all, {}, true));
    DUCKWEED_RETURN_IF_ERROR(network::WriteGraphCache(f.out + ".all.dwg", all));
    DUCKWEED_RETURN_IF_ERROR(WriteNodes(f.out + ".nodes.csv", loaded));
    for (const char* suffix : {".all.edges", ".all.dwg", ".nodes.csv"}) {
      j["files"].push_back(f.out + suffix);
    }
  }
  if (ctx.json) {
    fmt::print("{}\n", j.dump(2));
    return core::Status::Ok();
  }
  fmt::print("{} places ({} skipped without coordinates)\n", loaded.places.size(),
             loaded.without_coordinates);
  for (const NamedLayer& l : layers) {
    fmt::print("  {:<14} {:>9} edges  {}\n", l.name, l.graph.arc_count() / 2, l.description);
  }
  fmt::print("  {:<14} {:>9} edges  union of the layers\n", "all", all.arc_count() / 2);
  if (!f.out.empty()) fmt::print("written: {}\n", j["files"].dump());
  return core::Status::Ok();
}

core::Status PlacesVerb(const PlacesFlags& f, const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string db, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s, store::Store::Open(db));
  DUCKWEED_ASSIGN_OR_RETURN(Loaded loaded, LoadPlaces(f, s.get(), db));
  if (!f.layers.empty()) return LayersVerb(f, ctx, std::move(loaded), s.get());
  if (!f.network.empty())
    return core::Status::Usage("--network needs --layers coordinator|supporter");
  network::PlaceNetworkOptions o;
  o.knn = f.knn;
  o.radius_km = f.radius_km;
  o.institutional.epci = ToLinks(f.epci);
  o.institutional.departement = ToLinks(f.departement);
  const uint64_t links = f.gravity_links >= 0 ? static_cast<uint64_t>(f.gravity_links)
                                              : std::max<uint64_t>(1, loaded.places.size() / 10);
  o.gravity.links = f.rewire > 0 ? 0 : links;
  o.gravity.exponent = f.gravity_exponent;
  o.gravity.min_distance_km = f.min_distance_km;
  o.rewire_beta = f.rewire;
  DUCKWEED_ASSIGN_OR_RETURN(network::PlaceNetwork net,
                            network::BuildPlaceNetwork(loaded.places, o, f.seed));
  const std::pair<const char*, const network::Graph*> channels[] = {
      {"concentric", &net.concentric},
      {"institutional", &net.institutional},
      {"long-range", &net.long_range},
      {"all", &net.combined}};
  nlohmann::json j = {{"places", loaded.places.size()},
                      {"skipped_without_coordinates", loaded.without_coordinates},
                      {"seed", f.seed}};
  for (const auto& [name, graph] : channels) {
    j["edges"][name] = graph->arc_count() / 2;
    if (!f.out.empty()) {
      const std::string path = fmt::format("{}.{}.edges", f.out, name);
      DUCKWEED_RETURN_IF_ERROR(network::WriteEdgeListFile(path, *graph, {}, true));
      j["files"].push_back(path);
    }
  }
  if (!f.out.empty()) {
    DUCKWEED_RETURN_IF_ERROR(network::WriteGraphCache(f.out + ".all.dwg", net.combined));
    DUCKWEED_RETURN_IF_ERROR(WriteNodes(f.out + ".nodes.csv", loaded));
    j["files"].push_back(f.out + ".all.dwg");
    j["files"].push_back(f.out + ".nodes.csv");
  }
  if (ctx.json) {
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{} places ({} skipped without coordinates)\n", loaded.places.size(),
               loaded.without_coordinates);
    for (const auto& [name, graph] : channels) {
      fmt::print("  {:<14} {:>9} edges\n", name, graph->arc_count() / 2);
    }
    if (!f.out.empty()) fmt::print("written: {}\n", j["files"].dump());
  }
  return core::Status::Ok();
}

}  // namespace

void RegisterGraphPlacesVerb(CLI::App& graph, CliContext& ctx) {
  auto f = std::make_shared<PlacesFlags>();
  auto* cmd =
      graph.add_subcommand("places",
                           "Network of the store's places: concentric (k-NN), institutional (EPCI, "
                           "département), long-range (gravity), and their union");
  cmd->add_option("--kind", f->kind, "Territory kind (commune)");
  cmd->add_option("--country", f->country, "Country code (FR)");
  cmd->add_option("--within", f->within, "Only places with this direct parent, e.g. fr-dep:62");
  cmd->add_option("--knn", f->knn, "Concentric: k nearest neighbours (6; 0 = none)");
  cmd->add_option("--radius-km", f->radius_km, "Concentric: also all pairs within this distance");
  cmd->add_option("--epci", f->epci, "Same-EPCI links: clique, star or none (clique)")
      ->check(CLI::IsMember({"clique", "star", "none"}));
  cmd->add_option("--departement", f->departement, "Same-département links (star)")
      ->check(CLI::IsMember({"clique", "star", "none"}));
  cmd->add_option("--gravity-links", f->gravity_links,
                  "Long-range gravity edges (default: one per 10 places)");
  cmd->add_option("--gravity-exponent", f->gravity_exponent, "Distance decay exponent (2)");
  cmd->add_option("--min-distance-km", f->min_distance_km, "Shortest long-range link (20 km)");
  cmd->add_option("--rewire", f->rewire,
                  "Long-range by rewiring this fraction of concentric edges instead of gravity");
  cmd->add_option("--seed", f->seed, "Random seed (1)");
  cmd->add_option("--layers", f->layers,
                  "Named layers instead of the three channels, comma-separated: knn:K, "
                  "distance:KM, epci, departement, country, coordinator, supporter, long-range; "
                  "writes PREFIX.LAYER.edges each and their union PREFIX.all.edges")
      ->delimiter(',');
  cmd->add_option("--network", f->network,
                  "With --layers coordinator/supporter: the network whose memberships count");
  cmd->add_option("--max-clique", f->max_clique,
                  "With --layers: groups up to this size are cliques, larger ones stars (200)");
  cmd->add_option("--out", f->out,
                  "Prefix: writes PREFIX.{concentric,institutional,long-range,all}.edges, "
                  "PREFIX.all.dwg and PREFIX.nodes.csv");
  cmd->callback(ctx.Bind([f, &ctx] { return PlacesVerb(*f, ctx); }));
}

}  // namespace duckweed::cli
