// Reading a QCA dataset from a CSV table: column selection, kind inference and range checks.
#include "duckweed/qca/dataset.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>

namespace duckweed::qca {

namespace {

using core::DiagnosticSink;
using core::Location;

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

bool IsInteger(double v) { return std::floor(v) == v; }

bool IsDontCareText(const std::string& text) {
  std::string t = Trimmed(text);
  return t == "-" || t == "dc";
}

// Reads one numeric column; nullopt entries mark fields already reported to `sink`. With
// `allow_dont_care` (conditions), "-" and "dc" read as kDontCare. A column of text in every row
// (two rows or more) is one error that suggests --case-column or --conditions, not one per row.
std::vector<std::optional<double>> ReadColumn(const core::CsvTable& table, size_t column,
                                              const std::vector<std::string>& case_ids,
                                              DiagnosticSink& sink, bool allow_dont_care) {
  std::vector<std::optional<double>> out(table.row_count());
  std::vector<size_t> bad;
  for (size_t r = 0; r < table.row_count(); ++r) {
    if (allow_dont_care && IsDontCareText(table.text(r, column))) {
      out[r] = kDontCare;
      continue;
    }
    DiagnosticSink local;
    out[r] = table.Real(r, column, local);
    if (out[r] && !std::isfinite(*out[r])) out[r].reset();  // nan/inf: not a membership
    if (!out[r]) bad.push_back(r);
  }
  const std::string& name = table.header()[column];
  if (bad.size() >= 2 && bad.size() == table.row_count()) {
    sink.Add(table.Where(bad.front(), column),
             fmt::format("column '{}' holds text in every row, not set memberships (found '{}'): "
                         "if it names the cases, give --case-column {}; otherwise leave it out "
                         "with --conditions",
                         name, table.text(bad.front(), column), name));
    return out;
  }
  for (size_t r : bad) {
    sink.Add(table.Where(r, column),
             fmt::format("case '{}', column '{}': expected a number (a set membership), found '{}'",
                         case_ids[r], name, table.text(r, column)));
  }
  return out;
}

// Infers the kind of a condition column and checks each value against it.
Condition InferCondition(const core::CsvTable& table, size_t column,
                         const std::vector<std::optional<double>>& values,
                         const std::vector<std::string>& case_ids, int max_levels,
                         DiagnosticSink& sink) {
  Condition c{table.header()[column], SetKind::kCrisp, 2};
  bool all_integer = true;
  double max_value = 0;
  for (const auto& v : values) {
    if (!v) continue;
    if (IsDontCare(*v)) {
      c.dont_care = true;
      continue;
    }
    all_integer = all_integer && IsInteger(*v);
    max_value = std::max(max_value, *v);
  }
  if (all_integer && max_value >= 2) {
    c.kind = SetKind::kMultiValue;
    c.levels = static_cast<int>(std::min<double>(max_value, max_levels)) + 1;
  } else if (!all_integer) {
    c.kind = SetKind::kFuzzy;
  }
  for (size_t r = 0; r < values.size(); ++r) {
    if (!values[r] || IsDontCare(*values[r])) continue;
    double v = *values[r];
    bool bad = false;
    std::string expected;
    if (c.kind == SetKind::kMultiValue) {
      bad = v < 0 || v >= max_levels;
      expected = fmt::format("a multi-value level in 0..{}", max_levels - 1);
    } else {
      bad = v < 0 || v > 1;
      expected = "a membership in [0,1]";
    }
    if (bad) {
      sink.Add(table.Where(r, column),
               fmt::format("case '{}', column '{}': expected {}, found {}", case_ids[r], c.name,
                           expected, table.text(r, column)));
    }
  }
  if (c.dont_care && c.kind == SetKind::kFuzzy) {
    sink.Add({table.source(), 0, 0, c.name},
             fmt::format("column '{}': the '-' placeholder (temporal QCA) needs a crisp or "
                         "multi-value condition, found fuzzy memberships",
                         c.name));
  }
  return c;
}

std::vector<std::string> CaseIds(const core::CsvTable& table, const std::string& case_column) {
  std::vector<std::string> ids(table.row_count());
  auto col = table.ColumnIndex(case_column);
  for (size_t r = 0; r < ids.size(); ++r) {
    ids[r] = col ? Trimmed(table.text(r, *col)) : std::to_string(r + 1);
  }
  return ids;
}

// Two cases of the same name would be counted twice and reported ambiguously (issue 10): refused,
// naming both lines.
core::Status CheckUniqueCaseIds(const core::CsvTable& table, const std::string& case_column,
                                const std::vector<std::string>& ids) {
  auto col = table.ColumnIndex(case_column);
  if (!col) return core::Status::Ok();  // numbered cases
  DiagnosticSink sink;
  std::unordered_map<std::string, size_t> first;
  for (size_t r = 0; r < ids.size(); ++r) {
    if (ids[r].empty()) continue;
    auto [it, added] = first.emplace(ids[r], r);
    if (added) continue;
    sink.Add(table.Where(r, *col),
             fmt::format("duplicate case name '{}': already on line {}; case names must be unique",
                         ids[r], table.row_line(it->second)));
  }
  return sink.empty() ? core::Status::Ok() : sink.ToStatus();
}

}  // namespace

int Dataset::ConditionIndex(const std::string& name) const {
  for (size_t i = 0; i < conditions.size(); ++i) {
    if (conditions[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> SplitNames(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string name = Trimmed(list.substr(start, comma - start));
    if (!name.empty()) out.push_back(name);
    start = comma + 1;
  }
  return out;
}

core::Result<Dataset> DatasetFromCsv(const core::CsvTable& table, const DatasetSpec& spec) {
  DiagnosticSink sink;
  Location file{table.source(), 0, 0, ""};
  if (table.row_count() == 0) {
    return core::Status::InvalidInput("empty data: the table has no cases", file);
  }
  Dataset d;
  d.case_ids = CaseIds(table, spec.case_column);
  DUCKWEED_RETURN_IF_ERROR(CheckUniqueCaseIds(table, spec.case_column, d.case_ids));
  std::string outcome = Trimmed(spec.outcome);
  d.neg_out = !outcome.empty() && outcome[0] == '~';
  d.outcome = Trimmed(d.neg_out ? outcome.substr(1) : outcome);
  if (d.outcome.empty()) return core::Status::InvalidInput("missing outcome: none was named", file);
  auto outcome_col = table.RequireColumn(d.outcome, sink);
  std::vector<std::string> names = spec.conditions;
  if (names.empty()) {
    for (const auto& h : table.header()) {
      if (h != spec.case_column && h != d.outcome) names.push_back(h);
    }
  }
  std::set<std::string> seen;
  std::vector<size_t> columns;
  for (const auto& name : names) {
    if (!seen.insert(name).second) {
      sink.Add({table.source(), 0, 0, name}, fmt::format("condition '{}' is named twice", name));
      continue;
    }
    if (name == d.outcome) {
      sink.Add({table.source(), 0, 0, name},
               fmt::format("'{}' is the outcome and cannot also be a condition", name));
      continue;
    }
    if (auto col = table.RequireColumn(name, sink)) columns.push_back(*col);
  }
  if (names.empty()) sink.Add(file, "expected at least one condition, found none");
  if (!sink.empty()) return sink.ToStatus();

  std::vector<std::vector<std::optional<double>>> raw;
  for (size_t col : columns) {
    raw.push_back(ReadColumn(table, col, d.case_ids, sink, true));
    d.conditions.push_back(
        InferCondition(table, col, raw.back(), d.case_ids, spec.max_levels, sink));
  }
  auto out_raw = ReadColumn(table, *outcome_col, d.case_ids, sink, false);
  for (size_t r = 0; r < out_raw.size(); ++r) {
    if (out_raw[r] && (*out_raw[r] < 0 || *out_raw[r] > 1)) {
      sink.Add(table.Where(r, *outcome_col),
               fmt::format("case '{}', outcome '{}': expected a membership in [0,1], found {}",
                           d.case_ids[r], d.outcome, table.text(r, *outcome_col)));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  d.values.assign(table.row_count(), std::vector<double>(columns.size()));
  d.outcome_values.resize(table.row_count());
  for (size_t r = 0; r < table.row_count(); ++r) {
    for (size_t c = 0; c < columns.size(); ++c) d.values[r][c] = *raw[c][r];
    d.outcome_values[r] = d.neg_out ? 1.0 - *out_raw[r] : *out_raw[r];
  }
  return d;
}

}  // namespace duckweed::qca
