// `duckweed diffuse run`: Monte Carlo diffusion on a graph read from an SNAP edge list.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/recipe_receptivity.h"
#include "cli/verbs.h"
#include "duckweed/app/diffusion.h"
#include "duckweed/core/file.h"
#include "duckweed/core/progress.h"
#include "duckweed/diffusion/compare.h"
#include "duckweed/diffusion/mpi_replicas.h"
#include "duckweed/diffusion/run.h"

namespace duckweed::cli {
namespace {

using core::Status;

struct DiffuseOptions {
  diffusion::RunRequest request;
  std::string model = "ic";
  std::string strategy;
  int threads = 0;
  bool cordon_km_given =
      false;  // 0 is the library's "no geographic cordon"; the user must not say it
  bool sequential = false;
  std::vector<double> reach_percent = {10, 50, 90};
  bool json = false;
  std::string csv_path, nodes_out_path, geojson_path;
  // compare
  std::string places_prefix, out_dir;
  std::vector<std::string> channels = {"concentric", "long-range", "all"};
  // calendar years
  std::string calibrated_path, calibrated_model;
  std::vector<std::string> layers;  // COEFFICIENT=FILE
  // receptivity from a stored recipe (recipe_receptivity.h)
  std::string receptivity_recipe;
  std::optional<double> receptivity_default;
  std::string receptivity_of = "membership";
};

// --receptivity-recipe: the nodes' memberships, computed before the simulation.
core::Result<std::optional<ReceptivityReport>> ResolveReceptivity(const CliContext& ctx,
                                                                  DiffuseOptions& o,
                                                                  const std::string& nodes_csv) {
  if (o.receptivity_recipe.empty()) {
    if (o.receptivity_default || o.receptivity_of != "membership") {
      return Status::Usage(
          "--receptivity-default and --receptivity-of need --receptivity-recipe NAME");
    }
    return std::optional<ReceptivityReport>();
  }
  if (nodes_csv.empty()) {
    return Status::Usage(
        "--receptivity-recipe needs --nodes (a node table with a territory column, as `graph "
        "places` writes)");
  }
  DUCKWEED_ASSIGN_OR_RETURN(
      ReceptivityReport report,
      RecipeReceptivityOfNodes(ctx, o.receptivity_recipe, nodes_csv, o.receptivity_default,
                               o.receptivity_of == "context"));
  o.request.recipe_receptivity = report.receptivity;
  return std::optional<ReceptivityReport>(std::move(report));
}

// The JSON record with the receptivity's summary added (no change without it).
std::string WithReceptivity(std::string json, const std::optional<ReceptivityReport>& report) {
  if (!report) return json;
  auto doc = nlohmann::ordered_json::parse(json);
  doc["receptivity"] = report->Json();
  return doc.dump(1) + "\n";
}

// --calibrated: the model of `diffuse calibrate --json` and the layers that carry its channels.
Status ResolveCalendar(DiffuseOptions& o) {
  diffusion::RunRequest& r = o.request;
  if (o.calibrated_path.empty()) {
    if (!o.layers.empty() || !o.calibrated_model.empty() || r.from_year != 0 || r.until_year != 0) {
      return Status::Usage(
          "--layers, --calibrated-model, --from-year and --until-year need --calibrated FILE");
    }
    return Status::Ok();
  }
  DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(o.calibrated_path));
  DUCKWEED_ASSIGN_OR_RETURN(
      r.calibrated, diffusion::ParseCalibratedModel(text, o.calibrated_path, o.calibrated_model));
  for (const std::string& layer : o.layers) {
    const size_t eq = layer.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == layer.size()) {
      return Status::InvalidInput(
          fmt::format("expected COEFFICIENT=FILE (e.g. coordinator_name=net.coordinator.edges), "
                      "found '{}'",
                      layer),
          core::Location{.field = "layers"});
    }
    r.layer_files.emplace_back(layer.substr(0, eq), layer.substr(eq + 1));
  }
  return Status::Ok();
}

