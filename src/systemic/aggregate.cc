#include "duckweed/systemic/aggregate.h"

#include <fmt/format.h>

#include <algorithm>

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;

Aggregate AggregateScores(const TwoAdditiveCapacity& capacity, std::span<const double> scores) {
  Aggregate a;
  a.choquet = Choquet(capacity, scores);
  a.standalone_sum = StandaloneSum(capacity, scores);
  a.surplus = SystemicSurplus(capacity, scores);
  a.weighted_sum = WeightedSum(capacity, scores);
  a.balance = a.choquet - a.weighted_sum;
  return a;
}

bool IsLabelColumn(const std::string& name) {
  for (const char* label : {"town", "territory", "name", "id", "year", "label", "commune"}) {
    if (name == label) return true;
  }
  return false;
}

Result<std::vector<AggregateRow>> AggregateCsv(const TwoAdditiveCapacity& capacity,
                                               const core::CsvTable& table) {
  DiagnosticSink sink;
  std::vector<int> column_of(capacity.size(), -1);
  std::vector<size_t> labels;
  for (size_t c = 0; c < table.column_count(); ++c) {
    const std::string& name = table.header()[c];
    const int domain = capacity.IndexOf(name);
    if (domain >= 0) {
      column_of[domain] = static_cast<int>(c);
    } else if (IsLabelColumn(name)) {
      labels.push_back(c);
    } else {
      sink.Add({table.source(), 1, 0, name},
               fmt::format("unknown domain '{}': expected one of the capacity's domains or a "
                           "label column (town, territory, name, id, year, label)",
                           name));
    }
  }
  for (size_t i = 0; i < capacity.size(); ++i) {
    if (column_of[i] < 0) {
      sink.Add(
          {table.source(), 1, 0, capacity.criteria()[i]},
          fmt::format("missing column for domain '{}' of the capacity", capacity.criteria()[i]));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  std::vector<AggregateRow> rows;
  for (size_t r = 0; r < table.row_count(); ++r) {
    AggregateRow row;
    row.line = table.row_line(r);
    for (size_t c : labels) row.label += (row.label.empty() ? "" : " ") + table.text(r, c);
    if (row.label.empty()) row.label = fmt::format("row {}", r + 1);
    std::vector<double> x(capacity.size());
    for (size_t i = 0; i < capacity.size(); ++i) {
      auto value = table.Real(r, column_of[i], sink, /*required=*/false);
      if (!value) {
        if (table.text(r, column_of[i]).empty()) row.missing.push_back(capacity.criteria()[i]);
        continue;
      }
      if (*value < 0 || *value > 1) {
        sink.Add(table.Where(r, column_of[i]),
                 fmt::format("expected a score in [0,1], found {}", *value));
      }
      x[i] = *value;
    }
    if (row.missing.empty()) row.result = AggregateScores(capacity, x);
    rows.push_back(std::move(row));
  }
  if (!sink.empty()) return sink.ToStatus();
  return rows;
}

Result<std::vector<YearAggregate>> AggregateByYear(const TwoAdditiveCapacity& capacity,
                                                   const DomainScores& scores) {
  DiagnosticSink sink;
  for (const auto& domain : capacity.criteria()) {
    if (std::find(scores.domains.begin(), scores.domains.end(), domain) == scores.domains.end()) {
      sink.Add({"", 0, 0, "shapley." + domain},
               fmt::format("unknown domain '{}' in the capacity: expected one of {}", domain,
                           fmt::join(scores.domains, ", ")));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  std::vector<YearAggregate> out;
  for (int year : scores.years) {
    YearAggregate ya{year, std::nullopt, {}};
    std::vector<double> x;
    for (const auto& domain : capacity.criteria()) {
      auto s = scores.At(domain, year);
      if (!s) ya.missing.push_back(domain);
      x.push_back(s.value_or(0));
    }
    if (ya.missing.empty()) ya.result = AggregateScores(capacity, x);
    out.push_back(std::move(ya));
  }
  return out;
}

}  // namespace duckweed::evaluate
