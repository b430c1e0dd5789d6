// A general table import: any CSV whose rows are territories (a list of signatories, a study's case
// table), mapped column by column onto the store, with provenance.
//
//   duckweed import table FILE --map COLUMN=FIELD,COLUMN=FIELD,... [--network NAME]
//       [--on-unknown fail|skip|create] [--new-id 'com:{organisation_id}'] [--levels NAME=A,B,C]
//
// Fields a column can map to:
//   id                      a territory id (fr:62528); matched by id
//   name, country           matched by name (case-insensitive) within the country (ISO alpha-2)
//   latitude, longitude     when given, a name matches only places within max_km, nearest first
//   population              used for territories the import creates
//   joined                  the date the row joined `network` (YYYY-MM-DD, YYYY-MM or YYYY)
//   coordinator, supporter  the organisation the row joined `network` through (a channel)
//   attr:NAME               a categorical attribute, stored as text (declared levels are checked)
//   num:NAME                a numeric attribute
//   date:NAME               a date attribute (YYYY-MM-DD, YYYY-MM or YYYY)
// Unmapped columns are ignored. A field equal to one of `na` (by default "", "-", "NA") is absent.
//
// Matching, per row: the `id` field when mapped; else name + country (places of kind epci,
// departement and region are not candidates; a GeoNames place recorded as the same place as an
// INSEE commune counts once, as the commune). With coordinates, candidates farther than max_km
// are dropped and the nearest wins; without, several candidates are an error listing them. A row
// matching nothing is, by `on_unknown`: an error (fail), skipped with its reason (skip), or a new
// territory (create) whose id is `new_id` with {COLUMN} replaced by the row's value (an id that
// already exists is matched, so re-importing a file is idempotent).
//
// Stored (one transaction; on any error nothing is written): created territories; one row per
// attribute (territory, name, value, source); for `network`, one membership per row and channel
// (direct, or coordinator/supporter with the organisation's name) with the join date; and one
// source row (file, address, licence, date of import, row count) that every attribute and
// membership points to. Attribute types and declared levels are kept in the store: a later import
// must agree with them.
//
// Errors (all collected, file:line:column with expected vs found): a mapped column missing from the
// header, an unknown field, a field mapped twice, a date that is not a date, a number that is not
// a number, a country that is not two letters, a categorical value outside the declared set, two
// rows resolving to the same territory (both lines), a name matching several places (listed), an
// unknown territory under on_unknown=fail, joined/coordinator/supporter without a network,
// create without new_id.
//
// Complexity: O(rows + territories) with one pass over the place index. Thread safety: as Store.
#ifndef DUCKWEED_STORE_TABLE_IMPORT_H_
#define DUCKWEED_STORE_TABLE_IMPORT_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

enum class OnUnknown { kFail, kSkip, kCreate };

struct TableImportSpec {
  std::vector<std::pair<std::string, std::string>> map;  // (column, field), in the given order
  OnUnknown on_unknown = OnUnknown::kFail;
  // Real tables are noisy: with skip_bad_rows a row holding a bad value (a date that is not a
  // date, "10,2" for a number...) is skipped and reported with its first problem instead of
  // failing the import; with skip_duplicates a row resolving to the territory of an earlier row
  // (a town that signed twice) is skipped and reported ("same territory as line N").
  bool skip_bad_rows = false;
  bool skip_duplicates = false;
  std::string network;  // every row is a member of this network ("" = none)
  std::string new_id;   // template for created territories, e.g. "com:{organisation_id}"
  std::string new_kind = "local-authority";
  std::map<std::string, std::vector<std::string>> levels;  // attribute -> declared values
  std::vector<std::string> na = {"", "-", "NA"};
  double max_km = 25;
  std::string address;  // where the file comes from (URL, citation)
  std::string licence;
};

// "COLUMN=FIELD,COLUMN=FIELD" (pieces may also come from repeated options). Errors: a piece
// without '=', an empty column or field.
core::Result<std::vector<std::pair<std::string, std::string>>> ParseColumnMap(
    const std::vector<std::string>& pieces);
// "NAME=A,B,C" -> {NAME, {A, B, C}}. Errors: no '=', no value, a value listed twice.
core::Result<std::pair<std::string, std::vector<std::string>>> ParseLevels(const std::string& text);
// "fail" | "skip" | "create".
core::Result<OnUnknown> ParseOnUnknown(const std::string& text);

struct SkippedRow {
  int line = 0;
  std::string why;
};

struct TableImportSummary {
  size_t rows = 0;
  size_t matched = 0;
  size_t created = 0;
  std::vector<SkippedRow> skipped;
  size_t attributes = 0;   // attribute values written
  size_t memberships = 0;  // membership rows written
  int64_t source_id = 0;
};

core::Result<TableImportSummary> ImportTable(Store& store, const std::string& file,
                                             const TableImportSpec& spec);

// The memberships and attributes kept for one territory, for `territory show`.
struct NetworkMembership {
  std::string territory_id;
  std::string network;
  std::string joined;   // ISO date, or "" when unknown
  std::string channel;  // direct | coordinator | supporter
  std::string via;      // the coordinator's or supporter's name ("" when direct)
  int64_t source_id = 0;
};
struct AttributeValue {
  std::string territory_id;
  std::string name;
  std::string type;  // category | number | date
  std::string value;
  int64_t source_id = 0;
};
struct SourceRecord {
  int64_t id = 0;
  std::string file, address, licence, imported_at;
  int64_t rows = 0;
};
core::Result<std::vector<NetworkMembership>> ListNetworkMemberships(Store& store,
                                                                    const std::string& territory);
core::Result<std::vector<AttributeValue>> ListAttributes(Store& store,
                                                         const std::string& territory);
core::Result<std::vector<SourceRecord>> ListSources(Store& store);
// Every membership of `network` (all territories, all channels), by territory then channel and via.
core::Result<std::vector<NetworkMembership>> ListMembershipsOfNetwork(Store& store,
                                                                      const std::string& network);
// The ids of the territories that are members of `network` (any channel), in id order.
core::Result<std::vector<std::string>> ListNetworkMembers(Store& store, const std::string& network);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_TABLE_IMPORT_H_
