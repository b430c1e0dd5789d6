// The read routes: open to everyone, answered from the store and the application layer.
#include <fmt/format.h>

#include <filesystem>

#include "duckweed/app/peers.h"
#include "duckweed/app/territory_profile.h"
#include "duckweed/app/town_evaluation.h"
#include "duckweed/app/transfer.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/core/json.h"
#include "duckweed/qca/recipe.h"
#include "server/context.h"

namespace duckweed::server {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

Reply Table(ordered_json body, std::string table = "") {
  return Reply{std::move(body), 200, std::move(table)};
}

// The territory a route's {id} names (an id, else a name). NotFound names it.
Result<store::Territory> Territory(store::Store& db, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(auto found, db.FindTerritory(id));
  if (!found) return Status::NotFound(fmt::format("no territory '{}'", id));
  return *found;
}

Result<Reply> Health(ServerContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  ordered_json body = {{"status", "ok"},
                       {"version", "0.1.0"},
                       {"backend", db->backend_name()},
                       {"schema_version", db->schema_version()}};
  body["default_territory"] = ctx.home.empty() ? ordered_json(nullptr) : ordered_json(ctx.home);
  return Reply{body};
}

Result<Reply> Search(ServerContext& ctx, const httplib::Request& req) {
  const std::string q = req.get_param_value("q");
  if (q.empty()) {
    return Status::InvalidInput("search needs a text: ?q=TEXT", {"query", 0, 0, "q"});
  }
  int limit = 20;
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    char* end = nullptr;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < 1 || n > 1000) {
      return Status::InvalidInput(fmt::format("expected a whole number 1..1000, found '{}'", text),
                                  {"query", 0, 0, "limit"});
    }
    limit = static_cast<int>(n);
  }
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto found, db->SearchTerritories(q, limit));
  ordered_json rows = ordered_json::array();
  for (const auto& t : found) rows.push_back(app::TerritoryJson(t));
  return Table(std::move(rows));
}

Result<Reply> Indicators(ServerContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto list, db->ListIndicators());
  ordered_json rows = ordered_json::array();
  for (const auto& i : list) rows.push_back(app::IndicatorJson(i));
  return Table(std::move(rows));
}

Result<Reply> Profile(ServerContext& ctx, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto profile, app::LoadTerritoryProfile(*db, id));
  return Table(app::TerritoryProfileJson(profile), "/observations");
}

Result<Reply> Observations(ServerContext& ctx, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, Territory(*db, id));
  DUCKWEED_ASSIGN_OR_RETURN(auto list, db->ListObservations(territory.id));
  ordered_json rows = ordered_json::array();
  for (const auto& o : list) rows.push_back(app::ObservationJson(o));
  return Table(std::move(rows));
}

Result<Reply> Evaluation(ServerContext& ctx, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, Territory(*db, id));
  app::TownEvaluationRequest request;
  request.town = territory.id;
  request.capacity = ctx.options.capacity;
  request.indicators = ctx.options.indicators;
  request.carry_forward = ctx.options.carry_forward;
  app::LazyStore lazy(*db);
  DUCKWEED_ASSIGN_OR_RETURN(auto evaluation, app::EvaluateTown(request, lazy));
  return Table(app::TownEvaluationJson(evaluation), "/scores/systemic");
}

Result<Reply> Referentiel(ServerContext& ctx, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, Territory(*db, id));
  return Status::NotFound(
      fmt::format("no état des lieux on an ADEME référentiel is stored for {} ({}): score one with "
                  "`duckweed evaluate referentiel --actions ... --statuses ...`",
                  territory.name, territory.id));
}

Result<Reply> Peers(ServerContext& ctx, const httplib::Request& req, const std::string& id) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  app::PeersRequest request;
  request.town = id;
  request.indicators = ctx.options.indicators;  // the same value functions as the evaluation
  request.carry_forward = ctx.options.carry_forward;
  if (req.has_param("scope")) request.scope = req.get_param_value("scope");
  request.any_size = req.get_param_value("any_size") == "true";
  app::LazyStore lazy(*db);
  DUCKWEED_ASSIGN_OR_RETURN(auto outcome, app::FindPeers(request, lazy, &ctx.peer_index));
  return Table(app::PeersJson(id, outcome, /*detailed=*/true), "/domains");
}

Status NeedsFile(const std::string& path, const char* option, const char* route) {
  if (!path.empty()) return Status::Ok();
  return Status::NotFound(fmt::format("{} needs the server started with {} FILE", route, option));
}

