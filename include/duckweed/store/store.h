// Store: the embedded SQLite database behind duckweed, with a typed repository API.
//
// Opening a store applies the versioned schema migrations (PRAGMA user_version), turns foreign keys
// on, and uses WAL journaling for files (not for ":memory:"). Opening an existing, up-to-date
// database writes nothing to it.
//
// Upsert rules (the same for the API and for imports, so re-importing a file is idempotent):
// - territories, keyed by id: name and kind are replaced; country, population, latitude and
//   longitude are replaced when given and kept when empty; listed parents are added to the
//   memberships (never removed). A parent must exist in the store or in the same batch.
// - indicators, keyed by id: every field is replaced.
// - observations, keyed by (territory, indicator, year, kind): value, source and note replaced.
// - initiatives, keyed by (territory, title): every other field is replaced.
// Every Upsert* call is one transaction: on any failure nothing is written.
//
// Errors: an unopenable path is kIoError naming it; a constraint violation is kInvalidInput.
// Thread safety: one Store per thread (the SQLite connection is not shared).
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

struct sqlite3;

namespace duckweed::store {

// The schema version this build migrates databases to.
inline constexpr int kSchemaVersion = 1;

struct TerritoryFilter {
  std::string kind;     // "" = any
  std::string country;  // "" = any
  int limit = 100;      // <= 0: no limit
};

class Store {
 public:
  // Opens (creating if needed) the database at `path`, or an in-memory one for ":memory:".
  // Does not create parent directories.
  static core::Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const;
  const std::string& path() const { return path_; }

  // Runs `body` in one transaction: commits when it returns ok, rolls back otherwise.
  core::Status InTransaction(const std::function<core::Status()>& body);

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

  // --- initiatives ---
  core::Status UpsertInitiatives(const std::vector<Initiative>& initiatives);
  core::Result<std::vector<Initiative>> ListInitiatives(const std::string& territory_id = "");

  // Row counts per table, for summaries: territories, memberships, indicators, observations,
  // initiatives.
  core::Result<std::vector<std::pair<std::string, int64_t>>> Counts();

  // The raw connection, for this module's bulk importers.
  sqlite3* handle() { return db_; }

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  core::Status Migrate();
  core::Status UpsertTerritoriesNoTxn(const std::vector<Territory>& territories);

  sqlite3* db_;
  std::string path_;
};

// The database path for a command: `flag` when not empty, else $DUCKWEED_DB, else
// $XDG_DATA_HOME/duckweed/duckweed.db (XDG_DATA_HOME defaulting to ~/.local/share). For the
// default location only, the directory is created. Errors: kIoError when it cannot be created.
core::Result<std::string> ResolveDbPath(const std::string& flag);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_STORE_H_