// Options both verbs resolve the same way: model name, seed strategy, execution policy.
Status Resolve(DiffuseOptions& o) {
  diffusion::RunRequest& r = o.request;
  DUCKWEED_ASSIGN_OR_RETURN(r.spec.kind, diffusion::ModelFromName(o.model));
  if (!o.strategy.empty()) {
    DUCKWEED_ASSIGN_OR_RETURN(r.strategy, diffusion::SeedStrategyFromName(o.strategy));
  }
  if (o.threads < 0) {
    return Status::InvalidInput(
        fmt::format("expected a thread count >= 0 (0: all cores), found {}", o.threads),
        core::Location{.field = "threads"});
  }
  if (o.cordon_km_given && !(r.cordon_km > 0)) {
    return Status::InvalidInput(
        fmt::format("expected a positive cordon scale in km, found {}", r.cordon_km),
        core::Location{.field = "cordon-km"});
  }
  r.options.reach_fractions.clear();
  for (const double percent : o.reach_percent) {
    if (!(percent > 0 && percent <= 100)) {
      return Status::InvalidInput(
          fmt::format("expected a percentage in (0,100], found {}", percent),
          core::Location{.field = "reach"});
    }
    r.options.reach_fractions.push_back(percent / 100);
  }
  r.options.policy = o.sequential ? diffusion::ExecutionPolicy(diffusion::Sequential{})
                                  : diffusion::ExecutionPolicy(diffusion::Parallel{o.threads});
  return ResolveCalendar(o);
}

// Under mpirun: this process runs its share of the replicas; ranks other than 0 stay silent (their
// results and errors are rank 0's: every rank reads the same inputs) and write nothing.
Status JoinMpiJob(diffusion::RunRequest& r, bool& quiet) {
  quiet = false;
  if (!diffusion::LaunchedByMpi()) return Status::Ok();
  DUCKWEED_ASSIGN_OR_RETURN(diffusion::ReplicaDistributor * d, diffusion::WorldDistributor());
  r.options.distributor = d;
  quiet = d->rank() != 0;
  if (quiet) {
    std::fflush(stdout);
    std::fflush(stderr);
    if (std::freopen("/dev/null", "w", stdout) == nullptr ||
        std::freopen("/dev/null", "w", stderr) == nullptr) {
      return Status::Internal("cannot silence a non-root MPI rank");
    }
  }
  return Status::Ok();
}

// The replicas this process runs (its share under mpirun), for the progress line.
uint64_t RankReplicas(const diffusion::RunRequest& r) {
  const diffusion::ReplicaDistributor* d = r.options.distributor;
  if (d == nullptr) return r.options.replicas;
  const auto [first, end] = diffusion::ReplicaRange(r.options.replicas, d->rank(), d->size());
  return end - first;
}

// Checked before the simulation so that a bad path does not waste it.
Status CheckOutputPath(const std::string& path) {
  if (path.empty()) return Status::Ok();
  const std::filesystem::path p(path);
  std::error_code ec;
  if (std::filesystem::is_directory(p, ec)) {
    return Status::InvalidInput("is a directory; expected a file path", core::Location{path});
  }
  const std::filesystem::path parent = p.parent_path().empty() ? "." : p.parent_path();
  if (!std::filesystem::is_directory(parent, ec)) {
    return Status::InvalidInput(fmt::format("folder {} does not exist", parent.string()),
                                core::Location{path});
  }
  return Status::Ok();
}

// compare --out: the folder may be new (its parent must exist) or a folder; each file it will hold
// passes CheckOutputPath. Checked before the simulation, like run's paths; nothing is created here.
Status CheckOutputFolder(const std::string& dir, const std::vector<std::string>& channels) {
  if (dir.empty()) return Status::Ok();
  std::error_code ec;
  const std::filesystem::path p(dir);
  if (!std::filesystem::exists(p, ec)) {
    // A new folder is created in an existing one: check it as a file path ("out/" as "out").
    return CheckOutputPath(p.has_filename() ? dir : p.parent_path().string());
  }
  if (!std::filesystem::is_directory(p, ec)) {
    return Status::InvalidInput("is not a folder; expected a folder for the outputs",
                                core::Location{dir});
  }
  for (const std::string& channel : channels) {
    for (const char* suffix : {".curve.csv", ".geojson"}) {
      DUCKWEED_RETURN_IF_ERROR(CheckOutputPath((p / (channel + suffix)).string()));
    }
  }
  return Status::Ok();
}

Status WriteOutputs(const DiffuseOptions& o, const diffusion::RunOutcome& run) {
  if (!o.csv_path.empty()) {
    DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(o.csv_path, diffusion::CurveCsv(run.result)));
  }
  if (!o.nodes_out_path.empty()) {
    DUCKWEED_RETURN_IF_ERROR(
        core::WriteFileAtomic(o.nodes_out_path, diffusion::NodesCsv(run.result, run.inputs)));
  }
  if (!o.geojson_path.empty()) {
    DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(
        o.geojson_path, diffusion::AdoptionGeoJson(run.result, run.inputs, run.nodes.attributes)));
  }
  return Status::Ok();
}

