// `duckweed serve`: options and the server's start (the work is in src/server).
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "cli/verbs.h"
#include "duckweed/server/server.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

namespace fs = std::filesystem;

// The dashboard built beside this executable (build/<preset>/src/cli/duckweed ->
// build/<preset>/web/dist), when there is one.
std::string BuiltDashboard() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const fs::path dist = exe.parent_path().parent_path().parent_path() / "web" / "dist";
  return fs::exists(dist / "index.html", ec) ? dist.string() : "";
}

}  // namespace

void RegisterServeVerbs(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<server::ServerOptions>();
  auto static_dir = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("serve", "The HTTP JSON API (/api/v1) over the store, and the dashboard");
  cmd->add_option("--host", o->host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", o->port, "Port to listen on (0: any free port)")->capture_default_str();
  cmd->add_option("--static", *static_dir,
                  "Folder of the dashboard's files (default: the built web/dist, if any)");
  cmd->add_option("--capacity", o->capacity, "Capacity JSON for the systemic score");
  cmd->add_option("--indicators", o->indicators,
                  "Indicator specification CSV scoring the store's observations (as evaluate "
                  "--indicators; default: the stored targets)");
  cmd->add_option("--carry-forward", o->carry_forward,
                  "Evaluations reuse an indicator's latest observation up to N years old");
  cmd->add_option("--recipes", o->recipes, "Recipes JSON (qca --save-recipes)");
  cmd->add_option("--cases", o->cases, "Calibrated case table CSV (qca cases --out) for transfer");
  cmd->add_option("--places", o->places,
                  "Place network PREFIX (as given to graph places --out) for diffusion");
  cmd->add_option("--models", o->models,
                  "Folder of ecosystem models (XMILE, FCM CSV; e.g. examples/loos) for /models");
  cmd->add_option("--calibrated", o->calibrated,
                  "Calibrated hazard model (diffuse calibrate --json) for /diffusion/forecast and "
                  "calendar-year jobs");
  cmd->add_option("--home", o->home,
                  "Territory the dashboard opens on (default: the most observed one)");
  cmd->add_option("--threads", o->threads, "Worker threads")->capture_default_str();
  cmd->add_option("--max-jobs", o->max_jobs, "Jobs queued or running at once (more: 503)")
      ->capture_default_str();
  cmd->add_option("--job-time-limit", o->job_time_limit,
                  "Seconds a job may run before it is stopped and fails")
      ->capture_default_str();
  cmd->add_option("--job-runners", o->job_runners, "Jobs running at once")->capture_default_str();
  cmd->add_option("--job-threads", o->job_threads, "Threads of one job (0: all cores)")
      ->capture_default_str();
  cmd->add_option("--max-body", o->max_body_bytes, "Largest request body in bytes (else 413)")
      ->capture_default_str();
  cmd->callback(ctx.Bind([o, static_dir, &ctx]() -> core::Status {
    server::ServerOptions options = *o;
    DUCKWEED_ASSIGN_OR_RETURN(options.db, store::ResolveDbPath(ctx.db_path));
    options.static_dir = static_dir->empty() ? BuiltDashboard() : *static_dir;
    return server::Serve(options);
  }));
}

}  // namespace duckweed::cli
