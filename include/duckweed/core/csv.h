// CSV reading (RFC 4180, UTF-8) with diagnostics that name file:line:column and the column.
//
// Accepts quoted fields (with "" escapes and embedded newlines), LF, CRLF and CR-only line ends, a
// leading UTF-8 BOM, and a trailing line end or none. Rejects invalid UTF-8, a quote inside an
// unquoted field, an unterminated quote, rows whose field count differs from the header, and lines
// longer than CsvOptions::max_line_bytes. Parsing collects every problem (up to a cap) before
// failing.
//
// Typed access: CsvTable's accessors convert one field and, on failure, add a diagnostic naming the
// row's line, the field's column, the column name, what was expected and what was found.
//
// Thread safety: CsvTable is an immutable value after parsing.
// Complexity: linear in the input size.
#ifndef DUCKWEED_CORE_CSV_H_
#define DUCKWEED_CORE_CSV_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::core {

struct CsvOptions {
  char delimiter = ',';
  bool has_header = true;
  size_t max_line_bytes = 1 << 20;  // a longer physical record is an error, not an allocation
  size_t max_diagnostics = 100;
};

struct CsvField {
  std::string text;
  int line = 0;    // 1-based line where the field starts
  int column = 0;  // 1-based byte column where the field starts
};

class CsvTable {
 public:
  const std::string& source() const { return source_; }
  const std::vector<std::string>& header() const { return header_; }
  size_t row_count() const { return rows_.size(); }
  size_t column_count() const { return header_.size(); }

  // Index of the column named `name`, or nullopt.
  std::optional<size_t> ColumnIndex(std::string_view name) const;
  // Like ColumnIndex, but adds "missing column 'name'" to `sink` when absent.
  std::optional<size_t> RequireColumn(std::string_view name, DiagnosticSink& sink) const;

  const CsvField& field(size_t row, size_t column) const { return rows_[row][column]; }
  const std::string& text(size_t row, size_t column) const { return rows_[row][column].text; }
  int row_line(size_t row) const { return rows_[row].empty() ? 0 : rows_[row][0].line; }

  // Typed accessors. An empty field yields nullopt without a diagnostic when `required` is false.
  // A field that does not convert yields nullopt and a diagnostic in `sink`.
  std::optional<double> Real(size_t row, size_t column, DiagnosticSink& sink,
                             bool required = true) const;
  std::optional<int64_t> Integer(size_t row, size_t column, DiagnosticSink& sink,
                                 bool required = true) const;
  // Accepts true/false, yes/no, 1/0 (case-insensitive).
  std::optional<bool> Boolean(size_t row, size_t column, DiagnosticSink& sink,
                              bool required = true) const;
  // A non-empty string when required; "" allowed otherwise.
  std::optional<std::string> String(size_t row, size_t column, DiagnosticSink& sink,
                                    bool required = true) const;

  // Location of a field, for diagnostics raised by callers (e.g. "unknown territory").
  Location Where(size_t row, size_t column) const;

 private:
  friend Result<CsvTable> ParseCsv(std::string_view, std::string, const CsvOptions&);
  std::string source_;
  std::vector<std::string> header_;
  std::vector<std::vector<CsvField>> rows_;
};

// Parses `text`; `source_name` appears in diagnostics (usually the file path).
Result<CsvTable> ParseCsv(std::string_view text, std::string source_name,
                          const CsvOptions& options = {});
// Reads and parses a file. An unreadable file is an IoError naming the path.
Result<CsvTable> ReadCsvFile(const std::filesystem::path& path, const CsvOptions& options = {});

// Quotes a field for writing when it contains the delimiter, a quote, CR or LF.
std::string CsvEscape(std::string_view field, char delimiter = ',');

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_CSV_H_
