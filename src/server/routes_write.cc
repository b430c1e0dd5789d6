// The write routes: an account's token (Authorization: Bearer TOKEN) is needed; an editor writes
// only its territory, a viewer never; every write is recorded in the audit in the same
// transaction, so a write without its record (or the reverse) cannot happen. Also the survey
// answers read back (no token: as the other territory reads).
#include <fmt/format.h>

#include "duckweed/app/territory_profile.h"
#include "duckweed/store/accounts.h"
#include "server/context.h"
#include "server/json_body.h"

namespace duckweed::server {
namespace {

using core::Result;
using core::Status;
using nlohmann::json;
using nlohmann::ordered_json;

Result<store::Account> Authenticate(store::Store& db, const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.empty()) {
    return Status::Unauthenticated(
        "this route needs an account: Authorization: Bearer TOKEN "
        "(duckweed user add NAME --role editor --territory ID)");
  }
  if (header.compare(0, kBearer.size(), kBearer) != 0 || header.size() == kBearer.size()) {
    return Status::Unauthenticated("expected the header Authorization: Bearer TOKEN");
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto account,
                            store::AccountForToken(db, std::string_view(header).substr(7)));
  if (!account) return Status::Unauthenticated("unknown token");
  if (!account->revoked_at.empty()) {
    return Status::Unauthenticated(
        fmt::format("the token of '{}' was revoked on {}", account->name, account->revoked_at));
  }
  return *account;
}

// May `account` write for `territory`? Admins anywhere, editors their own territory only.
Status MayWrite(const store::Account& account, const std::string& territory) {
  if (account.role == "admin") return Status::Ok();
  if (account.role == "editor") {
    if (account.territory_id == territory) return Status::Ok();
    return Status::PermissionDenied(
        fmt::format("'{}' edits {} only, not {}", account.name, account.territory_id, territory));
  }
  return Status::PermissionDenied(
      fmt::format("'{}' is a {}: it may read, not write", account.name, account.role));
}

// The account, when it may write at all (a viewer is refused before its body is read).
Result<store::Account> Writer(ServerContext& ctx, const httplib::Request& req, store::Store*& db) {
  DUCKWEED_ASSIGN_OR_RETURN(db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto account, Authenticate(*db, req));
  if (account.role == "viewer") DUCKWEED_RETURN_IF_ERROR(MayWrite(account, ""));
  return account;
}

Status Field(bool ok, const char* field, std::string message) {
  return ok ? Status::Ok() : Status::InvalidInput(std::move(message), {"body", 0, 0, field});
}

// Checks the body's territory: the account's right to it, then that the store has it.
Status TerritoryFor(store::Store& db, const store::Account& account, const std::string& id) {
  DUCKWEED_RETURN_IF_ERROR(MayWrite(account, id));
  DUCKWEED_ASSIGN_OR_RETURN(bool exists, db.TerritoryExists(id));
  return Field(exists, "territory", fmt::format("no territory '{}'", id));
}

Status YearField(const std::optional<int64_t>& year, const char* field) {
  return Field(!year || (*year >= 1800 && *year <= 2200), field,
               fmt::format("expected a year 1800..2200, found {}", year ? *year : 0));
}

// Writes the record and its audit entry in one transaction; 201 with the record and the row's new
// version (0 for rows without one). A stale if_version is the store's kConflict: 409.
Result<Reply> Commit(store::Store& db, const store::Account& account, const char* action,
                     const std::string& territory, ordered_json record,
                     const std::function<Result<int64_t>()>& write) {
  int64_t version = 0;
  DUCKWEED_RETURN_IF_ERROR(db.InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(version, write());
    if (version > 0) record["version"] = version;
    return store::AppendAudit(db, {0, "", account.name, action, territory, record.dump()});
  }));
  return Reply{ordered_json{{"stored", std::move(record)}, {"by", account.name}}, 201};
}

