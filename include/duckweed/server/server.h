// `duckweed serve`: the HTTP JSON API (/api/v1) over the store and the application layer, and the
// dashboard's static files. Reads are open; every error is JSON
// {"error": {"status": N, "message": "...", "diagnostics": [{"message", "field"}]}} with the
// HTTP status core::Status::HttpStatus() gives. Every table route also answers CSV
// (`?format=csv` or `Accept: text/csv`), cells through core::CsvEscape.
//
// Thread safety: Start() runs the listener on its own thread; requests are served by a pool of
// worker threads, each with its own store connection (store.h: one Store per thread). Stop() may
// be called from any thread.
#ifndef DUCKWEED_SERVER_SERVER_H_
#define DUCKWEED_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: an ephemeral port (Server::port() says which)
  std::string db;          // the store's address (already resolved: a path or a URI)
  std::string static_dir;  // the dashboard's files; empty: no static files
  std::string capacity;    // capacity JSON for the systemic score of evaluations
  // Indicator specification CSV (evaluate --indicators): the value functions that score the
  // store's observations; empty: only indicators with a stored target are scored.
  std::string indicators;
  int carry_forward = 0;   // evaluations reuse an observation up to this many years old
  std::string recipes;     // recipes JSON (qca --save-recipes) for /recipes and /transfer
  std::string cases;       // calibrated case table CSV for /transfer
  std::string places;      // place network PREFIX (graph places --out) for diffusion jobs
  std::string models;      // folder of ecosystem models (XMILE, FCM CSV) for /models
  std::string calibrated;  // diffuse calibrate JSON for /diffusion/forecast and calendar jobs
  std::string home;        // the territory `/` opens on; empty: the most observed one
  size_t max_body_bytes = 1 << 20;  // larger request bodies: 413
  int threads = 8;                  // worker threads
  // Jobs (POST /api/v1/jobs): long work on job threads of their own, bounded in number and time.
  int max_jobs = 8;             // queued or running at once; more: 503
  double job_time_limit = 600;  // seconds one job may run; then it is stopped and fails
  int job_runners = 1;          // jobs running at once
  int job_threads = 0;          // threads of one job (0: all cores)
};

// One route of the API: method and path pattern as the OpenAPI document writes it
// ("GET", "/api/v1/territories/{id}").
struct Route {
  std::string method, path;
};

class Server {
 public:
  // Checks the options (the files named exist and parse, the store opens). Errors: kUsage for a
  // bad option, the store's or the files' errors.
  static core::Result<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port and serves on a background thread. Errors: kIoError when it cannot bind.
  core::Status Start();
  // The bound port (after Start).
  int port() const;
  // Blocks until the server stops (Stop, or a failure of the listener).
  void Wait();
  // Stops listening and serving; returns once the listener has ended.
  void Stop();

  // Every API route served, in registration order.
  const std::vector<Route>& routes() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Starts a server, prints its address on stdout, serves until SIGINT or SIGTERM, then stops.
core::Status Serve(const ServerOptions& options);

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_SERVER_H_
