// Typed access to parsed CSV fields, with diagnostics naming line, column and column name.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "duckweed/core/csv.h"

namespace duckweed::core {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Shown(std::string_view s) {
  constexpr size_t kMax = 40;
  if (s.size() <= kMax) return fmt::format("'{}'", s);
  return fmt::format("'{}…' ({} bytes)", s.substr(0, kMax), s.size());
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<size_t> CsvTable::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

std::optional<size_t> CsvTable::RequireColumn(std::string_view name, DiagnosticSink& sink) const {
  auto index = ColumnIndex(name);
  if (!index) {
    sink.Add({source_, 1, 0, std::string(name)},
             fmt::format("expected a column named '{}' in the header, found none", name));
  }
  return index;
}

Location CsvTable::Where(size_t row, size_t column) const {
  const CsvField& f = rows_[row][column];
  return Location{source_, f.line, f.column, header_[column]};
}

std::optional<double> CsvTable::Real(size_t row, size_t column, DiagnosticSink& sink,
                                     bool required) const {
  std::string_view s = Trim(text(row, column));
  if (s.empty()) {
    if (required) sink.Add(Where(row, column), "expected a number, found an empty field");
    return std::nullopt;
  }
  if (s.front() == '+') s.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) {
    sink.Add(Where(row, column),
             fmt::format("expected a number, found {}", Shown(text(row, column))));
    return std::nullopt;
  }
  if (!std::isfinite(value)) {  // number.h: non-finite inputs are refused where they are
    sink.Add(Where(row, column),
             fmt::format("expected a finite number, found {}", Shown(text(row, column))));
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> CsvTable::Integer(size_t row, size_t column, DiagnosticSink& sink,
                                         bool required) const {
  std::string_view s = Trim(text(row, column));
  if (s.empty()) {
    if (required) sink.Add(Where(row, column), "expected an integer, found an empty field");
    return std::nullopt;
  }
  if (s.front() == '+') s.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) {
    sink.Add(Where(row, column),
             fmt::format("expected an integer, found {}", Shown(text(row, column))));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> CsvTable::Boolean(size_t row, size_t column, DiagnosticSink& sink,
                                      bool required) const {
  const std::string s = Lower(Trim(text(row, column)));
  if (s.empty()) {
    if (required) sink.Add(Where(row, column), "expected true/false, found an empty field");
    return std::nullopt;
  }
  if (s == "true" || s == "yes" || s == "1") return true;
  if (s == "false" || s == "no" || s == "0") return false;
  sink.Add(Where(row, column),
           fmt::format("expected true/false, yes/no or 1/0, found {}", Shown(text(row, column))));
  return std::nullopt;
}

std::optional<std::string> CsvTable::String(size_t row, size_t column, DiagnosticSink& sink,
                                            bool required) const {
  const std::string& s = text(row, column);
  if (required && Trim(s).empty()) {
    sink.Add(Where(row, column), "expected a value, found an empty field");
    return std::nullopt;
  }
  return s;
}

}  // namespace duckweed::core
