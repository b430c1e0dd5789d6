// Accounts, their roles and tokens, the audit of writes, and survey responses (schema 3).
//
// An account has a name, a role (admin: every write and the audit; editor: writes of its own
// territory only; viewer: reads only, like everyone) and a token. The token is shown once, when
// the account is made; the store keeps only its SHA-256 (hex), so a stolen database gives no
// token. A revoked account keeps its row (the audit names it) but its token no longer opens.
//
// Errors: kInvalidInput for a bad role or name, an editor without a territory or with one the
// store does not have; kConflict for a name already taken; kNotFound for an unknown account.
// Thread safety: as the Store (one thread per store).
#ifndef DUCKWEED_STORE_ACCOUNTS_H_
#define DUCKWEED_STORE_ACCOUNTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

struct Account {
  std::string name;
  std::string role;          // admin | editor | viewer
  std::string territory_id;  // editors: the territory they may write; else ""
  std::string created_at;    // UTC, ISO 8601
  std::string revoked_at;    // "" while active
};

// One recorded write: who, when, what (an action such as "observation.upsert" and the written
// record as JSON text).
struct AuditEntry {
  int64_t id = 0;
  std::string at;  // UTC, ISO 8601
  std::string account;
  std::string action;
  std::string territory_id;
  std::string detail;
};

// One answer of a survey of postures (systemic/postures.h reads the same columns).
struct SurveyResponse {
  std::string territory_id;
  std::string group;  // residents, employees, officials, ...
  int year = 0;
  std::string item;
  double answer = 0;
  std::string respondent;  // "" when anonymous
};

bool IsValidRole(std::string_view role);  // admin, editor, viewer
// SHA-256 of `token`, lower-case hex (64 characters).
std::string TokenHash(std::string_view token);

// Makes the account and returns its new token ("dw_" + 64 hex digits from the system's random
// source). `account.created_at` and `revoked_at` are ignored.
core::Result<std::string> AddAccount(Store& store, const Account& account);
// Every account, by name.
core::Result<std::vector<Account>> ListAccounts(Store& store);
// Marks the account revoked (now). Revoking a revoked account is a no-op. NotFound when unknown.
core::Status RevokeAccount(Store& store, const std::string& name);
// The account whose token this is (revoked ones too: check revoked_at), or nullopt.
core::Result<std::optional<Account>> AccountForToken(Store& store, std::string_view token);

// Records a write; `entry.id` and, when empty, `entry.at` are assigned. Call inside the write's
// transaction (Store::InTransaction) so that the write and its record commit together.
core::Status AppendAudit(Store& store, AuditEntry entry);
// The latest `limit` entries, newest first.
core::Result<std::vector<AuditEntry>> ListAudit(Store& store, int limit = 100);

// Inserts or replaces answers, keyed by (territory, group, year, item, respondent); one
// transaction. Errors: kInvalidInput for an unknown territory.
core::Status UpsertSurveyResponses(Store& store, const std::vector<SurveyResponse>& responses);
core::Result<std::vector<SurveyResponse>> ListSurveyResponses(Store& store,
                                                              const std::string& territory_id);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_ACCOUNTS_H_
