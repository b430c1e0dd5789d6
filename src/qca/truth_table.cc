// Truth table construction: grouping cases by configuration, then inclusion and PRI per row.
#include "duckweed/qca/truth_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "duckweed/qca/cube.h"

namespace duckweed::qca {

namespace {

bool Reaches(double value, double cut) { return value + kCutTolerance > cut; }

bool AnyFuzzy(const Dataset& data) {
  return std::any_of(data.conditions.begin(), data.conditions.end(),
                     [](const Condition& c) { return c.kind == SetKind::kFuzzy; });
}

// Σ m, Σ min(m,y), Σ min(m,y,1-y) over cases for one row.
struct Sums {
  double m = 0, my = 0, myny = 0;
  void Add(double m_i, double y) {
    m += m_i;
    my += std::min(m_i, y);
    myny += std::min({m_i, y, 1.0 - y});
  }
};

void Score(TruthTableRow& row, const Sums& s, const TruthTableOptions& o) {
  row.incl = s.m > 0 ? s.my / s.m : 0;
  double denom = s.m - s.myny;
  row.pri = denom > 0 ? (s.my - s.myny) / denom : 0;
  if (row.n < o.n_cut) {
    row.out = '?';
  } else if (Reaches(row.incl, o.incl_cut[0]) && Reaches(row.pri, o.pri_cut)) {
    row.out = '1';
  } else if (o.incl_cut.size() > 1 && Reaches(row.incl, o.incl_cut[1])) {
    row.out = 'C';
  } else {
    row.out = '0';
  }
}

}  // namespace

int CrispValue(const Dataset& data, size_t i, size_t c) {
  double v = data.values[i][c];
  if (IsDontCare(v)) return Cube::kAbsent;
  if (data.conditions[c].kind == SetKind::kFuzzy) return v > 0.5 ? 1 : 0;
  return static_cast<int>(v);
}

double LiteralMembership(const Dataset& data, size_t i, size_t c, int v) {
  double x = data.values[i][c];
  if (IsDontCare(x)) return v == Cube::kAbsent ? 1.0 : 0.0;
  switch (data.conditions[c].kind) {
    case SetKind::kFuzzy:
      return v == 1 ? x : 1.0 - x;
    default:
      return static_cast<int>(x) == v ? 1.0 : 0.0;
  }
}

uint64_t TruthTable::RowNumber(const std::vector<int>& config) const {
  uint64_t number = 0;
  for (size_t c = 0; c < config.size(); ++c) {
    const Condition& cond = data->conditions[c];
    // R numbers a "-" placeholder as one more level of its condition.
    int radix = cond.levels + (cond.dont_care ? 1 : 0);
    number = number * radix + (config[c] == Cube::kAbsent ? cond.levels : config[c]);
  }
  return number + 1;
}

core::Status ValidateTruthTableOptions(const TruthTableOptions& o) {
  auto bad = [](std::string msg) { return core::Status::InvalidInput(std::move(msg)); };
  if (o.incl_cut.empty() || o.incl_cut.size() > 2) {
    return bad(fmt::format("--incl-cut: expected one or two values, found {}", o.incl_cut.size()));
  }
  for (double c : o.incl_cut) {
    if (!(c >= 0 && c <= 1)) return bad(fmt::format("--incl-cut: expected [0,1], found {}", c));
  }
  if (o.incl_cut.size() == 2 && o.incl_cut[1] > o.incl_cut[0]) {
    return bad(fmt::format("--incl-cut: the second cut-off ({}) must not exceed the first ({})",
                           o.incl_cut[1], o.incl_cut[0]));
  }
  if (!(o.pri_cut >= 0 && o.pri_cut <= 1)) {
    return bad(fmt::format("--pri-cut: expected [0,1], found {}", o.pri_cut));
  }
  if (o.n_cut < 1) return bad(fmt::format("--n-cut: expected >= 1, found {}", o.n_cut));
  return core::Status::Ok();
}

core::Result<TruthTable> BuildTruthTable(const Dataset& data, const TruthTableOptions& options) {
  DUCKWEED_RETURN_IF_ERROR(ValidateTruthTableOptions(options));
  TruthTable tt;
  tt.data = &data;
  tt.options = options;
  const size_t k = data.condition_count();
  std::map<uint64_t, size_t> index;
  std::vector<int> config(k);
  for (size_t i = 0; i < data.case_count(); ++i) {
    for (size_t c = 0; c < k; ++c) config[c] = CrispValue(data, i, c);
    uint64_t number = tt.RowNumber(config);
    auto [it, inserted] = index.emplace(number, 0);
    if (inserted) {
      it->second = tt.rows.size();
      tt.rows.push_back(TruthTableRow{number, config});
    }
    TruthTableRow& row = tt.rows[it->second];
    row.n++;
    row.cases.push_back(static_cast<int>(i));
  }
  std::sort(tt.rows.begin(), tt.rows.end(),
            [](const auto& a, const auto& b) { return a.number < b.number; });
  const bool fuzzy = AnyFuzzy(data);
  for (auto& row : tt.rows) {
    Sums s;
    if (fuzzy) {
      for (size_t i = 0; i < data.case_count(); ++i) {
        double m = 1;
        for (size_t c = 0; c < k && m > 0; ++c) {
          m = std::min(m, LiteralMembership(data, i, c, row.config[c]));
        }
        s.Add(m, data.outcome_values[i]);
      }
    } else {
      for (int i : row.cases) s.Add(1.0, data.outcome_values[i]);
    }
    Score(row, s, options);
  }
  return tt;
}

}  // namespace duckweed::qca
