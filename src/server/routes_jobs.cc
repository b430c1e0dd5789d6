// The job routes: long work (diffusion Monte Carlo, on one channel of the place network or all
// of them compared; step models or calendar years) runs as jobs (jobs.h). A job's parameters are
// checked before it is queued (a bad one is a 400 naming its field, nothing queued); the job runs
// the same application function as the CLI (app/diffusion.h), so its result is the CLI's record.
// A robustness job runs the QCA of the case base over a grid of cut-offs (job_robustness.h).
//   POST   /api/v1/jobs              {"kind": "diffusion"|"diffusion-compare"|"robustness",
//                                     "parameters": {...}}
//   POST   /api/v1/jobs/KIND         the parameters as the body (KIND: diffusion, ...)
//   GET    /api/v1/jobs/{id}         state, progress, result or error
//   DELETE /api/v1/jobs/{id}         cancel
#include <fmt/format.h>

#include <filesystem>

#include "duckweed/app/diffusion.h"
#include "duckweed/core/file.h"
#include "server/context.h"
#include "server/job_robustness.h"
#include "server/json_body.h"

namespace duckweed::server {
namespace {

using core::Result;
using core::Status;
using nlohmann::json;
using nlohmann::ordered_json;

Status Bad(const std::string& field, std::string message) {
  return Status::InvalidInput(std::move(message), {"body", 0, 0, field});
}

// The fields of a diffusion job; `compare` takes channels, a run one channel.
std::vector<FieldSpec> DiffusionFields(bool compare) {
  std::vector<FieldSpec> f = {
      {"model", FieldType::kString, false},
      {"p", FieldType::kNumber, false},
      {"beta", FieldType::kNumber, false},
      {"gamma", FieldType::kNumber, false},
      {"k", FieldType::kInteger, false},
      {"theta", FieldType::kNumber, false},
      {"bass_p", FieldType::kNumber, false},
      {"bass_q", FieldType::kNumber, false},
      {"dt", FieldType::kNumber, false},
      {"max_steps", FieldType::kInteger, false},
      {"weighted_cascade", FieldType::kBoolean, false},
      {"seeds", FieldType::kIntegers, false},
      {"seed_names", FieldType::kStrings, false},
      {"seed_strategy", FieldType::kString, false},
      {"seed_count", FieldType::kInteger, false},
      {"epsilon", FieldType::kNumber, false},
      {"cordon", FieldType::kNumber, false},
      {"cordon_hops", FieldType::kInteger, false},
      {"cordon_km", FieldType::kNumber, false},
      {"replicas", FieldType::kInteger, false},
      {"seed", FieldType::kInteger, false},
      {"reach", FieldType::kNumbers, false},
      {"calibrated", FieldType::kBoolean, false},
      {"calibrated_model", FieldType::kString, false},
      {"from_year", FieldType::kInteger, false},
      {"until_year", FieldType::kInteger, false},
      {"graph_coefficient", FieldType::kString, false},
  };
  f.push_back(compare ? FieldSpec{"channels", FieldType::kStrings, false}
                      : FieldSpec{"channel", FieldType::kString, false});
  return f;
}

// A whole number in [low, high] when given.
Status Range(const BodyFields& f, const char* name, int64_t low, int64_t high) {
  const auto v = f.Integer(name);
  if (!v || (*v >= low && *v <= high)) return Status::Ok();
  return Bad(name, fmt::format("expected a whole number {}..{}, found {}", low, high, *v));
}

// A channel names a file of the place network: letters, digits, '-' and '_' only (no path).
Status CheckChannel(const std::string& prefix, const std::string& channel) {
  const bool plain =
      !channel.empty() && channel.size() <= 64 &&
      channel.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos;
  if (!plain) {
    return Bad("channel", fmt::format("expected a channel name such as all, concentric or "
                                      "long-range (letters, digits, '-', '_'), found '{}'",
                                      channel.substr(0, 64)));
  }
  if (!std::filesystem::exists(fmt::format("{}.{}.edges", prefix, channel))) {
    return Status::NotFound(
        fmt::format("the place network has no channel '{}' (no {}.edges beside it)", channel,
                    channel),
        {"body", 0, 0, "channel"});
  }
  return Status::Ok();
}

// The request a diffusion job runs, from its parameters (checked: types, ranges, names; the seeds
// and the graph are checked by the run itself).
Result<diffusion::CompareRequest> DiffusionRequest(const ServerContext& ctx, const json& body,
                                                   bool compare) {
  if (ctx.options.places.empty()) {
    return Status::NotFound(
        "this server has no place network for diffusion jobs (serve --places PREFIX)");
  }
  BodyFields f(body, DiffusionFields(compare));
  DUCKWEED_RETURN_IF_ERROR(f.Check());
  diffusion::CompareRequest out;
  out.places_prefix = ctx.options.places;
  out.channels = compare ? f.Strings("channels") : std::vector<std::string>{f.Text("channel")};
  if (compare && !body.contains("channels")) out.channels = {"concentric", "long-range", "all"};
  if (!compare && out.channels[0].empty()) out.channels = {"all"};
  if (out.channels.empty() || out.channels.size() > 8) {
    return Bad("channels", fmt::format("expected 1 to 8 channels, found {}", out.channels.size()));
  }
  for (const std::string& c : out.channels)
    DUCKWEED_RETURN_IF_ERROR(CheckChannel(out.places_prefix, c));
  diffusion::RunRequest& r = out.run;
  diffusion::ModelSpec& s = r.spec;
  const std::string model = f.Text("model").empty() ? "ic" : f.Text("model");
  DUCKWEED_ASSIGN_OR_RETURN(s.kind, diffusion::ModelFromName(model));
  s.weighted_cascade = f.Bool("weighted_cascade").value_or(false);
  s.probability = f.Number("p").value_or(s.probability);
  s.beta = f.Number("beta").value_or(s.beta);
  s.gamma = f.Number("gamma").value_or(s.gamma);
  DUCKWEED_RETURN_IF_ERROR(Range(f, "k", 0, 1'000'000));
  s.threshold_count = static_cast<uint32_t>(f.Integer("k").value_or(s.threshold_count));
  s.threshold_fraction = f.Number("theta").value_or(s.threshold_fraction);
  s.bass_p = f.Number("bass_p").value_or(s.bass_p);
  s.bass_q = f.Number("bass_q").value_or(s.bass_q);
  s.dt = f.Number("dt").value_or(s.dt);
  DUCKWEED_RETURN_IF_ERROR(Range(f, "max_steps", 1, 1'000'000));
  s.max_steps = static_cast<uint32_t>(f.Integer("max_steps").value_or(s.max_steps));
  DUCKWEED_RETURN_IF_ERROR(diffusion::ValidateModel(s, false));
  // Seeds: exactly one source.
  const int sources =
      body.contains("seeds") + body.contains("seed_names") + body.contains("seed_strategy");
  if (sources != 1) {
    return Bad("seed_names", fmt::format("expected exactly one of seeds, seed_names or "
                                         "seed_strategy, found {}",
                                         sources));
  }
  for (const int64_t id : f.Integers("seeds")) {
    if (id < 0) return Bad("seeds", fmt::format("expected node ids >= 0, found {}", id));
    r.seed_ids.push_back(static_cast<uint64_t>(id));
  }
  r.seed_names = f.Strings("seed_names");
  if (!f.Text("seed_strategy").empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(r.strategy, diffusion::SeedStrategyFromName(f.Text("seed_strategy")));
  }
  DUCKWEED_RETURN_IF_ERROR(Range(f, "seed_count", 1, 100'000));
  r.seed_count = static_cast<uint32_t>(f.Integer("seed_count").value_or(r.seed_count));
  r.imm_epsilon = f.Number("epsilon").value_or(r.imm_epsilon);
  r.cordon_strength = f.Number("cordon").value_or(0);
  DUCKWEED_RETURN_IF_ERROR(Range(f, "cordon_hops", 1, 100));
  r.cordon_hops = static_cast<int>(f.Integer("cordon_hops").value_or(1));
  r.cordon_km = f.Number("cordon_km").value_or(0);
  DUCKWEED_RETURN_IF_ERROR(Range(f, "replicas", 1, static_cast<int64_t>(diffusion::kMaxReplicas)));
  r.options.replicas = static_cast<uint64_t>(f.Integer("replicas").value_or(1000));
  DUCKWEED_RETURN_IF_ERROR(Range(f, "seed", 0, int64_t{1} << 53));
  r.options.seed = static_cast<uint64_t>(f.Integer("seed").value_or(1));
  if (body.contains("reach")) {
    r.options.reach_fractions.clear();
    for (const double percent : f.Numbers("reach")) {
      if (!(percent > 0 && percent <= 100)) {
        return Bad("reach", fmt::format("expected percentages in (0,100], found {}", percent));
      }
      r.options.reach_fractions.push_back(percent / 100);
    }
  }
  r.options.per_node = false;
  r.options.policy = diffusion::Parallel{ctx.options.job_threads};
  // Calendar years: the server's calibrated model (serve --calibrated).
  if (f.Bool("calibrated").value_or(false)) {
    if (ctx.options.calibrated.empty()) {
      return Bad("calibrated",
                 "this server has no calibrated model (serve --calibrated FILE, the JSON of "
                 "`duckweed diffuse calibrate --json`)");
    }
    DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(ctx.options.calibrated));
    DUCKWEED_ASSIGN_OR_RETURN(
        r.calibrated,
        diffusion::ParseCalibratedModel(text, "serve --calibrated", f.Text("calibrated_model")));
    DUCKWEED_RETURN_IF_ERROR(Range(f, "from_year", 1800, 2500));
    DUCKWEED_RETURN_IF_ERROR(Range(f, "until_year", 1800, 2500));
    r.from_year = static_cast<int>(f.Integer("from_year").value_or(0));
    r.until_year = static_cast<int>(f.Integer("until_year").value_or(0));
    if (!f.Text("graph_coefficient").empty()) r.graph_coefficient = f.Text("graph_coefficient");
  } else {
    for (const char* name : {"calibrated_model", "from_year", "until_year", "graph_coefficient"}) {
      if (body.contains(name)) return Bad(name, fmt::format("{} needs \"calibrated\": true", name));
    }
  }
  if (r.cordon_strength == 0 && (r.cordon_km > 0 || r.cordon_hops != 1)) {
    return Bad("cordon", "cordon_hops and cordon_km need a cordon strength");
  }
  if (!(r.cordon_strength >= 0 && r.cordon_strength <= 1)) {
    return Bad("cordon",
               fmt::format("expected a cordon strength in [0,1], found {}", r.cordon_strength));
  }
  return out;
}

// Parses a JSON text the application wrote (a record): never fails on our own output.
ordered_json Record(const std::string& text) { return ordered_json::parse(text); }

// A queued job: 202 with it; 503 with a JSON error when the queue is full.
Reply Queue(ServerContext& ctx, const std::string& kind, const json& parameters, JobWork work) {
  auto job = ctx.jobs->Submit(kind, parameters, std::move(work));
  if (job) return Reply{std::move(*job), 202};
  const std::string message = fmt::format(
      "{} jobs are already queued or running, the most this server takes (serve --max-jobs); "
      "retry when one has finished",
      ctx.jobs->max_jobs());
  return Reply{{{"error",
                 {{"status", 503},
                  {"message", message},
                  {"diagnostics", ordered_json::array({{{"message", message}}})}}}},
               503};
}

Result<Reply> Submit(ServerContext& ctx, const std::string& kind, const json& parameters) {
  if (kind == "diffusion") {
    DUCKWEED_ASSIGN_OR_RETURN(diffusion::CompareRequest request,
                              DiffusionRequest(ctx, parameters, false));
    return Queue(
        ctx, kind, parameters, [request](core::WorkControl& control) -> Result<ordered_json> {
          DUCKWEED_ASSIGN_OR_RETURN(auto outcomes, app::CompareDiffusion(request, &control));
          diffusion::RunRequest run = request.run;
          run.graph_path = outcomes[0].run.inputs.graph_path;
          return Record(app::DiffusionRecordJson(run, outcomes[0].run));
        });
  }
  if (kind == "diffusion-compare") {
    DUCKWEED_ASSIGN_OR_RETURN(diffusion::CompareRequest request,
                              DiffusionRequest(ctx, parameters, true));
    return Queue(
        ctx, kind, parameters, [request](core::WorkControl& control) -> Result<ordered_json> {
          DUCKWEED_ASSIGN_OR_RETURN(auto outcomes, app::CompareDiffusion(request, &control));
          return Record(diffusion::ComparisonJson(request, outcomes));
        });
  }
  if (kind == "robustness") {
    DUCKWEED_ASSIGN_OR_RETURN(JobWork work, RobustnessJob(ctx, parameters));
    return Queue(ctx, kind, parameters, std::move(work));
  }
  return Status::NotFound(
      fmt::format("no job kind '{}'; expected diffusion, diffusion-compare or robustness",
                  kind.substr(0, 64)),
      {"body", 0, 0, "kind"});
}

Result<Reply> PostJob(ServerContext& ctx, const httplib::Request& req) {
  DUCKWEED_ASSIGN_OR_RETURN(json body, ParseJsonBody(req.body));
  BodyFields f(body,
               {{"kind", FieldType::kString, true}, {"parameters", FieldType::kObject, false}});
  DUCKWEED_RETURN_IF_ERROR(f.Check());
  const json parameters = body.contains("parameters") ? body["parameters"] : json::object();
  return Submit(ctx, f.Text("kind"), parameters);
}

Result<Reply> PostJobOfKind(ServerContext& ctx, const httplib::Request& req,
                            const std::string& kind) {
  DUCKWEED_ASSIGN_OR_RETURN(json body, ParseJsonBody(req.body));
  if (!body.is_object()) {
    return Status::InvalidInput(fmt::format("expected a JSON object, found {}", body.type_name()),
                                {"body", 0, 0, ""});
  }
  return Submit(ctx, kind, body);
}

}  // namespace

void AddJobRoutes(ServerContext& ctx) {
  ctx.jobs =
      std::make_unique<JobQueue>(JobLimits{.runners = ctx.options.job_runners,
                                           .max_jobs = ctx.options.max_jobs,
                                           .time_limit_seconds = ctx.options.job_time_limit});
  ctx.Add("POST", "/api/v1/jobs", [&ctx](const auto& req) { return PostJob(ctx, req); });
  for (const std::string kind : {"diffusion", "diffusion-compare", "robustness"}) {
    ctx.Add("POST", "/api/v1/jobs/" + kind,
            [&ctx, kind](const auto& req) { return PostJobOfKind(ctx, req, kind); });
  }
  ctx.Add("GET", "/api/v1/jobs/{id}", [&ctx](const httplib::Request& req) -> Result<Reply> {
    DUCKWEED_ASSIGN_OR_RETURN(ordered_json job, ctx.jobs->Describe(req.matches[1].str()));
    return Reply{std::move(job)};
  });
  ctx.Add("DELETE", "/api/v1/jobs/{id}", [&ctx](const httplib::Request& req) -> Result<Reply> {
    DUCKWEED_ASSIGN_OR_RETURN(ordered_json job, ctx.jobs->Cancel(req.matches[1].str()));
    const int status = job["state"] == "cancelled" ? 200 : 202;  // 202: stops at its next replica
    return Reply{std::move(job), status};
  });
}

}  // namespace duckweed::server
