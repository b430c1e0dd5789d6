// The offline town page and transfer sheet (see report_pages.h).
#include "cli/report_pages.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "duckweed/core/csv.h"
#include "duckweed/report/page.h"
#include "duckweed/store/json.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using nlohmann::ordered_json;

// The store when its database exists (a report never creates one), else null.
std::unique_ptr<store::Store> OpenExistingStore(const CliContext& ctx) {
  auto path = store::ResolveDbPath(ctx.db_path);
  if (!path.ok()) return nullptr;
  const bool address = path->find("://") != std::string::npos;
  std::error_code ec;
  if (!address && !std::filesystem::is_regular_file(*path, ec)) return nullptr;
  auto db = store::Store::Open(*path);
  return db.ok() ? std::move(db).value() : nullptr;
}

// The rows of `town` (its id or name in a territory column; every row without one) whose kind, when
// given, is "result": indicator, year, value, source, note.
ordered_json CsvObservations(const std::string& file, const std::string& id,
                             const std::string& name) {
  ordered_json out = ordered_json::array();
  auto table = core::ReadCsvFile(file);
  if (!table.ok()) return out;
  auto column = [&](const char* c) { return table->ColumnIndex(c); };
  const auto territory = column("territory"), indicator = column("indicator"),
             year = column("year"), value = column("value"), kind = column("kind"),
             source = column("source"), note = column("note");
  if (!indicator || !year || !value) return out;
  for (size_t r = 0; r < table->row_count(); ++r) {
    if (territory && table->text(r, *territory) != id && table->text(r, *territory) != name)
      continue;
    if (kind && !table->text(r, *kind).empty() && table->text(r, *kind) != "result") continue;
    char* end = nullptr;
    const std::string& v = table->text(r, *value);
    const double number = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0') continue;
    ordered_json row = {{"indicator", table->text(r, *indicator)},
                        {"year", std::atoi(table->text(r, *year).c_str())},
                        {"value", number}};
    row["source"] = source ? table->text(r, *source) : "";
    row["note"] = note ? table->text(r, *note) : "";
    out.push_back(std::move(row));
  }
  return out;
}

std::string Path(const std::string& id, const std::string& rest = "") {
  return "/territories/" + id + rest;
}

}  // namespace

ordered_json ReportTownProfile(const CliContext& ctx, const std::string& town,
                               const std::string& observations_csv,
                               std::vector<std::string>& notes) {
  ordered_json profile;
  profile["territory"] = {{"id", town}, {"name", town}};
  profile["member_of"] = ordered_json::array();
  profile["neighbours"] = ordered_json::array();
  profile["observations"] = ordered_json::array();
  profile["initiatives"] = ordered_json::array();
  auto db = OpenExistingStore(ctx);
  std::optional<store::Territory> found;
  if (db) {
    auto t = db->FindTerritory(town);
    if (t.ok()) found = *t;
  }
  if (found) {
    profile["territory"] = store::ToJson(*found);
    if (auto up = db->Ancestors(found->id); up.ok()) {
      for (const auto& a : *up) profile["member_of"].push_back(store::ToJson(a));
    }
    if (auto near = db->NearestNeighbours(found->id, 5); near.ok()) {
      for (const auto& n : *near) {
        ordered_json one = store::ToJson(n.territory);
        one["distance_km"] = n.distance_km;
        profile["neighbours"].push_back(std::move(one));
      }
    }
    if (auto list = db->ListInitiatives(found->id); list.ok()) {
      for (const auto& i : *list) profile["initiatives"].push_back(store::ToJson(i));
    }
    if (observations_csv.empty()) {
      if (auto list = db->ListObservations(found->id); list.ok()) {
        for (const auto& o : *list) {
          if (o.kind == "result") profile["observations"].push_back(store::ToJson(o));
        }
      }
    }
  } else {
    notes.push_back(fmt::format(
        "The store does not know '{}': the page shows no hierarchy, map nor initiatives.", town));
  }
  if (!observations_csv.empty()) {
    profile["observations"] =
        CsvObservations(observations_csv, found ? found->id : town, found ? found->name : town);
  }
  if (db) {
    if (auto list = db->ListIndicators(); list.ok()) {
      profile["indicators"] = ordered_json::array();
      for (const auto& i : *list) profile["indicators"].push_back(store::ToJson(i));
    }
  }
  return profile;
}

core::Status WriteTownPage(const std::string& dir, const ordered_json& profile,
                           const ordered_json& evaluation, const ordered_json& referentiel) {
  const std::string id = profile["territory"]["id"].get<std::string>();
  ordered_json api;
  api[Path(id)] = profile;
  api[Path(id, "/evaluation")] = evaluation;
  if (!referentiel.is_null()) api[Path(id, "/referentiel")] = referentiel;
  report::OfflinePage page{profile["territory"]["name"].get<std::string>(), "/town/" + id,
                           api.dump(-1, ' ', false, ordered_json::error_handler_t::replace)};
  return report::WriteOfflinePage(page, dir);
}

core::Status WriteTransferPage(const CliContext& ctx, const std::string& dir,
                               const std::string& town, const ordered_json& transfer) {
  ordered_json api;
  api[Path(town, "/transfer")] = transfer;
  // The exemplars' places, as the dashboard finds them: GET /search?q=NAME.
  if (auto db = OpenExistingStore(ctx)) {
    for (const auto& recipe : transfer["recipes"]) {
      for (const auto& e : recipe["closest"]) {
        const std::string name = e["town"].get<std::string>();
        auto t = db->FindTerritory(name);
        if (t.ok() && *t) api["/search?q=" + name] = ordered_json::array({store::ToJson(**t)});
      }
    }
  }
  std::string title = "Transfer sheet: " + town;
  return report::WriteOfflinePage(
      {title, "/transfer/" + town,
       api.dump(-1, ' ', false, ordered_json::error_handler_t::replace)},
      dir);
}

}  // namespace duckweed::cli
