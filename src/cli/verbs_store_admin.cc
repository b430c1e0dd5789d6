#include "cli/verbs_store_admin.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "duckweed/core/progress.h"
#include "duckweed/store/copy.h"
#include "duckweed/store/exchange.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using Json = nlohmann::ordered_json;

Result<std::unique_ptr<store::Store>> OpenStore(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string address, store::ResolveDbPath(ctx.db_path));
  return store::Store::Open(address);
}

Result<store::Format> FormatOf(const CliContext& ctx, const std::string& name) {
  if (name.empty()) return ctx.json ? store::Format::kJson : store::Format::kCsv;
  return store::ParseFormat(name);
}

void PrintJson(const Json& doc) { std::fputs((doc.dump(2) + "\n").c_str(), stdout); }

Status Migrate(const CliContext& ctx, const std::string& from_address,
               const std::string& to_address) {
  DUCKWEED_ASSIGN_OR_RETURN(auto from, store::Store::Open(from_address));
  DUCKWEED_ASSIGN_OR_RETURN(auto to, store::Store::Open(to_address));
  DUCKWEED_ASSIGN_OR_RETURN(auto copies, store::CopyStore(*from, *to));
  if (ctx.json) {
    Json doc = {{"from", from->path()}, {"to", to->path()}, {"tables", Json::array()}};
    for (const auto& c : copies) {
      doc["tables"].push_back(
          {{"table", c.table}, {"source", c.source_rows}, {"destination", c.destination_rows}});
    }
    PrintJson(doc);
    return Status::Ok();
  }
  std::printf("copied %s (%s) to %s (%s); row counts checked on both sides\n", from->path().c_str(),
              from->backend_name(), to->path().c_str(), to->backend_name());
  std::printf("  %-12s %12s %12s\n", "table", "source", "destination");
  for (const auto& c : copies) {
    std::printf("  %-12s %12lld %12lld\n", c.table.c_str(), static_cast<long long>(c.source_rows),
                static_cast<long long>(c.destination_rows));
  }
  return Status::Ok();
}

Status Check(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_RETURN_IF_ERROR(db->CheckIntegrity());
  DUCKWEED_ASSIGN_OR_RETURN(auto counts, db->Counts());
  if (ctx.json) {
    Json doc = {{"db", db->path()}, {"backend", db->backend_name()}, {"integrity", "ok"}};
    for (const auto& [name, n] : counts) doc["counts"][name] = n;
    PrintJson(doc);
    return Status::Ok();
  }
  std::printf("database %s (%s): integrity ok\n", db->path().c_str(), db->backend_name());
  for (const auto& [name, n] : counts) std::printf("  %-13s %lld\n", name.c_str(), (long long)n);
  return Status::Ok();
}

}  // namespace

Status ImportAllVerb(const CliContext& ctx, const std::string& dir,
                     const std::string& format_name) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Format format, FormatOf(ctx, format_name));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  auto progress = std::make_optional<core::Progress>("importing " + dir, 0);
  auto imported = store::ImportAll(*db, dir, format, &*progress);
  progress.reset();  // the line ends before the summary
  DUCKWEED_ASSIGN_OR_RETURN(auto imports, std::move(imported));
  if (ctx.json) {
    Json doc = {{"dir", dir}, {"files", Json::array()}};
    for (const auto& i : imports) {
      doc["files"].push_back({{"entity", i.name}, {"file", i.file.string()}, {"rows", i.rows}});
    }
    PrintJson(doc);
    return Status::Ok();
  }
  for (const auto& i : imports) {
    std::printf("imported %zu %s from %s\n", i.rows, i.name.c_str(), i.file.string().c_str());
  }
  return Status::Ok();
}

Status ExportAllVerb(const CliContext& ctx, const std::string& dir,
                     const std::string& format_name) {
  DUCKWEED_ASSIGN_OR_RETURN(store::Format format, FormatOf(ctx, format_name));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_ASSIGN_OR_RETURN(auto files, store::ExportAll(*db, dir, format));
  if (ctx.json) {
    Json doc = {{"dir", dir}, {"files", Json::array()}};
    for (const auto& f : files) doc["files"].push_back(f.string());
    PrintJson(doc);
    return Status::Ok();
  }
  for (const auto& f : files) std::printf("wrote %s\n", f.string().c_str());
  return Status::Ok();
}

void RegisterStoreAdminVerbs(CLI::App& app, CliContext& ctx) {
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  CLI::App* migrate = app.add_subcommand(
      "migrate", "Copy a whole store to another database (e.g. SQLite to PostgreSQL)");
  migrate->fallthrough();
  migrate->add_option("--from", *from, "Source: FILE, sqlite:FILE or postgresql://...")->required();
  migrate->add_option("--to", *to, "Destination (empty): FILE, sqlite:FILE or postgresql://...")
      ->required();
  migrate->callback(ctx.Bind([&ctx, from, to] { return Migrate(ctx, *from, *to); }));

  CLI::App* check = app.add_subcommand("check", "Check the database's integrity");
  check->fallthrough();
  check->callback(ctx.Bind([&ctx] { return Check(ctx); }));
}

}  // namespace duckweed::cli
