#include "cli/place_layers.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "duckweed/store/table_import.h"

namespace duckweed::cli {
namespace {

using core::Status;

Status Bad(const std::string& message) {
  return Status::InvalidInput(message, core::Location{.field = "layers"});
}

core::Result<double> Number(const std::string& spec, std::string text, bool integer) {
  if (text.size() > 2 && text.substr(text.size() - 2) == "km") text.resize(text.size() - 2);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !(value > 0) ||
      (integer && value != static_cast<double>(static_cast<uint32_t>(value)))) {
    return Bad(fmt::format("layer '{}': expected a positive {} after ':', found '{}'", spec,
                           integer ? "whole number" : "number", text));
  }
  return value;
}

// Groups of each place from the memberships of `in.network` through `channel`.
core::Result<std::vector<std::vector<std::string>>> MembershipGroups(const PlaceLayerInputs& in,
                                                                     const std::string& channel,
                                                                     size_t& group_count) {
  if (in.network.empty() || in.store == nullptr) {
    return Bad(
        fmt::format("layer '{}' needs --network NAME (memberships of `import table "
                    "--network NAME`)",
                    channel));
  }
  DUCKWEED_ASSIGN_OR_RETURN(const auto rows,
                            store::ListMembershipsOfNetwork(*in.store, in.network));
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < in.places.size(); ++i) index[in.places[i].id] = i;
  std::vector<std::vector<std::string>> groups(in.places.size());
  std::set<std::string> names;
  for (const store::NetworkMembership& m : rows) {
    if (m.channel != channel || m.via.empty()) continue;
    const auto it = index.find(m.territory_id);
    if (it == index.end()) continue;
    groups[it->second].push_back(m.via);
    names.insert(m.via);
  }
  group_count = names.size();
  return groups;
}

core::Result<NamedLayer> BuildOne(const std::string& spec, const PlaceLayerInputs& in) {
  const size_t colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  const std::string argument = colon == std::string::npos ? "" : spec.substr(colon + 1);
  const bool takes_number = name == "knn" || name == "distance";
  if (takes_number == argument.empty()) {
    return Bad(takes_number ? fmt::format("layer '{}': expected {}:NUMBER", spec, name)
                            : fmt::format("layer '{}' takes no ':' argument", spec));
  }
  NamedLayer out{.name = name};
  if (name == "knn") {
    DUCKWEED_ASSIGN_OR_RETURN(const double k, Number(spec, argument, true));
    DUCKWEED_ASSIGN_OR_RETURN(out.graph,
                              network::BuildKNearest(in.places, static_cast<uint32_t>(k)));
    out.description = fmt::format("{} nearest places", k);
  } else if (name == "distance") {
    DUCKWEED_ASSIGN_OR_RETURN(const double km, Number(spec, argument, false));
    DUCKWEED_ASSIGN_OR_RETURN(out.graph, network::BuildRadius(in.places, km));
    out.description = fmt::format("places within {} km", km);
  } else if (name == "epci" || name == "departement" || name == "country") {
    std::vector<std::vector<std::string>> groups(in.places.size());
    std::set<std::string> names;
    for (size_t i = 0; i < in.places.size(); ++i) {
      const network::Place& p = in.places[i];
      const std::string& g = name == "epci"          ? p.epci
                             : name == "departement" ? p.departement
                                                     : in.countries[i];
      if (!g.empty()) groups[i].push_back(g), names.insert(g);
    }
    DUCKWEED_ASSIGN_OR_RETURN(
        out.graph,
        network::BuildGroupLayer(in.places, groups, network::GroupLinks::kClique, in.max_clique));
    out.description = fmt::format("same {} ({} groups)", name, names.size());
  } else if (name == "coordinator" || name == "supporter") {
    size_t count = 0;
    DUCKWEED_ASSIGN_OR_RETURN(const auto groups, MembershipGroups(in, name, count));
    DUCKWEED_ASSIGN_OR_RETURN(
        out.graph,
        network::BuildGroupLayer(in.places, groups, network::GroupLinks::kClique, in.max_clique));
    out.description =
        fmt::format("joined {} through the same {} ({} {}s)", in.network, name, count, name);
  } else if (name == "long-range") {
    DUCKWEED_ASSIGN_OR_RETURN(out.graph, network::BuildGravity(in.places, in.gravity, in.seed));
    out.description = fmt::format("gravity links (exponent {})", in.gravity.exponent);
  } else {
    return Bad(
        fmt::format("unknown layer '{}'; expected knn:K, distance:KM, epci, departement, "
                    "country, coordinator, supporter or long-range",
                    spec));
  }
  return out;
}

}  // namespace

core::Result<std::vector<NamedLayer>> BuildPlaceLayers(const std::vector<std::string>& specs,
                                                       const PlaceLayerInputs& in) {
  std::vector<NamedLayer> layers;
  for (const std::string& spec : specs) {
    DUCKWEED_ASSIGN_OR_RETURN(NamedLayer layer, BuildOne(spec, in));
    for (const NamedLayer& l : layers) {
      if (l.name == layer.name) return Bad(fmt::format("layer '{}' is named twice", layer.name));
    }
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace duckweed::cli
