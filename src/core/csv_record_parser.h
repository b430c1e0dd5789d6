// Internal: the RFC 4180 record parser shared by ParseCsv (whole table) and CsvReader (one
// record at a time). A single pass over the bytes, tracking line and column for diagnostics.
#ifndef DUCKWEED_CORE_CSV_RECORD_PARSER_H_
#define DUCKWEED_CORE_CSV_RECORD_PARSER_H_

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/utf8.h"

namespace duckweed::core::internal {

inline std::string Printable(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7F) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", u);
}

class CsvRecordParser {
 public:
  // `text` must outlive the parser; problems go to `sink`.
  CsvRecordParser(std::string_view text, const std::string& source, const CsvOptions& options,
                  DiagnosticSink* sink)
      : text_(text), source_(source), options_(options), sink_(*sink) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  // The next non-blank record into `fields`, or false at the end of the text. A record longer
  // than options.max_line_bytes is reported and skipped.
  bool Next(std::vector<CsvField>& fields) {
    while (pos_ < text_.size()) {
      const size_t record_start = pos_;
      const int record_line = line_;
      fields = ParseRecord();
      if (pos_ - record_start > options_.max_line_bytes) {
        Error(record_line, 1,
              fmt::format("expected a record of at most {} bytes, found {} bytes",
                          options_.max_line_bytes, pos_ - record_start));
        continue;
      }
      const bool blank = fields.size() == 1 && fields[0].text.empty() && !last_field_quoted_;
      if (!blank) return true;
    }
    return false;
  }

  // Bytes consumed so far.
  size_t position() const { return pos_; }

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
    if (Peek() == '\0') {  // valid UTF-8, but text with a NUL is cut short by C-string consumers
      Error(line_, column_, "expected text, found a NUL byte (0x00)");
      ++pos_;
      ++column_;
      return;
    }
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
    if (!field.text.empty() && field.text.front() == '\'') {
      field.text = std::string(RestoreCsvCell(field.text));
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
  DiagnosticSink& sink_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
  bool last_field_quoted_ = false;
};

// Header problems: empty or repeated column names.
void CheckHeader(const std::vector<CsvField>& header, const std::string& source,
                 DiagnosticSink& sink);
// A row whose field count differs from the header's.
void CheckWidth(const std::vector<CsvField>& row, size_t width, const std::string& source,
                DiagnosticSink& sink);

}  // namespace duckweed::core::internal

#endif  // DUCKWEED_CORE_CSV_RECORD_PARSER_H_
