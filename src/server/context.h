// Internal to the server: what every handler shares — the options, the API routes, and a store
// connection per worker thread.
#ifndef DUCKWEED_SERVER_CONTEXT_H_
#define DUCKWEED_SERVER_CONTEXT_H_

#include <httplib.h>

#include <string>
#include <vector>

#include "duckweed/app/peers.h"
#include "duckweed/core/result.h"
#include "duckweed/server/server.h"
#include "duckweed/store/store.h"
#include "server/jobs.h"
#include "server/reply.h"
#include "server/reply_cache.h"

namespace duckweed::server {

struct ServerContext {
  ServerOptions options;
  std::string home;  // the default territory (options.home, else the most observed)
  std::vector<Route> routes;
  httplib::Server http;
  std::unique_ptr<JobQueue> jobs;  // set by AddJobRoutes
  // The places the peers route chooses from, indexed once for all threads (app/peers.h).
  app::PeerIndexCache peer_index;
  // The replies of the read routes added by AddCachedRead, kept while the store is unchanged.
  ReplyCache replies;

  // This thread's connection to the store, opened on first use and kept for the thread's life.
  core::Result<store::Store*> Db();
  // Registers an API route: `path` as OpenAPI writes it ("/api/v1/territories/{id}"); each {x}
  // matches one path segment, handed to the handler as req.matches[1..].
  void Add(const std::string& method, const std::string& path, Handler handler);
  // A GET route whose reply depends only on the request and the store (not on the account, the
  // clock or the jobs): served from `replies` while Store::ChangeCount is unchanged. Its replies
  // carry `X-Duckweed-Cache: hit` or `miss`.
  void AddCachedRead(const std::string& path, Handler handler);
};

// The read routes (health, search, indicators, territories and their evaluation, peers,
// référentiel, transfer; recipes).
void AddReadRoutes(ServerContext& ctx);
// The write routes (observations, initiatives, survey responses: an account's token) and the
// audit (admins).
void AddWriteRoutes(ServerContext& ctx);
// The ecosystem routes (models, SD runs with constants, FCM scenarios): routes_ecosystem.cc.
void AddEcosystemRoutes(ServerContext& ctx);
// Observed adoption of a network and the calibrated forecast: routes_diffusion.cc.
void AddDiffusionRoutes(ServerContext& ctx);
// The job routes (submit, poll, cancel long work) and the job queue they feed.
void AddJobRoutes(ServerContext& ctx);
// Static files of options.static_dir, index.html for the dashboard's own addresses.
void AddStaticFiles(ServerContext& ctx);

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_CONTEXT_H_
