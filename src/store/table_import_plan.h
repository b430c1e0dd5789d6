// Internal to `import table`: which column feeds which field (checked against the header and the
// attribute types and levels already in the store), and typed reading of one row's fields with
// the file's "not available" spellings.
#ifndef DUCKWEED_STORE_TABLE_IMPORT_PLAN_H_
#define DUCKWEED_STORE_TABLE_IMPORT_PLAN_H_

#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/store/table_import.h"

namespace duckweed::store::internal {

enum class AttributeType { kCategory, kNumber, kDate };
const char* AttributeTypeName(AttributeType type);

struct AttributeColumn {
  std::string name;
  AttributeType type = AttributeType::kCategory;
  size_t column = 0;
  std::vector<std::string> levels;  // declared values of a category ("" = open)
};

struct TableColumns {
  std::optional<size_t> id, name, country, latitude, longitude, population;
  std::optional<size_t> joined, coordinator, supporter;
  std::vector<AttributeColumn> attributes;
};

// Errors (all collected): a mapped column missing from the header (the header is listed), an
// unknown field, a field mapped twice, joined/coordinator/supporter without a network, neither id
// nor name mapped, levels for a non-category or for an unmapped attribute, an attribute whose type
// or declared levels differ from the store's, create without --new-id, a {COLUMN} of --new-id
// missing from the header.
core::Result<TableColumns> PlanColumns(Store& store, const core::CsvTable& table,
                                       const TableImportSpec& spec);

class RowReader {
 public:
  RowReader(const core::CsvTable& table, const std::vector<std::string>& na)
      : table_(table), na_(na) {}
  // The trimmed field, or nullopt when it is one of the "not available" spellings.
  std::optional<std::string> Value(size_t row, size_t column) const;
  // A finite number; a diagnostic when the field is present but not a number.
  std::optional<double> Number(size_t row, size_t column, core::DiagnosticSink& sink) const;
  // YYYY-MM-DD, YYYY-MM or YYYY (a real calendar date); a diagnostic otherwise.
  std::optional<std::string> Date(size_t row, size_t column, core::DiagnosticSink& sink) const;
  // `pattern` with each {COLUMN} replaced by the row's field.
  std::string Expand(size_t row, const std::string& pattern) const;

 private:
  const core::CsvTable& table_;
  const std::vector<std::string>& na_;
};

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_TABLE_IMPORT_PLAN_H_