// Where to plant first, by name, when the node table knows the places.
void PrintSeedPlaces(const diffusion::RunOutcome& run) {
  const std::vector<std::string>& names = run.nodes.names;
  if (names.empty()) return;
  std::string line;
  for (network::NodeId seed : run.result.seeds) {
    if (seed >= names.size()) continue;
    line += line.empty() ? names[seed] : ", " + names[seed];
  }
  if (!line.empty()) std::printf("seed places  %s\n", line.c_str());
}

Status RunDiffuse(const CliContext& ctx, DiffuseOptions& o, bool json) {
  diffusion::RunRequest& r = o.request;
  DUCKWEED_RETURN_IF_ERROR(Resolve(o));
  if (!o.geojson_path.empty() && o.request.nodes_path.empty()) {
    return Status::Usage("--geojson needs --nodes (a table with latitude and longitude)");
  }
  for (const std::string* path : {&o.csv_path, &o.nodes_out_path, &o.geojson_path}) {
    DUCKWEED_RETURN_IF_ERROR(CheckOutputPath(*path));
    if (r.calibrated && !path->empty()) {
      return Status::Usage(
          "--csv, --nodes-out and --geojson are for step models, not --calibrated");
    }
  }
  r.options.per_node = !o.nodes_out_path.empty() || !o.geojson_path.empty();
  DUCKWEED_ASSIGN_OR_RETURN(const auto receptivity, ResolveReceptivity(ctx, o, r.nodes_path));
  bool quiet = false;
  DUCKWEED_RETURN_IF_ERROR(JoinMpiJob(r, quiet));
  auto progress = std::make_optional<core::Progress>("replicas", RankReplicas(r));
  r.options.progress = &*progress;
  auto executed = app::RunDiffusion(r);
  progress.reset();  // the line ends before the results
  r.options.progress = nullptr;
  DUCKWEED_ASSIGN_OR_RETURN(const diffusion::RunOutcome run, std::move(executed));
  if (quiet) return Status::Ok();
  if (receptivity && !json) std::fputs(receptivity->Sentence().c_str(), stdout);
  if (run.calendar) {
    const std::string text =
        json ? WithReceptivity(app::DiffusionRecordJson(r, run), receptivity)
             : diffusion::CalendarTable(run.inputs, *r.calibrated, *run.calendar, run.timings);
    std::fputs(text.c_str(), stdout);
    if (!json) PrintSeedPlaces(run);
    return Status::Ok();
  }
  DUCKWEED_RETURN_IF_ERROR(WriteOutputs(o, run));
  const std::string text = json ? WithReceptivity(app::DiffusionRecordJson(r, run), receptivity)
                                : diffusion::RunTable(run.inputs, r.spec, run.result, run.timings);
  std::fputs(text.c_str(), stdout);
  if (!json) PrintSeedPlaces(run);
  return Status::Ok();
}

Status RunCompare(const CliContext& ctx, DiffuseOptions& o, bool json) {
  DUCKWEED_RETURN_IF_ERROR(Resolve(o));
  DUCKWEED_RETURN_IF_ERROR(CheckOutputFolder(o.out_dir, o.channels));
  if (o.request.calibrated && !o.out_dir.empty()) {
    return Status::Usage("--out is for step models, not --calibrated");
  }
  if (!o.request.layer_files.empty()) {
    return Status::Usage(
        "compare runs each channel as the one layer; --layers is for `diffuse run`");
  }
  DUCKWEED_ASSIGN_OR_RETURN(const auto receptivity,
                            ResolveReceptivity(ctx, o, o.places_prefix + ".nodes.csv"));
  diffusion::CompareRequest request{o.places_prefix, o.channels, o.request};
  request.run.options.per_node = !o.out_dir.empty();
  bool quiet = false;
  DUCKWEED_RETURN_IF_ERROR(JoinMpiJob(request.run, quiet));
  auto progress = std::make_optional<core::Progress>(
      "replicas", RankReplicas(request.run) * request.channels.size());
  request.run.options.progress = &*progress;
  auto executed = app::CompareDiffusion(request);
  progress.reset();  // the line ends before the results
  request.run.options.progress = nullptr;
  DUCKWEED_ASSIGN_OR_RETURN(const auto outcomes, std::move(executed));
  if (quiet) return Status::Ok();
  if (!o.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directory(o.out_dir, ec);
    if (ec) return Status::IoError(fmt::format("cannot create {}: {}", o.out_dir, ec.message()));
    for (const auto& c : outcomes) {
      const auto base = std::filesystem::path(o.out_dir) / c.channel;
      DUCKWEED_RETURN_IF_ERROR(
          core::WriteFileAtomic(base.string() + ".curve.csv", diffusion::CurveCsv(c.run.result)));
      DUCKWEED_RETURN_IF_ERROR(core::WriteFileAtomic(
          base.string() + ".geojson",
          diffusion::AdoptionGeoJson(c.run.result, c.run.inputs, c.run.nodes.attributes)));
    }
  }
  if (receptivity && !json) std::fputs(receptivity->Sentence().c_str(), stdout);
  const std::string text =
      json ? WithReceptivity(diffusion::ComparisonJson(request, outcomes), receptivity)
           : diffusion::ComparisonTable(outcomes);
  std::fputs(text.c_str(), stdout);
  return Status::Ok();
}