Result<Reply> PostObservation(ServerContext& ctx, const httplib::Request& req) {
  store::Store* db = nullptr;
  DUCKWEED_ASSIGN_OR_RETURN(auto account, Writer(ctx, req, db));
  DUCKWEED_ASSIGN_OR_RETURN(json body, ParseJsonBody(req.body));
  BodyFields f(body, {{"territory", FieldType::kString, true},
                      {"indicator", FieldType::kString, true},
                      {"year", FieldType::kInteger, true},
                      {"value", FieldType::kNumber, true},
                      {"kind", FieldType::kString, false},
                      {"source", FieldType::kString, false},
                      {"note", FieldType::kString, false},
                      {"if_version", FieldType::kInteger, false}});
  DUCKWEED_RETURN_IF_ERROR(f.Check());
  store::Observation o{f.Text("territory"),
                       f.Text("indicator"),
                       static_cast<int>(*f.Integer("year")),
                       f.Text("kind").empty() ? "result" : f.Text("kind"),
                       *f.Number("value"),
                       f.Text("source"),
                       f.Text("note")};
  DUCKWEED_RETURN_IF_ERROR(TerritoryFor(*db, account, o.territory_id));
  DUCKWEED_ASSIGN_OR_RETURN(bool known, db->IndicatorExists(o.indicator_id));
  DUCKWEED_RETURN_IF_ERROR(
      Field(known, "indicator",
            fmt::format("no indicator '{}' (GET /api/v1/indicators lists them)", o.indicator_id)));
  DUCKWEED_RETURN_IF_ERROR(YearField(o.year, "year"));
  DUCKWEED_RETURN_IF_ERROR(Field(store::IsValidObservationKind(o.kind), "kind",
                                 fmt::format("expected result or target, found '{}'", o.kind)));
  return Commit(
      *db, account, "observation.set", o.territory_id, app::ObservationJson(o),
      [&]() -> Result<int64_t> { return db->SetObservation(o, f.Integer("if_version")); });
}

Result<Reply> PostInitiative(ServerContext& ctx, const httplib::Request& req) {
  store::Store* db = nullptr;
  DUCKWEED_ASSIGN_OR_RETURN(auto account, Writer(ctx, req, db));
  DUCKWEED_ASSIGN_OR_RETURN(json body, ParseJsonBody(req.body));
  BodyFields f(body, {{"territory", FieldType::kString, true},
                      {"title", FieldType::kString, true},
                      {"domain", FieldType::kString, false},
                      {"start_year", FieldType::kInteger, false},
                      {"end_year", FieldType::kInteger, false},
                      {"involvement", FieldType::kString, true},
                      {"participants", FieldType::kInteger, false},
                      {"budget", FieldType::kNumber, false},
                      {"status", FieldType::kString, false},
                      {"source", FieldType::kString, false},
                      {"if_version", FieldType::kInteger, false}});
  DUCKWEED_RETURN_IF_ERROR(f.Check());
  store::Initiative i;
  i.territory_id = f.Text("territory");
  i.title = f.Text("title");
  i.domain = f.Text("domain");
  if (auto y = f.Integer("start_year")) i.start_year = static_cast<int>(*y);
  if (auto y = f.Integer("end_year")) i.end_year = static_cast<int>(*y);
  i.involvement = f.Text("involvement");
  i.participants = f.Integer("participants");
  i.budget = f.Number("budget");
  i.status = f.Text("status");
  i.source = f.Text("source");
  DUCKWEED_RETURN_IF_ERROR(TerritoryFor(*db, account, i.territory_id));
  DUCKWEED_RETURN_IF_ERROR(Field(!i.title.empty(), "title", "a title is needed"));
  DUCKWEED_RETURN_IF_ERROR(YearField(f.Integer("start_year"), "start_year"));
  DUCKWEED_RETURN_IF_ERROR(YearField(f.Integer("end_year"), "end_year"));
  DUCKWEED_RETURN_IF_ERROR(Field(store::IsValidInvolvement(i.involvement), "involvement",
                                 fmt::format("expected inform, consult, co-produce or "
                                             "citizen-led, found '{}'",
                                             i.involvement)));
  DUCKWEED_RETURN_IF_ERROR(Field(store::IsValidInitiativeStatus(i.status), "status",
                                 fmt::format("expected planned, ongoing, completed or stopped, "
                                             "found '{}'",
                                             i.status)));
  return Commit(*db, account, "initiative.set", i.territory_id, app::InitiativeJson(i),
                [&]() -> Result<int64_t> { return db->SetInitiative(i, f.Integer("if_version")); });
}

