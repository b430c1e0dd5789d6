#include "cli/verbs_observe.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "duckweed/store/json.h"
#include "duckweed/store/store.h"

namespace duckweed::cli {
namespace {

using core::Result;
using core::Status;
using store::Store;

struct Args {
  store::Observation row;
  int64_t if_version = -1;  // -1: not given
};

Result<std::unique_ptr<Store>> OpenStore(const CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  return Store::Open(path);
}

// The territory's id from an id or exact name; the kind checked.
Status Resolve(Store& db, store::Observation& o) {
  if (!store::IsValidObservationKind(o.kind)) {
    return Status::InvalidInput(
        fmt::format("expected --kind result or target, found '{}'", o.kind));
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto found, db.FindTerritory(o.territory_id));
  if (!found) {
    return Status::NotFound(fmt::format(
        "no territory with id or name '{}' (try `duckweed territory search`)", o.territory_id));
  }
  o.territory_id = found->id;
  return Status::Ok();
}

void Print(const CliContext& ctx, const char* verb, const store::Observation& o, int64_t version) {
  if (ctx.json) {
    nlohmann::ordered_json doc = store::ToJson(o);
    doc["version"] = version;
    std::fputs((doc.dump(2) + "\n").c_str(), stdout);
    return;
  }
  std::printf("%s%s %s %d (%s) = %s, version %lld\n", verb, o.territory_id.c_str(),
              o.indicator_id.c_str(), o.year, o.kind.c_str(), fmt::format("{}", o.value).c_str(),
              static_cast<long long>(version));
}

Status Get(const CliContext& ctx, store::Observation o) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_RETURN_IF_ERROR(Resolve(*db, o));
  DUCKWEED_ASSIGN_OR_RETURN(auto found,
                            db->GetObservation(o.territory_id, o.indicator_id, o.year, o.kind));
  if (!found) {
    return Status::NotFound(fmt::format("no observation {} {} {} ({})", o.territory_id,
                                        o.indicator_id, o.year, o.kind));
  }
  Print(ctx, "", found->row, found->version);
  return Status::Ok();
}

Status Set(const CliContext& ctx, const Args& args) {
  store::Observation o = args.row;
  DUCKWEED_ASSIGN_OR_RETURN(auto db, OpenStore(ctx));
  DUCKWEED_RETURN_IF_ERROR(Resolve(*db, o));
  std::optional<int64_t> if_version;
  if (args.if_version >= 0) if_version = args.if_version;
  DUCKWEED_ASSIGN_OR_RETURN(int64_t version, db->SetObservation(o, if_version));
  Print(ctx, "set ", o, version);
  return Status::Ok();
}

// TERRITORY INDICATOR YEAR and --kind, shared by get and set.
void AddKey(CLI::App& cmd, store::Observation& o) {
  cmd.add_option("territory", o.territory_id, "Territory id or exact name")->required();
  cmd.add_option("indicator", o.indicator_id, "Indicator id")->required();
  cmd.add_option("year", o.year, "Year")->required()->check(CLI::Range(1000, 2999));
}

}  // namespace

void RegisterObserveEditVerbs(CLI::App& observe, CliContext& ctx) {
  auto get = std::make_shared<store::Observation>();
  CLI::App* get_cmd =
      observe.add_subcommand("get", "One observation with its version (for `observe set`)");
  get_cmd->fallthrough();
  AddKey(*get_cmd, *get);
  get_cmd->add_option("--kind", get->kind, "result or target")->capture_default_str();
  get_cmd->callback(ctx.Bind([&ctx, get] { return Get(ctx, *get); }));

  auto set = std::make_shared<Args>();
  CLI::App* set_cmd = observe.add_subcommand(
      "set",
      "Write one observation (value, source, note); with --if-version N only while it is still "
      "at version N, else exit 1 with a conflict");
  set_cmd->fallthrough();
  AddKey(*set_cmd, set->row);
  set_cmd->add_option("value", set->row.value, "Value")->required();
  set_cmd->add_option("--kind", set->row.kind, "result or target")->capture_default_str();
  set_cmd->add_option("--source", set->row.source, "Address of the source (replaces the stored)");
  set_cmd->add_option("--note", set->row.note, "Free note (replaces the stored one)");
  set_cmd
      ->add_option("--if-version", set->if_version,
                   "The version read (`observe get`): refuse with a conflict if the observation "
                   "changed since; 0: create only, refuse if it exists")
      ->check(CLI::Range(int64_t{0}, INT64_MAX));
  set_cmd->callback(ctx.Bind([&ctx, set] { return Set(ctx, *set); }));
}

}  // namespace duckweed::cli
