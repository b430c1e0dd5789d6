#include "duckweed/transfer/transfer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;
using core::Status;

std::string Literal::ToString() const {
  return (negated ? "~" : "") + condition + (level ? fmt::format("[{}]", *level) : "");
}

Result<std::vector<Literal>> ParseTerm(const std::string& expression) {
  std::vector<Literal> literals;
  size_t start = 0;
  while (start <= expression.size()) {
    const size_t end = std::min(expression.find('*', start), expression.size());
    std::string item = expression.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    Literal lit;
    if (!item.empty() && item[0] == '~') {
      lit.negated = true;
      item.erase(0, 1);
    }
    if (const size_t open = item.find('['); open != std::string::npos) {
      int level = 0;
      if (item.back() != ']' || std::sscanf(item.substr(open + 1).c_str(), "%d", &level) != 1) {
        return Status::InvalidInput(
            fmt::format("malformed literal '{}' in '{}'", item, expression));
      }
      lit.level = level;
      item.erase(open);
    }
    if (item.empty() || item.find_first_of("+()[] ") != std::string::npos) {
      return Status::InvalidInput(
          fmt::format("expected one term 'A*~B*C[2]' (no '+'), found '{}'", expression));
    }
    lit.condition = item;
    literals.push_back(std::move(lit));
    start = end + 1;
  }
  return literals;
}

Result<std::vector<Literal>> LiteralsOf(const qca::Recipe& recipe) {
  auto literals = ParseTerm(recipe.expression);
  if (!literals.ok()) {
    return Status::InvalidInput(literals.status().message(), {"", 0, 0, recipe.expression});
  }
  for (const Literal& lit : *literals) {
    const int value = lit.level ? *lit.level : (lit.negated ? 0 : 1);
    const auto same = [&](const qca::RecipeCondition& c) {
      return c.name == lit.condition && c.value == value;
    };
    if (std::none_of(recipe.conditions.begin(), recipe.conditions.end(), same)) {
      return Status::InvalidInput(
          fmt::format("literal '{}' of recipe '{}' is not among its conditions (want '{}' = {})",
                      lit.ToString(), recipe.expression, lit.condition, value),
          {"", 0, 0, recipe.expression});
    }
  }
  if (literals->size() != recipe.conditions.size()) {
    return Status::InvalidInput(
        fmt::format("recipe '{}' has {} literals but {} conditions", recipe.expression,
                    literals->size(), recipe.conditions.size()),
        {"", 0, 0, recipe.expression});
  }
  return literals;
}

int TownData::IndexOfTown(const std::string& town) const {
  auto it = std::find(towns.begin(), towns.end(), town);
  return it == towns.end() ? -1 : static_cast<int>(it - towns.begin());
}

int TownData::IndexOfCondition(const std::string& condition) const {
  auto it = std::find(conditions.begin(), conditions.end(), condition);
  return it == conditions.end() ? -1 : static_cast<int>(it - conditions.begin());
}

Result<TownData> ParseTownData(const core::CsvTable& t) {
  if (t.column_count() < 2) {
    return Status::InvalidInput("expected an id column and at least one condition", {t.source()});
  }
  size_t id_col = 0;
  for (const char* name : {"case", "town", "name", "id"}) {
    if (auto c = t.ColumnIndex(name)) {
      id_col = *c;
      break;
    }
  }
  DiagnosticSink sink;
  TownData d;
  for (size_t c = 0; c < t.column_count(); ++c) {
    if (c != id_col) d.conditions.push_back(t.header()[c]);
  }
  std::set<std::string> seen;
  for (size_t r = 0; r < t.row_count(); ++r) {
    const std::string& town = t.text(r, id_col);
    if (!seen.insert(town).second) {
      sink.Add(t.Where(r, id_col), fmt::format("town '{}' listed twice", town));
    }
    d.towns.push_back(town);
    std::vector<std::optional<double>> row;
    for (size_t c = 0; c < t.column_count(); ++c) {
      if (c != id_col) row.push_back(t.Real(r, c, sink, /*required=*/false));
    }
    d.values.push_back(std::move(row));
  }
  if (!sink.empty()) return sink.ToStatus();
  return d;
}

