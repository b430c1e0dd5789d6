// `user add|list|revoke` and `audit`: accounts of the server and the record of their writes.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/verbs.h"
#include "duckweed/app/store_access.h"
#include "duckweed/store/accounts.h"

namespace duckweed::cli {
namespace {

using core::Status;
using nlohmann::ordered_json;

struct AddOptions {
  std::string name, role, territory;
};

Status RunAdd(const AddOptions& o, CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, app::OpenStore(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(std::string token,
                            store::AddAccount(*db, {o.name, o.role, o.territory, "", ""}));
  if (ctx.json) {
    ordered_json out = {
        {"name", o.name}, {"role", o.role}, {"territory", o.territory}, {"token", token}};
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("account '%s' (%s%s%s) made; its token, shown this once:\n%s\n", o.name.c_str(),
              o.role.c_str(), o.territory.empty() ? "" : " of ", o.territory.c_str(),
              token.c_str());
  return Status::Ok();
}

Status RunList(CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, app::OpenStore(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto accounts, store::ListAccounts(*db));
  if (ctx.json) {
    ordered_json out = ordered_json::array();
    for (const auto& a : accounts) {
      out.push_back({{"name", a.name},
                     {"role", a.role},
                     {"territory", a.territory_id},
                     {"created_at", a.created_at},
                     {"revoked_at", a.revoked_at}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  std::printf("%-20s %-7s %-14s %-21s %s\n", "name", "role", "territory", "created", "revoked");
  for (const auto& a : accounts) {
    std::printf("%-20s %-7s %-14s %-21s %s\n", a.name.c_str(), a.role.c_str(),
                a.territory_id.empty() ? "-" : a.territory_id.c_str(), a.created_at.c_str(),
                a.revoked_at.empty() ? "-" : a.revoked_at.c_str());
  }
  return Status::Ok();
}

Status RunRevoke(const std::string& name, CliContext& ctx) {
  DUCKWEED_ASSIGN_OR_RETURN(auto db, app::OpenStore(ctx.db_path));
  DUCKWEED_RETURN_IF_ERROR(store::RevokeAccount(*db, name));
  std::printf("account '%s' revoked: its token no longer opens\n", name.c_str());
  return Status::Ok();
}

Status RunAudit(int limit, CliContext& ctx) {
  if (limit < 1) return Status::Usage("audit --limit: expected at least 1");
  DUCKWEED_ASSIGN_OR_RETURN(auto db, app::OpenStore(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto entries, store::ListAudit(*db, limit));
  if (ctx.json) {
    ordered_json out = ordered_json::array();
    for (const auto& e : entries) {
      out.push_back({{"id", e.id},
                     {"at", e.at},
                     {"account", e.account},
                     {"action", e.action},
                     {"territory", e.territory_id},
                     {"detail", ordered_json::parse(e.detail, nullptr, false)}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return Status::Ok();
  }
  for (const auto& e : entries) {
    std::printf("%s  %-16s %-24s %-12s %s\n", e.at.c_str(), e.account.c_str(), e.action.c_str(),
                e.territory_id.c_str(), e.detail.c_str());
  }
  return Status::Ok();
}

}  // namespace

void RegisterUserVerbs(CLI::App& app, CliContext& ctx) {
  CLI::App* user = app.add_subcommand("user", "Accounts of the server: add, list, revoke");
  user->require_subcommand(1);
  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = user->add_subcommand("add", "Make an account; prints its token once");
  cmd->add_option("name", add->name, "Account name")->required();
  cmd->add_option("--role", add->role, "admin, editor or viewer")->required();
  cmd->add_option("--territory", add->territory, "The territory an editor writes for");
  cmd->callback(ctx.Bind([add, &ctx] { return RunAdd(*add, ctx); }));
  CLI::App* list = user->add_subcommand("list", "The accounts, revoked ones too");
  list->callback(ctx.Bind([&ctx] { return RunList(ctx); }));
  auto name = std::make_shared<std::string>();
  CLI::App* revoke = user->add_subcommand("revoke", "Revoke an account's token");
  revoke->add_option("name", *name, "Account name")->required();
  revoke->callback(ctx.Bind([name, &ctx] { return RunRevoke(*name, ctx); }));

  auto limit = std::make_shared<int>(100);
  CLI::App* audit =
      app.add_subcommand("audit", "The latest writes through the server: who, when, what");
  audit->add_option("--limit", *limit, "How many, newest first")->capture_default_str();
  audit->callback(ctx.Bind([limit, &ctx] { return RunAudit(*limit, ctx); }));
}

}  // namespace duckweed::cli
