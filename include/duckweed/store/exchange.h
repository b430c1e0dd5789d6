// Import and export of the store's entities as CSV (RFC 4180, UTF-8, header row) or JSON (an
// array of objects with the same keys; empty optional values are null).
//
// Columns / keys per entity (required ones marked *):
//   territories:  id*, name*, kind*, country, population, latitude, longitude, parents
//                 (parents: CSV '|'-separated ids, JSON an array; when the column or key is
//                 present it replaces the stored memberships, see store.h)
//   indicators:   id*, name*, unit, domain, direction (higher|lower), description, source, formula
//   observations: territory*, indicator*, year*, kind (result|target, default result), value*,
//                 source, note
//   initiatives:  territory*, title*, domain, start_year, end_year, involvement* (inform|consult|
//                 co-produce|citizen-led), participants, budget, status (planned|ongoing|
//                 completed|stopped), source
//
// An import streams the file's records into one transaction: every problem (types, vocabularies,
// duplicate keys within the file, unknown columns, territories or indicators that exist neither in
// the store nor in the file, parent cycles) is reported with file:line:column (CSV) or the JSON
// path, and then the transaction is rolled back: nothing is written. A clean file is committed with
// the upsert rules of store.h, so re-importing it changes nothing. Export then import into an
// empty store (holding the referenced territories and indicators) reproduces every field exactly
// (CSV cells neutralised against formula injection are restored on reading, see core/csv.h).
// Memory: a CSV file is read record by record (core::CsvReader) and written in batches, so it
// does not grow with the number of rows (territories, few, are held until the end to check
// parents); a JSON file is parsed whole.
#ifndef DUCKWEED_STORE_EXCHANGE_H_
#define DUCKWEED_STORE_EXCHANGE_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/progress.h"
#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

enum class Entity { kTerritories, kIndicators, kObservations, kInitiatives };
enum class Format { kCsv, kJson };

// "territories", "indicators", "observations", "initiatives" (singular accepted).
core::Result<Entity> ParseEntity(std::string_view name);
std::string_view EntityName(Entity entity);
core::Result<Format> ParseFormat(std::string_view name);  // "csv" or "json"
// JSON for a .json extension, CSV otherwise.
Format FormatForPath(const std::filesystem::path& path);

struct ImportSummary {
  size_t rows = 0;
};

// Imports `text` (named `source` in diagnostics).
core::Result<ImportSummary> ImportText(Store& store, Entity entity, std::string_view text,
                                       const std::string& source, Format format);
// Imports a file; the format follows the extension unless given.
// `progress` (not owned; nullptr: none) advances once per record read.
core::Result<ImportSummary> ImportFile(Store& store, Entity entity,
                                       const std::filesystem::path& path,
                                       std::optional<Format> format = std::nullopt,
                                       core::Progress* progress = nullptr);

// Every row of `entity`, in key order.
core::Result<std::string> ExportText(Store& store, Entity entity, Format format);

// --- a whole store, one file per entity (territories, indicators, observations, initiatives) ---
// Same-place links of `places import` are not exported: re-run the place import to rebuild them.

// Writes DIR/<entity>.csv (or .json) for the four entities, each atomically, and DIR/recipes.json
// (always JSON: recipes are nested, see recipes.h) when the store holds recipes; creates DIR
// itself (not its parents). Returns the files written, in order.
core::Result<std::vector<std::filesystem::path>> ExportAll(Store& store,
                                                           const std::filesystem::path& dir,
                                                           Format format);

struct EntityImport {
  Entity entity;
  std::filesystem::path file;
  size_t rows = 0;
  std::string name;  // the entity's name, or "recipes" for recipes.json (then `entity` is unused)
};

// Imports the entity files found in DIR (<entity>.csv, or .json with kJson), in dependency order,
// in ONE transaction, then DIR/recipes.json when present (replacing recipes of the same name):
// every file is checked as ImportFile does and, on any problem, nothing is written. Importing
// ExportAll's folder into an empty store and exporting again gives byte-identical files. Errors:
// kNotFound when DIR holds none of the four files.
core::Result<std::vector<EntityImport>> ImportAll(Store& store, const std::filesystem::path& dir,
                                                  Format format,
                                                  core::Progress* progress = nullptr);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_EXCHANGE_H_