namespace {

std::optional<double> LiteralValue(const Literal& lit, const std::optional<double>& raw) {
  if (!raw) return std::nullopt;
  double v = lit.level ? (std::lround(*raw) == *lit.level ? 1.0 : 0.0) : *raw;
  return lit.negated ? 1 - v : v;
}

std::optional<double> Membership(const std::vector<std::optional<double>>& literal_values) {
  double m = 1;
  for (const auto& v : literal_values) {
    if (!v) return std::nullopt;
    m = std::min(m, *v);
  }
  return m;
}

// Literal memberships of town t, in the literals' order.
std::vector<std::optional<double>> LiteralValues(const std::vector<Literal>& literals,
                                                 const TownData& data, int t) {
  std::vector<std::optional<double>> v;
  v.reserve(literals.size());
  for (const auto& lit : literals) {
    v.push_back(LiteralValue(lit, data.values[t][data.IndexOfCondition(lit.condition)]));
  }
  return v;
}

// The literals below 1 with the gain of raising each alone to 1.
std::vector<MissingKey> MissingKeys(const std::vector<Literal>& literals,
                                    const std::vector<std::optional<double>>& values,
                                    const std::optional<double>& membership) {
  std::vector<MissingKey> missing;
  for (size_t k = 0; k < values.size(); ++k) {
    if (values[k] && *values[k] >= 1) continue;
    auto raised = values;
    raised[k] = 1.0;
    const auto after = Membership(raised);
    MissingKey key{literals[k], values[k].value_or(std::numeric_limits<double>::quiet_NaN()), 0};
    if (after && membership) key.gain = *after - *membership;
    missing.push_back(key);
  }
  std::stable_sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) {
    return a.gain != b.gain ? a.gain > b.gain : a.current < b.current;
  });
  return missing;
}

// The recipe's exemplars (its listed cases, else the towns with membership > 0.5) with complete
// data, nearest to the target first, at most `top`.
std::vector<Exemplar> Closest(const qca::Recipe& r, const std::vector<Literal>& literals,
                              const TownData& data, int target, int top) {
  std::vector<Exemplar> closest;
  for (size_t t = 0; t < data.towns.size(); ++t) {
    if (static_cast<int>(t) == target) continue;
    const auto m = Membership(LiteralValues(literals, data, static_cast<int>(t)));
    const auto& cases = r.exemplars;
    const bool listed = std::find(cases.begin(), cases.end(), data.towns[t]) != cases.end();
    if (!(cases.empty() ? (m && *m > 0.5) : listed)) continue;
    double d2 = 0;
    bool complete = true;
    for (const auto& lit : literals) {
      const int c = data.IndexOfCondition(lit.condition);
      if (!data.values[t][c] || !data.values[target][c]) {
        complete = false;
        break;
      }
      d2 += std::pow(*data.values[t][c] - *data.values[target][c], 2);
    }
    if (complete) closest.push_back({data.towns[t], m.value_or(0), std::sqrt(d2)});
  }
  std::stable_sort(closest.begin(), closest.end(),
                   [](const auto& a, const auto& b) { return a.distance < b.distance; });
  if (static_cast<int>(closest.size()) > top) closest.resize(top);
  return closest;
}

}  // namespace

Result<std::vector<RecipeFit>> Transfer(const std::vector<qca::Recipe>& recipes,
                                        const TownData& data, const std::string& town, int top) {
  const int target = data.IndexOfTown(town);
  if (target < 0) {
    return Status::NotFound(
        fmt::format("town '{}' is not in the data ({} towns)", town, data.towns.size()));
  }
  DiagnosticSink sink;
  std::vector<std::vector<Literal>> literals;
  for (const auto& r : recipes) {
    DUCKWEED_ASSIGN_OR_RETURN(auto recipe_literals, LiteralsOf(r));
    for (const auto& lit : recipe_literals) {
      if (data.IndexOfCondition(lit.condition) < 0) {
        sink.Add({"", 0, 0, r.expression},
                 fmt::format("condition '{}' of recipe '{}' is not a column of the data",
                             lit.condition, r.expression));
      }
    }
    literals.push_back(std::move(recipe_literals));
  }
  if (!sink.empty()) return sink.ToStatus();
  std::vector<RecipeFit> out;
  for (size_t i = 0; i < recipes.size(); ++i) {
    const auto values = LiteralValues(literals[i], data, target);
    RecipeFit fit{recipes[i], Membership(values), {}, {}};
    fit.missing = MissingKeys(literals[i], values, fit.membership);
    fit.closest = Closest(recipes[i], literals[i], data, target, top);
    out.push_back(std::move(fit));
  }
  return out;
}

}  // namespace duckweed::evaluate
