// `places import france`: régions, départements, EPCIs and communes from
// @etalab/decoupage-administratif, with memberships commune -> EPCI, département; EPCI ->
// département (of most of its population); département -> région.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "duckweed/core/file.h"
#include "duckweed/core/json.h"
#include "duckweed/store/places.h"
#include "store/places_common.h"
#include "store/places_communes.h"
#include "store/sql.h"

namespace duckweed::store {

using core::DiagnosticSink;
using core::Result;
using core::Status;
using internal::Statement;
using nlohmann::json;

namespace {

std::filesystem::path DataDir(const std::filesystem::path& from) {
  for (const auto& dir :
       {from, from / "data", from / "@etalab" / "decoupage-administratif" / "data"}) {
    if (std::filesystem::exists(dir / "communes.json")) return dir;
  }
  return from;
}

Result<json> ReadArray(const std::filesystem::path& path) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  DUCKWEED_ASSIGN_OR_RETURN(json doc, core::ParseJson(text, path.string()));
  if (!doc.is_array()) {
    return Status::InvalidInput("expected a JSON array of objects", {path.string(), 0, 0, ""});
  }
  return doc;
}

// A string member of item i, or "" with a diagnostic when required and absent.
std::string Str(const json& item, const char* key, const std::filesystem::path& file, size_t i,
                DiagnosticSink& sink, bool required = true) {
  auto it = item.find(key);
  if (it != item.end() && it->is_string()) return it->get<std::string>();
  if (required) {
    sink.Add({file.string(), 0, 0, fmt::format("[{}].{}", i, key)}, "expected a string");
  }
  return "";
}

std::optional<int64_t> Int(const json& item, const char* key) {
  auto it = item.find(key);
  if (it != item.end() && it->is_number_integer()) return it->get<int64_t>();
  return std::nullopt;
}

struct Division {
  std::string id, name, kind;
  std::optional<int64_t> population;
  std::vector<std::string> parents;
};

struct France {
  std::vector<Division> rows;  // parents before children
};

Result<France> ReadFrance(const std::filesystem::path& dir) {
  DiagnosticSink sink;
  France out;
  DUCKWEED_ASSIGN_OR_RETURN(json regions, ReadArray(dir / "regions.json"));
  DUCKWEED_ASSIGN_OR_RETURN(json departements, ReadArray(dir / "departements.json"));
  DUCKWEED_ASSIGN_OR_RETURN(json epcis, ReadArray(dir / "epci.json"));
  DUCKWEED_ASSIGN_OR_RETURN(json communes, ReadArray(dir / "communes.json"));
  // Commune populations and départements first: they give the other levels their populations.
  std::map<std::string, int64_t> dep_pop, reg_pop;
  std::map<std::string, std::string> commune_dep, commune_epci;
  for (size_t i = 0; i < communes.size(); ++i) {
    const json& c = communes[i];
    if (Str(c, "type", dir / "communes.json", i, sink, false) != "commune-actuelle") continue;
    const std::string code = Str(c, "code", dir / "communes.json", i, sink);
    commune_dep[code] = Str(c, "departement", dir / "communes.json", i, sink);
    const int64_t pop = Int(c, "population").value_or(0);
    dep_pop[commune_dep[code]] += pop;
    reg_pop[Str(c, "region", dir / "communes.json", i, sink)] += pop;
  }
  for (size_t i = 0; i < regions.size(); ++i) {
    const std::string code = Str(regions[i], "code", dir / "regions.json", i, sink);
    out.rows.push_back({"fr-reg:" + code,
                        Str(regions[i], "nom", dir / "regions.json", i, sink),
                        "region",
                        reg_pop[code],
                        {}});
  }
  for (size_t i = 0; i < departements.size(); ++i) {
    const json& d = departements[i];
    const std::string code = Str(d, "code", dir / "departements.json", i, sink);
    out.rows.push_back({"fr-dep:" + code,
                        Str(d, "nom", dir / "departements.json", i, sink),
                        "departement",
                        dep_pop[code],
                        {"fr-reg:" + Str(d, "region", dir / "departements.json", i, sink)}});
  }
  for (size_t i = 0; i < epcis.size(); ++i) {
    const json& e = epcis[i];
    const std::string code = Str(e, "code", dir / "epci.json", i, sink);
    std::map<std::string, int64_t> by_dep;
    if (auto m = e.find("membres"); m != e.end() && m->is_array()) {
      for (const json& member : *m) {
        if (!member.is_object()) continue;
        const std::string commune = Str(member, "code", dir / "epci.json", i, sink);
        commune_epci[commune] = "fr-epci:" + code;
        if (auto dep = commune_dep.find(commune); dep != commune_dep.end()) {
          by_dep[dep->second] += Int(member, "populationMunicipale").value_or(0) + 1;
        }
      }
    }
    Division row{"fr-epci:" + code,
                 Str(e, "nom", dir / "epci.json", i, sink),
                 "epci",
                 Int(e, "populationMunicipale"),
                 {}};
    if (!by_dep.empty()) {
      auto best = std::max_element(by_dep.begin(), by_dep.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
      });
      row.parents.push_back("fr-dep:" + best->first);
    }
    out.rows.push_back(std::move(row));
  }
  for (size_t i = 0; i < communes.size(); ++i) {
    const json& c = communes[i];
    if (Str(c, "type", dir / "communes.json", i, sink, false) != "commune-actuelle") continue;
    const std::string code = Str(c, "code", dir / "communes.json", i, sink);
    Division row{"fr:" + code,
                 Str(c, "nom", dir / "communes.json", i, sink),
                 "commune",
                 Int(c, "population"),
                 {}};
    if (auto e = commune_epci.find(code); e != commune_epci.end()) row.parents.push_back(e->second);
    row.parents.push_back("fr-dep:" + commune_dep[code]);
    out.rows.push_back(std::move(row));
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  return out;
}

}  // namespace