void AddModelOptions(CLI::App* cmd, DiffuseOptions& o) {
  diffusion::ModelSpec& s = o.request.spec;
  cmd->add_option("--model", o.model, "ic, lt, si, sir, sis, complex or bass")
      ->capture_default_str();
  auto* wc =
      cmd->add_flag("--weighted-cascade", s.weighted_cascade, "ic/lt: p(u,v) = 1 / in-degree(v)");
  cmd->add_flag("--arc-weights", s.use_arc_weights, "ic/lt: p(u,v) = the edge list's third column")
      ->excludes(wc);
  cmd->add_option("--p", s.probability, "ic/lt: the same probability on every arc")
      ->capture_default_str();
  cmd->add_option("--beta", s.beta, "si/sir/sis: per-contact transmission probability per step")
      ->capture_default_str();
  cmd->add_option("--gamma", s.gamma, "sir/sis: recovery probability per step")
      ->capture_default_str();
  cmd->add_option("--k", s.threshold_count,
                  "complex: adopt with k adopting neighbours (0: use --theta)")
      ->capture_default_str();
  cmd->add_option("--theta", s.threshold_fraction,
                  "complex: adopt when this fraction of in-neighbours adopted (with --k 0)")
      ->capture_default_str();
  cmd->add_option("--bass-p", s.bass_p, "bass: innovation")->capture_default_str();
  cmd->add_option("--bass-q", s.bass_q, "bass: imitation")->capture_default_str();
  cmd->add_option("--dt", s.dt, "bass: time step in (0,1]")->capture_default_str();
  cmd->add_option("--max-steps", s.max_steps, "cap on the steps of one replica")
      ->capture_default_str();
}

void AddSeedOptions(CLI::App* cmd, DiffuseOptions& o) {
  diffusion::RunRequest& r = o.request;
  cmd->add_option("--seeds-file", r.seeds_file, "JSON array of node ids (as in the edge list)");
  cmd->add_option("--seeds", r.seed_ids, "node ids, comma-separated")->delimiter(',');
  cmd->add_option("--seed-names", r.seed_names,
                  "place names or territory codes (fr:49002) from --nodes, comma-separated")
      ->delimiter(',');
  cmd->add_option("--seed-strategy", o.strategy,
                  "top-degree, top-population, random, cluster, or imm (influence maximisation)");
  cmd->add_option("--epsilon", r.imm_epsilon, "imm: approximation slack in (0,1)")
      ->capture_default_str();
  cmd->add_option("--seed-count", r.seed_count, "number of seeds for --seed-strategy")
      ->capture_default_str();
  cmd->add_option("--cordon", r.cordon_strength,
                  "cordon sanitaire: resistance in [0,1] of the seeds' neighbours");
  cmd->add_option("--cordon-hops", r.cordon_hops, "cordon reach in arcs (halving per hop)")
      ->capture_default_str();
  cmd->add_option("--cordon-km", r.cordon_km,
                  "geographic cordon: resistance decays as exp(-d / km) (needs coordinates)")
      ->each([&o](const std::string&) { o.cordon_km_given = true; });
}

