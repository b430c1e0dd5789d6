// The diffusion routes: observed adoption of a network from the store (app/adoption.h) and the
// calibrated forecast over the channels of --places with the model of --calibrated
// (app/diffusion_forecast.h). Read-only; a forecast runs at once (bounded replicas and years),
// one at a time, so several requests do not share the cores between them.
#include <fmt/format.h>

#include <mutex>

#include "duckweed/app/adoption.h"
#include "duckweed/app/diffusion_forecast.h"
#include "server/context.h"

namespace duckweed::server {
namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

// The network whose members start a forecast when no seed town is named.
constexpr const char* kNetwork = "Covenant of Mayors";

core::Location Field(const std::string& name) { return {"query", 0, 0, name}; }

// A whole number query parameter within [lo, hi], or `fallback` when absent.
Result<long> Whole(const httplib::Request& req, const char* name, long lo, long hi, long fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  char* end = nullptr;
  const long n = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < lo || n > hi) {
    return Status::InvalidInput(
        fmt::format("expected a whole number {}..{}, found '{}'", lo, hi, text), Field(name));
  }
  return n;
}

// A comma-separated query parameter.
std::vector<std::string> List(const std::string& text) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t comma = text.find(',', begin);
    if (comma == std::string::npos) comma = text.size();
    if (comma > begin) out.push_back(text.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return out;
}

Result<Reply> Adoptions(ServerContext& ctx, const httplib::Request& req,
                        const std::string& network) {
  app::AdoptionRequest request;
  request.network = network;
  request.country = req.get_param_value("country");
  request.background = req.get_param_value("background") != "false";
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  DUCKWEED_ASSIGN_OR_RETURN(auto outcome, app::ObservedAdoption(request, *db));
  return Reply{app::AdoptionJson(outcome), 200, "/adopters"};
}

Result<Reply> Forecast(ServerContext& ctx, const httplib::Request& req) {
  if (ctx.options.places.empty() || ctx.options.calibrated.empty()) {
    return Status::NotFound(
        "/diffusion/forecast needs the server started with --places PREFIX and --calibrated "
        "FILE (duckweed diffuse calibrate --json)");
  }
  app::ForecastRequest request;
  request.places = ctx.options.places;
  request.calibrated = ctx.options.calibrated;
  request.model = req.get_param_value("model");
  // No seed, or seed=observed: the network's members joined before the first simulated year (the
  // forecast goes on from what was observed); a store without them starts from the home town.
  const std::string seed_text = req.get_param_value("seed");
  if (seed_text.empty() || seed_text == "observed") {
    app::AdoptionRequest members;
    members.network = req.has_param("network") ? req.get_param_value("network") : kNetwork;
    members.background = false;
    DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
    auto adoption = app::ObservedAdoption(members, *db);
    if (adoption.ok()) {
      request.network = members.network;
      for (const app::Adopter& a : adoption->adopters) {
        request.observed.push_back({a.id, a.country, a.latitude, a.longitude, a.year});
      }
    } else if (seed_text == "observed" || adoption.status().code() != core::Code::kNotFound) {
      return adoption.status();
    } else {
      request.seeds = List(ctx.home);
    }
  } else {
    request.seeds = List(seed_text);
  }
  if (req.has_param("channels")) request.channels = List(req.get_param_value("channels"));
  DUCKWEED_ASSIGN_OR_RETURN(const long from, Whole(req, "from", 1900, 2200, 0));
  DUCKWEED_ASSIGN_OR_RETURN(const long until, Whole(req, "until", 1900, 2200, 0));
  DUCKWEED_ASSIGN_OR_RETURN(const long replicas,
                            Whole(req, "replicas", 1, app::kMaxForecastReplicas, 50));
  DUCKWEED_ASSIGN_OR_RETURN(const long seed, Whole(req, "seed_rng", 0, 1L << 40, 1));
  request.from_year = static_cast<int>(from);
  request.until_year = static_cast<int>(until);
  request.replicas = static_cast<uint64_t>(replicas);
  request.seed = static_cast<uint64_t>(seed);
  if (req.has_param("reach")) {
    request.reach_percent.clear();
    for (const std::string& item : List(req.get_param_value("reach"))) {
      char* end = nullptr;
      const double p = std::strtod(item.c_str(), &end);
      if (*end != '\0') {
        return Status::InvalidInput(fmt::format("expected percentages, found '{}'", item),
                                    Field("reach"));
      }
      request.reach_percent.push_back(p);
    }
  }
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  DUCKWEED_ASSIGN_OR_RETURN(auto outcome, app::ForecastAdoption(request));
  ordered_json out = app::ForecastJson(outcome);
  // Machine paths stay on the server.
  out.erase("places");
  if (out.contains("calibrated_model")) out["calibrated_model"].erase("source");
  ordered_json rows = ordered_json::array();
  for (auto& channel : out["channels"]) {
    channel.erase("graph");
    for (const auto& y : channel["years"]) {
      rows.push_back({{"channel", channel["channel"]},
                      {"year", y["year"]},
                      {"mean", y["mean"]},
                      {"lo", y["lo"]},
                      {"hi", y["hi"]}});
    }
  }
  out["rows"] = std::move(rows);
  return Reply{std::move(out), 200, "/rows"};
}

}  // namespace

void AddDiffusionRoutes(ServerContext& ctx) {
  ctx.Add("GET", "/api/v1/networks/{name}/adoptions", [&ctx](const httplib::Request& req) {
    return Adoptions(ctx, req, req.matches[1].str());
  });
  ctx.Add("GET", "/api/v1/diffusion/forecast",
          [&ctx](const httplib::Request& req) { return Forecast(ctx, req); });
}

}  // namespace duckweed::server