Result<Reply> Recipes(ServerContext& ctx) {
  DUCKWEED_RETURN_IF_ERROR(NeedsFile(ctx.options.recipes, "--recipes", "/recipes"));
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(ctx.options.recipes));
  // Validated as qca's recipes file (what transfer reads), then given as written.
  DUCKWEED_RETURN_IF_ERROR(qca::RecipesFromJson(text, ctx.options.recipes).status());
  DUCKWEED_ASSIGN_OR_RETURN(ordered_json doc, core::ParseOrderedJson(text, ctx.options.recipes));
  // The case base the recipes were found in, when --cases is given: the table itself and, beside
  // it, the query `qca cases` wrote (FILE.csv.query.json: the cases chosen, the conditions' and the
  // outcome's definitions).
  if (!ctx.options.cases.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(const core::CsvTable table, core::ReadCsvFile(ctx.options.cases));
    ordered_json rows = ordered_json::array();
    for (size_t r = 0; r < table.row_count(); ++r) {
      ordered_json row;
      for (size_t c = 0; c < table.column_count(); ++c) row[table.header()[c]] = table.text(r, c);
      rows.push_back(std::move(row));
    }
    ordered_json base = {{"columns", table.header()}, {"rows", std::move(rows)}};
    const std::string query_path = ctx.options.cases + ".query.json";
    if (std::filesystem::exists(query_path)) {
      DUCKWEED_ASSIGN_OR_RETURN(const std::string query_text, core::ReadFile(query_path));
      DUCKWEED_ASSIGN_OR_RETURN(const ordered_json query,
                                core::ParseOrderedJson(query_text, query_path));
      for (const char* key : {"case_base", "cases", "dropped", "conditions", "outcome"}) {
        if (query.contains(key)) {
          base[key == std::string("case_base") ? "description" : key] = query[key];
        }
      }
    }
    doc["case_base"] = std::move(base);
  }
  return Table(std::move(doc), "/recipes");
}

Result<Reply> Transfer(ServerContext& ctx, const std::string& id) {
  DUCKWEED_RETURN_IF_ERROR(NeedsFile(ctx.options.recipes, "--recipes", "/transfer"));
  DUCKWEED_RETURN_IF_ERROR(NeedsFile(ctx.options.cases, "--cases", "/transfer"));
  app::TransferRequest request;
  request.town = id;
  request.recipes = ctx.options.recipes;
  request.data = ctx.options.cases;
  auto outcome = app::TransferTown(request);
  if (!outcome.ok()) {
    // The case table names towns as its id column does: a territory id is tried by its name.
    DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
    auto territory = db->GetTerritory(id);
    if (!territory.ok() || !*territory) return outcome.status();
    request.town = (*territory)->name;
    DUCKWEED_ASSIGN_OR_RETURN(outcome, app::TransferTown(request));
  }
  return Table(app::TransferJson(*outcome), "/recipes");
}

}  // namespace

void AddReadRoutes(ServerContext& ctx) {
  auto with_id = [](auto f) {
    return [f](const httplib::Request& req) { return f(req.matches[1].str()); };
  };
  ctx.Add("GET", "/api/v1/health", [&ctx](const httplib::Request&) { return Health(ctx); });
  ctx.AddCachedRead("/api/v1/search",
                    [&ctx](const httplib::Request& req) { return Search(ctx, req); });
  ctx.AddCachedRead("/api/v1/indicators",
                    [&ctx](const httplib::Request&) { return Indicators(ctx); });
  ctx.AddCachedRead("/api/v1/recipes", [&ctx](const httplib::Request&) { return Recipes(ctx); });
  ctx.AddCachedRead("/api/v1/territories/{id}",
                    with_id([&ctx](const std::string& id) { return Profile(ctx, id); }));
  ctx.AddCachedRead("/api/v1/territories/{id}/observations",
                    with_id([&ctx](const std::string& id) { return Observations(ctx, id); }));
  ctx.AddCachedRead("/api/v1/territories/{id}/evaluation",
                    with_id([&ctx](const std::string& id) { return Evaluation(ctx, id); }));
  ctx.AddCachedRead("/api/v1/territories/{id}/referentiel",
                    with_id([&ctx](const std::string& id) { return Referentiel(ctx, id); }));
  ctx.AddCachedRead("/api/v1/territories/{id}/peers", [&ctx](const httplib::Request& req) {
    return Peers(ctx, req, req.matches[1].str());
  });
  ctx.AddCachedRead("/api/v1/territories/{id}/transfer",
                    with_id([&ctx](const std::string& id) { return Transfer(ctx, id); }));
}

}  // namespace duckweed::server