void AddCommonOptions(CLI::App* cmd, DiffuseOptions& o) {
  AddModelOptions(cmd, o);
  AddSeedOptions(cmd, o);
  cmd->add_option("--replicas", o.request.options.replicas, "Monte Carlo replicas (1 to 10^8)")
      ->capture_default_str();
  cmd->add_option("--seed", o.request.options.seed, "random seed (results depend on it only)")
      ->capture_default_str();
  cmd->add_option("--threads", o.threads, "OpenMP threads (0: all); results do not change");
  cmd->add_flag("--sequential", o.sequential, "run replicas on the calling thread only");
  cmd->add_option("--reach", o.reach_percent, "report the time to reach these % of the nodes")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_flag("--json", o.json, "print the JSON run record");
  diffusion::RunRequest& r = o.request;
  cmd->add_option("--calibrated", o.calibrated_path,
                  "calendar years: the JSON of `diffuse calibrate --json` (its hazard model "
                  "replaces --model; one step is one year)");
  cmd->add_option("--calibrated-model", o.calibrated_model,
                  "with --calibrated: baseline, distance or networks (default: the file's best)");
  cmd->add_option("--from-year", r.from_year,
                  "with --calibrated: first simulated year (default: the fit year + 1)");
  cmd->add_option("--until-year", r.until_year,
                  "with --calibrated: last simulated year (default: the first + 14)");
  cmd->add_option("--graph-coefficient", r.graph_coefficient,
                  "with --calibrated: the model coefficient the graph's arcs carry (distance, a "
                  "group column such as coordinator_name, or none)")
      ->capture_default_str();
  cmd->add_option(
      "--receptivity-recipe", o.receptivity_recipe,
      "scale each node's adoption probability (or yearly hazard) by its membership in "
      "this stored recipe (the store of --db; needs a node table with territory codes)");
  cmd->add_option("--receptivity-default", o.receptivity_default,
                  "with --receptivity-recipe: the membership of nodes without data (default: the "
                  "mean membership of the others)");
  cmd->add_option("--receptivity-of", o.receptivity_of,
                  "with --receptivity-recipe: membership over all the recipe's conditions, or over "
                  "its context conditions only (how well a place's situation fits the recipe)")
      ->check(CLI::IsMember({"membership", "context"}))
      ->capture_default_str();
}

void RegisterCompare(CLI::App& diffuse, CliContext& ctx) {
  auto o = std::make_shared<DiffuseOptions>();
  o->model = "si";
  CLI::App* cmd = diffuse.add_subcommand(
      "compare",
      "The same model on the concentric network, the long-range network and their union: "
      "time to 10/50/90% side by side");
  cmd->add_option("--places", o->places_prefix,
                  "PREFIX written by `duckweed graph places --out PREFIX`")
      ->required();
  cmd->add_option("--channels", o->channels, "channel files to compare")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--out", o->out_dir, "folder for CHANNEL.curve.csv and CHANNEL.geojson");
  AddCommonOptions(cmd, *o);
  cmd->callback(ctx.Bind([o, &ctx] { return RunCompare(ctx, *o, o->json || ctx.json); }));
}

void RegisterRun(CLI::App& diffuse, CliContext& ctx) {
  auto o = std::make_shared<DiffuseOptions>();
  CLI::App* cmd = diffuse.add_subcommand(
      "run", "Monte Carlo of a diffusion model from seed nodes; final size, curve, time to X%");
  cmd->add_option("--graph", o->request.graph_path, "SNAP edge list: `u v [w]` lines, # comments")
      ->required();
  cmd->add_flag("--undirected", o->request.undirected, "each line is an edge both ways");
  cmd->add_flag("--keep-multi", o->request.keep_multi, "keep self-loops and repeated edges");
  cmd->add_option("--nodes", o->request.nodes_path,
                  "CSV: id[,name,population,latitude,longitude,receptivity,resistance]");
  cmd->add_flag("--dense-ids", o->request.dense_ids,
                "node i is id i (as `graph places` writes) instead of compacting the ids");
  AddCommonOptions(cmd, *o);
  cmd->add_option("--csv", o->csv_path, "write the mean curve with its 95% band as CSV");
  cmd->add_option("--nodes-out", o->nodes_out_path,
                  "write per-node adoption probability and mean step as CSV");
  cmd->add_option("--geojson", o->geojson_path, "write a GeoJSON map of adoption (needs --nodes)");
  cmd->add_option("--layers", o->layers,
                  "with --calibrated: more layers as COEFFICIENT=EDGE_FILE, comma-separated (same "
                  "node ids; needs --dense-ids)")
      ->delimiter(',');
  cmd->callback(ctx.Bind([o, &ctx] { return RunDiffuse(ctx, *o, o->json || ctx.json); }));
}

}  // namespace

void RegisterCalibrate(CLI::App& diffuse, CliContext& ctx);  // verbs_calibrate.cc

void RegisterDiffusionVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* diffuse =
      app.add_subcommand("diffuse", "Diffusion of a recipe through a network of places");
  diffuse->require_subcommand(1);
  RegisterRun(*diffuse, ctx);
  RegisterCompare(*diffuse, ctx);
  RegisterCalibrate(*diffuse, ctx);
}

}  // namespace duckweed::cli
