#include "duckweed/server/server.h"

#include <fmt/format.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <regex>
#include <thread>

#include "server/context.h"

namespace duckweed::server {

using core::Result;
using core::Status;

struct Server::Impl {
  ServerContext ctx;
  std::thread listener;
  // Wait() may run on two threads at once (Serve's main thread and its signal waiter, via
  // Stop()); joining one std::thread twice is undefined, so the join is serialised.
  std::mutex join_mutex;
  int port = 0;
};

Result<store::Store*> ServerContext::Db() {
  // One connection per worker thread and database address (tests run several servers at once).
  thread_local std::map<std::string, std::unique_ptr<store::Store>> stores;
  auto& slot = stores[options.db];
  if (!slot) {
    DUCKWEED_ASSIGN_OR_RETURN(slot, store::Store::Open(options.db));
  }
  return slot.get();
}

namespace {

// The OpenAPI path "/api/v1/territories/{id}" as the regex httplib matches.
std::string PathPattern(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "([^/]+)");
}

}  // namespace

void ServerContext::Add(const std::string& method, const std::string& path, Handler handler) {
  routes.push_back({method, path});
  const std::string pattern = PathPattern(path);
  auto wrapped = Wrap(std::move(handler));
  if (method == "GET") http.Get(pattern, wrapped);
  if (method == "POST") http.Post(pattern, wrapped);
  if (method == "DELETE") http.Delete(pattern, wrapped);
}

void ServerContext::AddCachedRead(const std::string& path, Handler handler) {
  routes.push_back({"GET", path});
  auto wrapped = Wrap(std::move(handler));
  http.Get(PathPattern(path), [this, wrapped](const httplib::Request& req, httplib::Response& res) {
    // The count is read before the reply is computed (reply_cache.h says why).
    auto db = Db();
    auto count = db.ok() ? (*db)->ChangeCount() : core::Result<int64_t>(db.status());
    if (!count.ok()) {  // the handler reports the store's error
      wrapped(req, res);
      return;
    }
    const std::string key = ReplyCacheKey(req);
    if (auto kept = replies.Find(key, *count)) {
      res.status = kept->status;
      res.set_content(kept->body, kept->content_type);
      res.set_header("X-Duckweed-Cache", "hit");
      return;
    }
    wrapped(req, res);
    if (res.status == 200) {
      replies.Keep(key, *count, {res.status, res.body, res.get_header_value("Content-Type")});
    }
    res.set_header("X-Duckweed-Cache", "miss");
  });
}

namespace {

Status CheckFile(const std::string& path, const char* option) {
  if (path.empty() || std::filesystem::exists(path)) return Status::Ok();
  return Status::Usage(fmt::format("serve {}: no file or folder '{}'", option, path));
}

// --places is the PREFIX given to `graph places --out`: its network is PREFIX.all.dwg.
Status CheckPlaces(const std::string& prefix) {
  if (prefix.empty() || std::filesystem::exists(prefix + ".all.dwg")) return Status::Ok();
  return Status::Usage(fmt::format(
      "serve --places: no place network '{}.all.dwg' (expected the PREFIX given to 'graph places "
      "--out PREFIX')",
      prefix));
}

// The territory with the most result observations: the town the dashboard opens on.
std::string MostObserved(store::Store& db) {
  auto rows = db.ListObservations();
  if (!rows.ok()) return "";
  std::map<std::string, int> count;
  for (const auto& o : *rows) count[o.territory_id] += o.kind == "result";
  std::string best;
  int most = 0;
  for (const auto& [id, n] : count) {
    if (n > most) best = id, most = n;
  }
  return best;
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  if (options.port < 0 || options.port > 65535) {
    return Status::Usage(fmt::format("serve --port: expected 0..65535, found {}", options.port));
  }
  if (options.threads < 1) return Status::Usage("serve --threads: expected at least 1");
  if (options.max_jobs < 1 || options.job_runners < 1 || options.job_threads < 0 ||
      !(options.job_time_limit > 0)) {
    return Status::Usage(
        "serve: --max-jobs and --job-runners expect at least 1, --job-threads 0 or more, "
        "--job-time-limit a positive number of seconds");
  }
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.static_dir, "--static"));
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.capacity, "--capacity"));
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.indicators, "--indicators"));
  if (options.carry_forward < 0) return Status::Usage("serve --carry-forward: expected 0 or more");
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.recipes, "--recipes"));
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.cases, "--cases"));
  DUCKWEED_RETURN_IF_ERROR(CheckPlaces(options.places));
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.models, "--models"));
  DUCKWEED_RETURN_IF_ERROR(CheckFile(options.calibrated, "--calibrated"));
  auto impl = std::make_unique<Impl>();
  ServerContext& ctx = impl->ctx;
  ctx.options = std::move(options);
  DUCKWEED_ASSIGN_OR_RETURN(store::Store * db, ctx.Db());
  ctx.home = ctx.options.home.empty() ? MostObserved(*db) : ctx.options.home;
  const int threads = ctx.options.threads;
  ctx.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  ctx.http.set_payload_max_length(ctx.options.max_body_bytes);
  ctx.http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 413   ? "the request body is too large"
                                : res.status == 404 ? "no such route"
                                : res.status == 405 ? "method not allowed on this route"
                                                    : "the request could not be served";
    nlohmann::ordered_json body = {{"error",
                                    {{"status", res.status},
                                     {"message", message},
                                     {"diagnostics", nlohmann::ordered_json::array()}}}};
    res.set_content(body.dump(), "application/json");
  });
  AddReadRoutes(ctx);
  AddWriteRoutes(ctx);
  AddEcosystemRoutes(ctx);
  AddDiffusionRoutes(ctx);
  AddJobRoutes(ctx);
  AddStaticFiles(ctx);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  auto& http = impl_->ctx.http;
  const auto& o = impl_->ctx.options;
  if (o.port == 0) {
    impl_->port = http.bind_to_any_port(o.host);
  } else {
    impl_->port = http.bind_to_port(o.host, o.port) ? o.port : -1;
  }
  if (impl_->port <= 0) {
    return Status::IoError(
        fmt::format("serve: cannot listen on {}:{} (in use, or not an "
                    "address of this machine?)",
                    o.host, o.port));
  }
  impl_->listener = std::thread([&http] { http.listen_after_bind(); });
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

void Server::Wait() {
  std::lock_guard<std::mutex> lock(impl_->join_mutex);
  if (impl_->listener.joinable()) impl_->listener.join();
}

void Server::Stop() {
  impl_->ctx.http.stop();
  Wait();
}

const std::vector<Route>& Server::routes() const { return impl_->ctx.routes; }

Status Serve(const ServerOptions& options) {
  // SIGINT and SIGTERM are waited for on a thread of their own (blocked everywhere else, so the
  // workers started below inherit the mask), then stop the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  DUCKWEED_ASSIGN_OR_RETURN(auto server, Server::Create(options));
  DUCKWEED_RETURN_IF_ERROR(server->Start());
  std::printf("duckweed serve: http://%s:%d/ (database %s; Ctrl-C stops)\n", options.host.c_str(),
              server->port(), options.db.c_str());
  std::fflush(stdout);
  std::atomic<bool> signalled = false;
  std::thread waiter([&server, &signalled, signals] {
    int received = 0;
    sigwait(&signals, &received);
    signalled = true;
    server->Stop();
  });
  server->Wait();
  // The listener ended by itself (not by a signal): wake the waiter.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return Status::Ok();
}

}  // namespace duckweed::server
