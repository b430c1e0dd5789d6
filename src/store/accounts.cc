// Accounts, audit and survey responses (accounts.h).
#include "duckweed/store/accounts.h"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <fstream>

#include "duckweed/core/utc_time.h"
#include "store/sql.h"

namespace duckweed::store {

using core::Result;
using core::Status;
using core::UtcNow;
using internal::Statement;

namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

Result<std::string> NewToken() {
  unsigned char bytes[32];
  std::ifstream random("/dev/urandom", std::ios::binary);
  if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes)) {
    return Status::IoError("cannot read /dev/urandom for a new token");
  }
  return "dw_" + Hex(bytes, sizeof bytes);
}

constexpr const char* kAccountColumns = "name, role, territory_id, created_at, revoked_at";

Account ReadAccount(const Statement& s) {
  return Account{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4)};
}

Result<std::optional<Account>> FindAccount(Store& store, const std::string& column,
                                           std::string_view value) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(), fmt::format("SELECT {} FROM account WHERE {} = ?",
                                                     kAccountColumns, column)));
  stmt.Bind(1, value);
  DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Account>();
  return std::optional<Account>(ReadAccount(stmt));
}

}  // namespace

bool IsValidRole(std::string_view role) {
  return role == "admin" || role == "editor" || role == "viewer";
}

std::string TokenHash(std::string_view token) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
  return Hex(digest, sizeof digest);
}

Result<std::string> AddAccount(Store& store, const Account& account) {
  if (account.name.empty() || account.name.size() > 100) {
    return Status::InvalidInput("an account name has 1 to 100 characters", {"", 0, 0, "name"});
  }
  if (!IsValidRole(account.role)) {
    return Status::InvalidInput(
        fmt::format("expected a role admin, editor or viewer, found '{}'", account.role),
        {"", 0, 0, "role"});
  }
  if (account.role == "editor" && account.territory_id.empty()) {
    return Status::InvalidInput("an editor writes for one territory: give --territory ID",
                                {"", 0, 0, "territory"});
  }
  DUCKWEED_ASSIGN_OR_RETURN(std::string token, NewToken());
  DUCKWEED_RETURN_IF_ERROR(store.InTransaction([&]() -> Status {
    if (!account.territory_id.empty()) {
      DUCKWEED_ASSIGN_OR_RETURN(bool exists, store.TerritoryExists(account.territory_id));
      if (!exists) {
        return Status::InvalidInput(
            fmt::format("no territory '{}' in {}", account.territory_id, store.path()),
            {"", 0, 0, "territory"});
      }
    }
    DUCKWEED_ASSIGN_OR_RETURN(auto taken, FindAccount(store, "name", account.name));
    if (taken) {
      return Status::Conflict(fmt::format("an account '{}' exists already", account.name));
    }
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement stmt,
        Statement::Prepare(store.handle(),
                           "INSERT INTO account (name, role, territory_id, token_hash, "
                           "created_at, revoked_at) VALUES (?, ?, ?, ?, ?, '')"));
    stmt.Bind(1, account.name);
    stmt.Bind(2, account.role);
    stmt.Bind(3, account.territory_id);
    stmt.Bind(4, TokenHash(token));
    stmt.Bind(5, UtcNow());
    return stmt.Run();
  }));
  return token;
}

Result<std::vector<Account>> ListAccounts(Store& store) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(),
                         fmt::format("SELECT {} FROM account ORDER BY name", kAccountColumns)));
  std::vector<Account> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(ReadAccount(stmt));
  }
  return out;
}

Status RevokeAccount(Store& store, const std::string& name) {
  return store.InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(auto found, FindAccount(store, "name", name));
    if (!found) return Status::NotFound(fmt::format("no account '{}'", name));
    if (!found->revoked_at.empty()) return Status::Ok();
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement stmt,
        Statement::Prepare(store.handle(), "UPDATE account SET revoked_at = ? WHERE name = ?"));
    stmt.Bind(1, UtcNow());
    stmt.Bind(2, name);
    return stmt.Run();
  });
}

Result<std::optional<Account>> AccountForToken(Store& store, std::string_view token) {
  return FindAccount(store, "token_hash", TokenHash(token));
}

Status AppendAudit(Store& store, AuditEntry entry) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(),
                         "INSERT INTO audit (at, account, action, territory_id, detail) "
                         "VALUES (?, ?, ?, ?, ?)"));
  stmt.Bind(1, entry.at.empty() ? UtcNow() : entry.at);
  stmt.Bind(2, entry.account);
  stmt.Bind(3, entry.action);
  stmt.Bind(4, entry.territory_id);
  stmt.Bind(5, entry.detail);
  return stmt.Run();
}

Result<std::vector<AuditEntry>> ListAudit(Store& store, int limit) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(),
                         "SELECT id, at, account, action, territory_id, detail FROM audit "
                         "ORDER BY id DESC LIMIT ?"));
  stmt.Bind(1, static_cast<int64_t>(limit));
  std::vector<AuditEntry> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(
        {stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4), stmt.Text(5)});
  }
  return out;
}

Status UpsertSurveyResponses(Store& store, const std::vector<SurveyResponse>& responses) {
  return store.InTransaction([&]() -> Status {
    DUCKWEED_ASSIGN_OR_RETURN(
        Statement stmt,
        Statement::Prepare(store.handle(),
                           "INSERT INTO survey_response (territory_id, respondent_group, year, "
                           "item, respondent, answer) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (territory_id, respondent_group, year, item, respondent) "
                           "DO UPDATE SET answer = excluded.answer"));
    for (const auto& r : responses) {
      DUCKWEED_ASSIGN_OR_RETURN(bool exists, store.TerritoryExists(r.territory_id));
      if (!exists) {
        return Status::InvalidInput(fmt::format("no territory '{}'", r.territory_id),
                                    {"", 0, 0, "territory"});
      }
      stmt.Bind(1, r.territory_id);
      stmt.Bind(2, r.group);
      stmt.Bind(3, static_cast<int64_t>(r.year));
      stmt.Bind(4, r.item);
      stmt.Bind(5, r.respondent);
      stmt.Bind(6, r.answer);
      DUCKWEED_RETURN_IF_ERROR(stmt.Run());
    }
    return Status::Ok();
  });
}

Result<std::vector<SurveyResponse>> ListSurveyResponses(Store& store,
                                                        const std::string& territory_id) {
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(),
                         "SELECT territory_id, respondent_group, year, item, answer, respondent "
                         "FROM survey_response WHERE territory_id = ? "
                         "ORDER BY respondent_group, year, item, respondent"));
  stmt.Bind(1, territory_id);
  std::vector<SurveyResponse> out;
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Text(0), stmt.Text(1), static_cast<int>(stmt.Int(2)), stmt.Text(3),
                   stmt.Real(4), stmt.Text(5)});
  }
  return out;
}

}  // namespace duckweed::store