Result<Reply> PostSurveyResponse(ServerContext& ctx, const httplib::Request& req) {
  store::Store* db = nullptr;
  DUCKWEED_ASSIGN_OR_RETURN(auto account, Writer(ctx, req, db));
  DUCKWEED_ASSIGN_OR_RETURN(json body, ParseJsonBody(req.body));
  BodyFields f(body, {{"territory", FieldType::kString, true},
                      {"group", FieldType::kString, true},
                      {"year", FieldType::kInteger, true},
                      {"item", FieldType::kString, true},
                      {"answer", FieldType::kNumber, true},
                      {"respondent", FieldType::kString, false}});
  DUCKWEED_RETURN_IF_ERROR(f.Check());
  store::SurveyResponse r{
      f.Text("territory"), f.Text("group"),     static_cast<int>(*f.Integer("year")),
      f.Text("item"),      *f.Number("answer"), f.Text("respondent")};
  DUCKWEED_RETURN_IF_ERROR(TerritoryFor(*db, account, r.territory_id));
  DUCKWEED_RETURN_IF_ERROR(Field(!r.group.empty(), "group", "a group is needed (residents, ...)"));
  DUCKWEED_RETURN_IF_ERROR(Field(!r.item.empty(), "item", "an item is needed (trust, ...)"));
  DUCKWEED_RETURN_IF_ERROR(YearField(r.year, "year"));
  ordered_json record = {{"territory", r.territory_id},
                         {"group", r.group},
                         {"year", r.year},
                         {"item", r.item},
                         {"answer", r.answer},
                         {"respondent", r.respondent}};
  return Commit(*db, account, "survey_response.set", r.territory_id, record,
                [&]() -> Result<int64_t> {
                  DUCKWEED_RETURN_IF_ERROR(store::UpsertSurveyResponses(*db, {r}));
                  return 0;
                });
}

// The answers stored for a territory, for the page that shows them; respondents stay with whoever
// entered them.
Result<Reply> SurveyResponses(ServerContext& ctx, const std::string& territory) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto answers, store::ListSurveyResponses(*db, territory));
  ordered_json rows = ordered_json::array();
  for (const store::SurveyResponse& r : answers) {
    rows.push_back({{"group", r.group}, {"year", r.year}, {"item", r.item}, {"answer", r.answer}});
  }
  return Reply{ordered_json{{"territory", territory}, {"responses", std::move(rows)}}, 200,
               "/responses"};
}

Result<Reply> Audit(ServerContext& ctx, const httplib::Request& req) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto account, Authenticate(*db, req));
  if (account.role != "admin") {
    return Status::PermissionDenied(
        fmt::format("the audit is for admins; '{}' is a {}", account.name, account.role));
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto entries, store::ListAudit(*db, 1000));
  ordered_json rows = ordered_json::array();
  for (const auto& e : entries) {
    rows.push_back({{"id", e.id},
                    {"at", e.at},
                    {"account", e.account},
                    {"action", e.action},
                    {"territory", e.territory_id},
                    {"detail", json::parse(e.detail, nullptr, false)}});
  }
  return Reply{std::move(rows), 200, std::string()};
}

}  // namespace

void AddWriteRoutes(ServerContext& ctx) {
  ctx.Add("POST", "/api/v1/observations",
          [&ctx](const httplib::Request& req) { return PostObservation(ctx, req); });
  ctx.Add("POST", "/api/v1/initiatives",
          [&ctx](const httplib::Request& req) { return PostInitiative(ctx, req); });
  ctx.Add("POST", "/api/v1/survey-responses",
          [&ctx](const httplib::Request& req) { return PostSurveyResponse(ctx, req); });
  ctx.Add("GET", "/api/v1/territories/{id}/survey-responses", [&ctx](const httplib::Request& req) {
    return SurveyResponses(ctx, req.matches[1].str());
  });
  ctx.Add("GET", "/api/v1/audit", [&ctx](const httplib::Request& req) { return Audit(ctx, req); });
}

}  // namespace duckweed::server
