// ParseCsv and CsvEscape over the shared record parser.
#include <fmt/format.h>

#include <unordered_set>

#include "core/csv_record_parser.h"
#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"

namespace duckweed::core {
namespace internal {

void CheckHeader(const std::vector<CsvField>& header, const std::string& source,
                 DiagnosticSink& sink) {
  std::unordered_set<std::string> seen;
  for (const CsvField& f : header) {
    if (f.text.empty()) {
      sink.Add({source, f.line, f.column, ""}, "expected a column name, found an empty one");
    } else if (!seen.insert(f.text).second) {
      sink.Add({source, f.line, f.column, f.text}, "column name appears more than once");
    }
  }
}

void CheckWidth(const std::vector<CsvField>& row, size_t width, const std::string& source,
                DiagnosticSink& sink) {
  if (row.size() != width) {
    sink.Add({source, row.front().line, 0, ""},
             fmt::format("expected {} fields (as in the header), found {}", width, row.size()));
  }
}

}  // namespace internal

Result<CsvTable> ParseCsv(std::string_view text, std::string source_name,
                          const CsvOptions& options) {
  DiagnosticSink sink(options.max_diagnostics);
  internal::CsvRecordParser parser(text, source_name, options, &sink);
  std::vector<std::vector<CsvField>> records;
  for (std::vector<CsvField> fields; parser.Next(fields);) records.push_back(std::move(fields));
  CsvTable table;
  table.source_ = std::move(source_name);
  if (records.empty()) {
    if (options.has_header)
      sink.Add({table.source_, 1, 1, ""}, "expected a header row, found an empty file");
    if (!sink.empty()) return sink.ToStatus();
    return table;
  }
  size_t first_row = 0;
  if (options.has_header) {
    internal::CheckHeader(records.front(), table.source_, sink);
    for (CsvField& f : records.front()) table.header_.push_back(std::move(f.text));
    first_row = 1;
  } else {
    for (size_t i = 0; i < records.front().size(); ++i)
      table.header_.push_back(std::to_string(i + 1));
  }
  table.rows_.assign(std::make_move_iterator(records.begin() + static_cast<long>(first_row)),
                     std::make_move_iterator(records.end()));
  for (const auto& row : table.rows_) {
    internal::CheckWidth(row, table.header_.size(), table.source_, sink);
  }
  if (!sink.empty()) return sink.ToStatus();
  return table;
}

Result<CsvTable> ReadCsvFile(const std::filesystem::path& path, const CsvOptions& options) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseCsv(text, path.string(), options);
}

std::string CsvEscape(std::string_view field, char delimiter) {
  const std::string cell = NeutraliseCsvCell(field);
  if (cell.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string::npos) {
    return cell;
  }
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace duckweed::core
