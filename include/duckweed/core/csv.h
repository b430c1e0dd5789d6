// CSV reading (RFC 4180, UTF-8) with diagnostics that name file:line:column and the column.
//
// Accepts quoted fields (with "" escapes and embedded newlines), LF, CRLF and CR-only line ends, a
// leading UTF-8 BOM, and a trailing line end or none. A field neutralised against formula injection
// (a leading apostrophe, see NeutraliseCsvCell) is read back without it. Rejects invalid UTF-8, a
// quote inside an unquoted field, an unterminated quote, rows whose field count differs from the
// header, and lines longer than CsvOptions::max_line_bytes. Parsing collects every problem (up to a
// cap) before failing.
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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::core {

namespace internal {
class CsvRecordParser;
}  // namespace internal

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
  friend class CsvReader;
  std::string source_;
  std::vector<std::string> header_;
  std::vector<std::vector<CsvField>> rows_;
};

// Reads CSV one record at a time, for inputs too large to hold as a CsvTable (store imports).
// Same rules and diagnostics as ParseCsv. A file is mapped read-only and the pages already parsed
// are handed back to the system as reading goes on, so memory stays bounded by the longest record,
// not the file's size.
// Thread safety: one reader per thread.
class CsvReader {
 public:
  // Errors: IoError when the file cannot be opened or is a directory.
  static Result<std::unique_ptr<CsvReader>> OpenFile(const std::filesystem::path& path,
                                                     const CsvOptions& options = {});
  // Over `text`, which must outlive the reader; `source_name` appears in diagnostics.
  static std::unique_ptr<CsvReader> FromText(std::string_view text, std::string source_name,
                                             const CsvOptions& options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The header row, read on opening (empty when the file is empty; the problem is in sink()).
  const std::vector<std::string>& header() const { return row_.header_; }
  // Advances to the next data row; false at the end. A row whose field count differs from the
  // header's is reported to sink() and skipped.
  bool Next();
  // The current row as a one-row table (row 0), for CsvTable's typed accessors.
  const CsvTable& row() const { return row_; }
  // Every problem found so far (parse errors, header problems).
  DiagnosticSink& sink() { return sink_; }

 private:
  struct Mapping;
  CsvReader(std::unique_ptr<Mapping> mapping, std::string_view text, std::string source_name,
            const CsvOptions& options);
  void ReleaseParsedPages();

  std::unique_ptr<Mapping> mapping_;
  CsvOptions options_;
  CsvTable row_;
  DiagnosticSink sink_;
  std::unique_ptr<internal::CsvRecordParser> parser_;
  std::vector<CsvField> pending_first_;  // without a header: the first record is data
  size_t released_ = 0;
};

// Parses `text`; `source_name` appears in diagnostics (usually the file path).
Result<CsvTable> ParseCsv(std::string_view text, std::string source_name,
                          const CsvOptions& options = {});
// Reads and parses a file. An unreadable file is an IoError naming the path.
Result<CsvTable> ReadCsvFile(const std::filesystem::path& path, const CsvOptions& options = {});

// A field for writing, as every CSV writer of the project writes cells: first neutralised against
// formula injection (NeutraliseCsvCell), then quoted when it contains the delimiter, a quote, CR
// or LF.
std::string CsvEscape(std::string_view field, char delimiter = ',');

// Formula injection: a spreadsheet executes a cell that starts with '=', '+', '-', '@', tab or CR.
// A text cell that does (after any leading apostrophes) gets one more leading apostrophe, which
// spreadsheets show as text; numbers (-3.5, +2, -Inf) are never changed. ParseCsv removes that
// apostrophe from every field it reads (RestoreCsvCell), so export then import gives back the
// exact text, including text that itself began with apostrophes.
std::string NeutraliseCsvCell(std::string_view text);
// The inverse of NeutraliseCsvCell: RestoreCsvCell(NeutraliseCsvCell(t)) == t for every t.
std::string_view RestoreCsvCell(std::string_view cell);

}  // namespace duckweed::core

#endif  // DUCKWEED_CORE_CSV_H_