Result<PlacesSummary> ImportFrancePlaces(Store& store, const std::filesystem::path& from,
                                         const std::filesystem::path& communes_csv) {
  DUCKWEED_ASSIGN_OR_RETURN(France france, ReadFrance(DataDir(from)));
  std::vector<internal::CommuneRow> table;
  if (!communes_csv.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(table, internal::ReadCommuneTable(communes_csv));
  }
  PlacesSummary summary;
  internal::Connection* db = store.handle();
  DUCKWEED_RETURN_IF_ERROR(store.InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db, R"sql(
      INSERT INTO territory (id, name, kind, country, population) VALUES (?1, ?2, ?3, 'FR', ?4)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
        country = excluded.country, population = excluded.population)sql"));
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement member,
        Statement::Prepare(db,
                           "INSERT INTO membership (child_id, parent_id) VALUES (?, ?) "
                           "ON CONFLICT DO NOTHING"));
    for (const Division& d : france.rows) {
      upsert.Bind(1, d.id);
      upsert.Bind(2, d.name);
      upsert.Bind(3, d.kind);
      upsert.Bind(4, d.population);
      DUCKWEED_RETURN_IF_ERROR(upsert.Run());
      ++summary.territories;
    }
    for (const Division& d : france.rows) {
      for (const std::string& parent : d.parents) {
        member.Bind(1, d.id);
        member.Bind(2, parent);
        Status status = member.Run();
        if (!status.ok()) {
          return Status::InvalidInput(
              fmt::format("{} belongs to '{}', which the data does not "
                          "define: {}",
                          d.id, parent, status.message()));
        }
        ++summary.memberships;
      }
    }
    DUCKWEED_RETURN_IF_ERROR(internal::WriteCommuneTable(db, table, summary));
    return internal::LocateLinkedCommunes(db, summary);
  }));
  return summary;
}

}  // namespace duckweed::store
