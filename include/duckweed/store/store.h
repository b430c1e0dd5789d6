// Store: the database behind duckweed, with a typed repository API. Two backends, chosen by the
// address: SQLite (embedded, the default: a file path, "sqlite:FILE" or ":memory:") and
// PostgreSQL ("postgresql://user@host:port/db?..." through libpq, for a shared deployment).
//
// Opening a store applies the versioned schema migrations (SQLite: PRAGMA user_version;
// PostgreSQL: a schema_version table, migrations serialised by an advisory lock). SQLite turns
// foreign keys on and uses WAL journaling for files (not for ":memory:"). Opening an existing,
// up-to-date database writes nothing to it. Both backends hold the same rows and return them in
// the same order (PostgreSQL text columns use the byte order of COLLATE "C", like SQLite).
//
// Upsert rules (the same for the API and for imports, so re-importing a file is idempotent):
// - territories, keyed by id: name and kind are replaced; country, population, latitude and
//   longitude are replaced when given and kept when empty; the listed parents replace the
//   territory's memberships (an empty list removes them) unless Territory::keep_parents is set
//   (an import file without a parents column or key). A parent must exist in the store or in the
//   same batch. Imports (exchange.h) also refuse self-parents and parent cycles (FindParentCycle).
// - indicators, keyed by id: every field is replaced.
// - observations, keyed by (territory, indicator, year, kind): value, source and note replaced.
// - initiatives, keyed by (territory, title): every other field is replaced.
// Every Upsert* call is one transaction: on any failure nothing is written.
//
// Versions (no lost update): every observation and initiative row carries a version, 1 when first
// written and one more on every write of it (upserts and imports included). Set* takes the version
// the caller read and refuses with kConflict when the row changed since, so two editors changing
// the same row cannot silently overwrite each other. On PostgreSQL writes run at READ COMMITTED:
// the conditional UPDATE ... WHERE version = N of a second editor waits for the first to commit,
// re-reads the row, finds the version moved and changes nothing (the conflict); imports are one
// transaction each. On SQLite a write transaction (BEGIN IMMEDIATE) holds the database's write
// lock, so writers are serialised and the same check applies.
//
// Errors: an unopenable path or unreachable server is kIoError naming the address (never its
// password); a constraint violation is kInvalidInput, worded alike on both backends.
// Lock contention (SQLite): a writer waits for another writer's lock up to
// $DUCKWEED_BUSY_TIMEOUT_MS (default 5000 ms), then fails with kIoError saying the database is
// busy, how long it waited and to retry. Migrations run under the write lock, so several processes
// opening a new database at once all succeed and the schema is created once.
// Thread safety: one Store per thread (the connection is not shared).
#ifndef DUCKWEED_STORE_STORE_H_
#define DUCKWEED_STORE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"
#include "duckweed/store/entities.h"

namespace duckweed::store::internal {
class Connection;
}  // namespace duckweed::store::internal

namespace duckweed::store {

// The schema version this build migrates databases to.
inline constexpr int kSchemaVersion = 6;

struct TerritoryFilter {
  std::string kind;     // "" = any
  std::string country;  // "" = any
  int limit = 100;      // <= 0: no limit
};

class Store {
 public:
  // Opens (creating if needed) the database at `address`: a SQLite file path, "sqlite:FILE",
  // ":memory:", or a postgresql:// URI (the database must exist; its tables are created).
  // Does not create parent directories.
  static core::Result<std::unique_ptr<Store>> Open(const std::string& address);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;
  // The address as opened, without any password.
  const std::string& path() const { return path_; }
  // "sqlite" or "postgresql".
  const char* backend_name() const;

  // Storage and referential integrity (SQLite: integrity_check and foreign_key_check;
  // PostgreSQL: every table readable). kIoError saying what is wrong.
  core::Status CheckIntegrity();

  // Runs `body` in one transaction: commits when it returns ok, rolls back otherwise. Nested
  // calls join the outermost transaction, so several upserts can form one all-or-nothing write
  // (an inner failure fails the whole).
  core::Status InTransaction(const std::function<core::Status()>& body);
  // Runs `body`'s reads on one consistent snapshot (SQLite: a deferred transaction; PostgreSQL:
  // REPEATABLE READ, READ ONLY). Inside InTransaction it just runs `body`.
  core::Status InSnapshot(const std::function<core::Status()>& body);

