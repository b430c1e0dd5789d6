// RFC 4180 parser: a single pass over the bytes, tracking line and column for diagnostics.
#include <fmt/format.h>

#include <unordered_set>

#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/core/utf8.h"

namespace duckweed::core {

namespace {

std::string Printable(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", u);
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& source, const CsvOptions& options)
      : text_(text), source_(source), options_(options), sink_(options.max_diagnostics) {}

  std::vector<std::vector<CsvField>> ParseRecords() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    std::vector<std::vector<CsvField>> records;
    while (pos_ < text_.size()) {
      const size_t record_start = pos_;
      const int record_line = line_;
      std::vector<CsvField> fields = ParseRecord();
      if (pos_ - record_start > options_.max_line_bytes) {
        Error(record_line, 1,
              fmt::format("expected a record of at most {} bytes, found {} bytes",
                          options_.max_line_bytes, pos_ - record_start));
        continue;
      }
      const bool blank = fields.size() == 1 && fields[0].text.empty() && !last_field_quoted_;
      if (!blank) records.push_back(std::move(fields));
    }
    return records;
  }

  DiagnosticSink& sink() { return sink_; }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }
  bool AtRecordEnd() const { return AtEnd() || Peek() == '\n' || Peek() == '\r'; }

  void Error(int line, int column, std::string message) {
    sink_.Add(Location{source_, line, column, ""}, std::move(message));
  }

  // Consumes one line end (LF, CRLF or CR) if present.
  void ConsumeLineEnd() {
    if (AtEnd()) return;
    if (Peek() == '\r') {
      ++pos_;
      if (!AtEnd() && Peek() == '\n') ++pos_;
    } else if (Peek() == '\n') {
      ++pos_;
    } else {
      return;
    }
    ++line_;
    column_ = 1;
  }

  // Appends the byte (or whole UTF-8 sequence) at pos_ to `out`, reporting invalid UTF-8.
  void TakeChar(std::string& out) {
    const size_t len = Utf8SequenceLength(text_, pos_);
    if (len == 0) {
      Error(line_, column_,
            fmt::format("expected UTF-8 text, found invalid {}", Printable(Peek())));
      ++pos_;
      ++column_;
      return;
    }
    out.append(text_.substr(pos_, len));
    pos_ += len;
    column_ += static_cast<int>(len);
  }

  std::vector<CsvField> ParseRecord() {
    std::vector<CsvField> fields;
    while (true) {
      fields.push_back(ParseField());
      if (!AtEnd() && Peek() == options_.delimiter) {
        ++pos_;
        ++column_;
        continue;
      }
      ConsumeLineEnd();
      return fields;
    }
  }

  CsvField ParseField() {
    CsvField field{"", line_, column_};
    last_field_quoted_ = !AtEnd() && Peek() == '"';
    if (last_field_quoted_) {
      ParseQuoted(field);
    } else {
      ParseUnquoted(field);
    }
    return field;
  }

  void ParseUnquoted(CsvField& field) {
    while (!AtRecordEnd() && Peek() != options_.delimiter) {
      if (Peek() == '"') {
        Error(line_, column_,
              "expected no quote inside an unquoted field, found '\"' "
              "(quote the whole field and double inner quotes)");
      }
      TakeChar(field.text);
    }
  }

  void ParseQuoted(CsvField& field) {
    ++pos_;
    ++column_;
    while (true) {
      if (AtEnd()) {
        Error(field.line, field.column, "expected a closing quote, found the end of the file");
        return;
      }
      const char c = Peek();
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.text.push_back('"');
          pos_ += 2;
          column_ += 2;
          continue;
        }
        ++pos_;
        ++column_;
        break;
      }
      if (c == '\n' || c == '\r') {
        const size_t before = pos_;
        ConsumeLineEnd();
        field.text.append(text_.substr(before, pos_ - before));
        continue;
      }
      TakeChar(field.text);
    }
    if (!AtRecordEnd() && Peek() != options_.delimiter) {
      Error(line_, column_,
            fmt::format("expected a delimiter or line end after a closing quote, "
                        "found {}",
                        Printable(Peek())));
      std::string ignored;
      while (!AtRecordEnd() && Peek() != options_.delimiter) TakeChar(ignored);
    }
  }

  std::string_view text_;
  const std::string& source_;
  const CsvOptions& options_;
  DiagnosticSink sink_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  bool last_field_quoted_ = false;
};

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

void CheckWidths(const std::vector<std::vector<CsvField>>& rows, size_t width,
                 const std::string& source, DiagnosticSink& sink) {
  for (const auto& row : rows) {
    if (row.size() != width) {
      sink.Add({source, row.front().line, 0, ""},
               fmt::format("expected {} fields (as in the header), found {}", width, row.size()));
    }
  }
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, std::string source_name,
                          const CsvOptions& options) {
  Parser parser(text, source_name, options);
  std::vector<std::vector<CsvField>> records = parser.ParseRecords();
  DiagnosticSink& sink = parser.sink();
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
    CheckHeader(records.front(), table.source_, sink);
    for (CsvField& f : records.front()) table.header_.push_back(std::move(f.text));
    first_row = 1;
  } else {
    for (size_t i = 0; i < records.front().size(); ++i)
      table.header_.push_back(std::to_string(i + 1));
  }
  table.rows_.assign(std::make_move_iterator(records.begin() + static_cast<long>(first_row)),
                     std::make_move_iterator(records.end()));
  CheckWidths(table.rows_, table.header_.size(), table.source_, sink);
  if (!sink.empty()) return sink.ToStatus();
  return table;
}

Result<CsvTable> ReadCsvFile(const std::filesystem::path& path, const CsvOptions& options) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  return ParseCsv(text, path.string(), options);
}

std::string CsvEscape(std::string_view field, char delimiter) {
  if (field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string_view::npos) {
    return std::string(field);
  }
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace duckweed::core
