// The ecosystem routes: the models of --models (app/ecosystem.h), an SD run with constants set
// and its loop dominance, an FCM scenario. Read-only (nothing is stored) and bounded by the
// application layer's limits; the bodies are small JSON objects checked field by field.
#include <fmt/format.h>

#include <map>

#include "duckweed/app/ecosystem.h"
#include "server/context.h"
#include "server/json_body.h"

namespace duckweed::server {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

core::Location Field(const std::string& name) { return {"", 0, 0, name}; }

// The request body as a JSON object (an empty body is {}); depth and syntax as json_body.h checks.
Result<ordered_json> BodyObject(const httplib::Request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return ordered_json::object();
  DUCKWEED_ASSIGN_OR_RETURN(nlohmann::json parsed, ParseJsonBody(req.body));
  if (!parsed.is_object()) {
    return Status::InvalidInput(fmt::format("expected a JSON object, found {}", parsed.type_name()),
                                Field("body"));
  }
  // Key order as sent (constants and clamps are maps: order does not matter).
  return ordered_json::parse(parsed.dump());
}

// Fields other than `allowed` are named.
Status OnlyFields(const ordered_json& body, std::initializer_list<const char*> allowed) {
  core::DiagnosticSink sink;
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      sink.Add(Field(key), fmt::format("unknown field; expected {}", fmt::join(allowed, ", ")));
    }
  }
  return sink.ToStatus();
}

// {"NAME": number, ...} under `field`.
Result<std::map<std::string, double>> NumberMap(const ordered_json& body, const char* field) {
  std::map<std::string, double> out;
  if (!body.contains(field)) return out;
  const ordered_json& map = body[field];
  if (!map.is_object()) {
    return Status::InvalidInput(
        fmt::format("expected an object of names to numbers, found {}", map.type_name()),
        Field(field));
  }
  core::DiagnosticSink sink;
  for (const auto& [name, value] : map.items()) {
    if (!value.is_number()) {
      sink.Add(Field(fmt::format("{}.{}", field, name)),
               fmt::format("expected a number, found {}", value.type_name()));
      continue;
    }
    out[name] = value.get<double>();
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  return out;
}

Status NeedsModels(const ServerContext& ctx) {
  if (!ctx.options.models.empty()) return Status::Ok();
  return Status::NotFound(
      "/models needs the server started with --models FOLDER (e.g. examples/loos)");
}

Result<app::ModelEntry> Model(const ServerContext& ctx, const std::string& name, const char* kind) {
  DUCKWEED_RETURN_IF_ERROR(NeedsModels(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(app::ModelEntry model, app::FindModel(ctx.options.models, name));
  if (model.kind != kind) {
    return Status::InvalidInput(
        fmt::format("'{}' is {} model; {} runs {} models", name,
                    model.kind == "sd" ? "a stock-and-flow (sd)" : "a cognitive map (fcm)",
                    kind == std::string("sd") ? "/run" : "/scenario", kind),
        Field("name"));
  }
  return model;
}

Result<Reply> Models(ServerContext& ctx) {
  DUCKWEED_RETURN_IF_ERROR(NeedsModels(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto models, app::ListModels(ctx.options.models));
  return Reply{app::ModelsJson(models), 200, ""};
}

Result<Reply> Run(ServerContext& ctx, const httplib::Request& req, const std::string& name) {
  DUCKWEED_ASSIGN_OR_RETURN(app::ModelEntry model, Model(ctx, name, "sd"));
  DUCKWEED_ASSIGN_OR_RETURN(ordered_json body, BodyObject(req));
  DUCKWEED_RETURN_IF_ERROR(OnlyFields(body, {"constants"}));
  app::SdRunRequest request;
  request.model = model.path;
  DUCKWEED_ASSIGN_OR_RETURN(request.constants, NumberMap(body, "constants"));
  DUCKWEED_ASSIGN_OR_RETURN(auto outcome, app::RunSdModel(request));
  ordered_json out = app::SdRunJson(outcome);
  out["model"] = model.name;
  // The table: one row per saved time, a column per variable.
  ordered_json rows = ordered_json::array();
  for (size_t r = 0; r < out["time"].size(); ++r) {
    ordered_json row = {{"time", out["time"][r]}};
    for (const auto& [column, values] : out["columns"].items()) row[column] = values[r];
    rows.push_back(std::move(row));
  }
  out["rows"] = std::move(rows);
  return Reply{std::move(out), 200, "/rows"};
}

Result<Reply> Scenario(ServerContext& ctx, const httplib::Request& req, const std::string& name) {
  DUCKWEED_ASSIGN_OR_RETURN(app::ModelEntry model, Model(ctx, name, "fcm"));
  DUCKWEED_ASSIGN_OR_RETURN(ordered_json body, BodyObject(req));
  DUCKWEED_RETURN_IF_ERROR(OnlyFields(body, {"clamps", "transfer", "keep_sources"}));
  app::FcmScenarioRequest request;
  request.map = model.path;
  request.concepts = model.concepts_path;
  DUCKWEED_ASSIGN_OR_RETURN(request.clamps, NumberMap(body, "clamps"));
  if (body.contains("transfer")) {
    if (!body["transfer"].is_string()) {
      return Status::InvalidInput("expected \"sigmoid\" or \"tanh\"", Field("transfer"));
    }
    request.transfer = body["transfer"].get<std::string>();
  }
  if (body.contains("keep_sources")) {
    if (!body["keep_sources"].is_boolean()) {
      return Status::InvalidInput("expected true or false", Field("keep_sources"));
    }
    request.keep_sources = body["keep_sources"].get<bool>();
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto outcome, app::RunFcmScenario(request));
  ordered_json out = app::FcmScenarioJson(outcome);
  out["model"] = model.name;
  return Reply{std::move(out), 200, "/concepts"};
}

}  // namespace

void AddEcosystemRoutes(ServerContext& ctx) {
  ctx.Add("GET", "/api/v1/models", [&ctx](const httplib::Request&) { return Models(ctx); });
  ctx.Add("POST", "/api/v1/models/{name}/run",
          [&ctx](const httplib::Request& req) { return Run(ctx, req, req.matches[1].str()); });
  ctx.Add("POST", "/api/v1/models/{name}/scenario",
          [&ctx](const httplib::Request& req) { return Scenario(ctx, req, req.matches[1].str()); });
}

}  // namespace duckweed::server