  // --- territories ---
  core::Status UpsertTerritories(const std::vector<Territory>& territories);
  core::Result<std::optional<Territory>> GetTerritory(const std::string& id);
  // Exact id, else exact name (case-insensitive; the most populous when several match).
  core::Result<std::optional<Territory>> FindTerritory(const std::string& id_or_name);
  core::Result<std::vector<Territory>> ListTerritories(const TerritoryFilter& filter);
  // Names containing `text` (case-insensitive for ASCII), most populous first.
  core::Result<std::vector<Territory>> SearchTerritories(const std::string& text, int limit);
  // The territories `id` belongs to, transitively (EPCI, département, région), nearest first.
  core::Result<std::vector<Territory>> Ancestors(const std::string& id);
  // The `k` nearest territories of the same kind that have coordinates. Complexity: a bounding
  // box query widened until k are found, O(candidates log candidates).
  core::Result<std::vector<Neighbour>> NearestNeighbours(const std::string& id, int k);
  core::Result<bool> TerritoryExists(const std::string& id);
  // How many write transactions were ever committed to this store, by any process: one more at
  // every successful InTransaction (every Upsert*, Set*, import, account or recipe write). Equal
  // counts mean nothing was written in between, so caches of reads (app::PeerIndexCache, the
  // server's replies) compare it to know when to drop what they hold. A rolled-back write does
  // not count. Complexity: one single-row read.
  core::Result<int64_t> ChangeCount();
  // A membership cycle through any of `ids`, as the path a, b, ..., a (following parents), or an
  // empty vector when there is none. Complexity: O(territories and memberships reached).
  core::Result<std::vector<std::string>> FindParentCycle(const std::vector<std::string>& ids);

  // --- indicators ---
  core::Status UpsertIndicators(const std::vector<Indicator>& indicators);
  core::Result<std::optional<Indicator>> GetIndicator(const std::string& id);
  core::Result<std::vector<Indicator>> ListIndicators();
  core::Result<bool> IndicatorExists(const std::string& id);

  // --- observations ---
  core::Status UpsertObservations(const std::vector<Observation>& observations);
  // All observations, or those of one territory when `territory_id` is not empty; ordered by
  // territory, indicator, year, kind.
  core::Result<std::vector<Observation>> ListObservations(const std::string& territory_id = "");

  // One observation with its version, or nothing when there is no such row.
  core::Result<std::optional<Versioned<Observation>>> GetObservation(
      const std::string& territory_id, const std::string& indicator_id, int year,
      const std::string& kind);
  // Writes `o`'s value, source and note in one transaction and returns the row's new version.
  // `if_version`: empty writes whatever the stored version (creating the row when missing);
  // 0 only creates (kConflict when the row exists); N > 0 only changes the row while its version
  // is still N: kConflict naming the version read and the version found when it changed since,
  // kNotFound when the row does not exist. An unknown territory or indicator is kInvalidInput,
  // worded as UpsertObservations words it. On any failure nothing is written.
  core::Result<int64_t> SetObservation(const Observation& o,
                                       std::optional<int64_t> if_version = std::nullopt);

  // --- initiatives ---
  core::Status UpsertInitiatives(const std::vector<Initiative>& initiatives);
  core::Result<std::vector<Initiative>> ListInitiatives(const std::string& territory_id = "");
  // One initiative, keyed by (territory, title), with its version; nothing when absent.
  core::Result<std::optional<Versioned<Initiative>>> GetInitiative(const std::string& territory_id,
                                                                   const std::string& title);
  // Writes every field of `i` but its key; `if_version` and the outcomes as SetObservation.
  core::Result<int64_t> SetInitiative(const Initiative& i,
                                      std::optional<int64_t> if_version = std::nullopt);

  // Row counts per table, for summaries: territories, memberships, indicators, observations,
  // initiatives.
  core::Result<std::vector<std::pair<std::string, int64_t>>> Counts();

  // The connection, for this module's bulk importers (store/sql.h).
  internal::Connection* handle() { return db_; }

 private:
  Store(std::unique_ptr<internal::Connection> connection, std::string path);
  core::Status Migrate();
  core::Status RunInTransaction(bool read_only, const std::function<core::Status()>& body);
  core::Status UpsertTerritoriesNoTxn(const std::vector<Territory>& territories);

  std::unique_ptr<internal::Connection> connection_;
  internal::Connection* db_;  // connection_.get()
  std::string path_;
  int transaction_depth_ = 0;
  bool counts_changes_ = false;  // the schema has the write counter (after the migrations)
};

// The database address for a command: `flag` when not empty, else $DUCKWEED_DB, else
// $XDG_DATA_HOME/duckweed/duckweed.db (XDG_DATA_HOME defaulting to ~/.local/share). For the
// default location only, the directory is created. Errors: kIoError when it cannot be created.
core::Result<std::string> ResolveDbPath(const std::string& flag);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_STORE_H_
