#include "duckweed/evaluate/transfer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "duckweed/core/json.h"

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

namespace {

Result<std::vector<Recipe>> ParseRecipesDoc(const std::string& text, const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(const nlohmann::json doc, core::ParseJson(text, source));
  const nlohmann::json list = doc.is_array() ? doc : doc.value("recipes", nlohmann::json());
  if (!list.is_array() || list.empty()) {
    return Status::InvalidInput("expected a non-empty \"recipes\" array", {source});
  }
  std::vector<Recipe> recipes;
  for (size_t k = 0; k < list.size(); ++k) {
    const auto& item = list[k];
    const std::string field = fmt::format("recipes[{}]", k);
    Recipe r;
    r.expression = item.value("expression", "");
    if (r.expression.empty() && item.contains("conditions") && item["conditions"].is_array()) {
      for (const auto& c : item["conditions"]) {
        Literal lit{c.value("name", ""), c.value("negated", false), std::nullopt};
        if (c.contains("value") && c["value"].is_number_integer())
          lit.level = c["value"].get<int>();
        if (lit.condition.empty()) {
          return Status::InvalidInput("a condition without a name", {source, 0, 0, field});
        }
        r.literals.push_back(std::move(lit));
      }
    } else {
      auto literals = ParseTerm(r.expression);
      if (!literals.ok()) {
        return Status::InvalidInput(literals.status().message(), {source, 0, 0, field});
      }
      r.literals = std::move(literals).value();
    }
    if (r.expression.empty()) {
      std::vector<std::string> parts;
      for (const auto& l : r.literals) parts.push_back(l.ToString());
      r.expression = fmt::format("{}", fmt::join(parts, "*"));
    }
    for (const char* key : {"cases", "exemplars"}) {
      if (!item.contains(key) || !item[key].is_array()) continue;
      for (const auto& c : item[key]) {
        if (c.is_string()) r.cases.push_back(c.get<std::string>());
      }
    }
    if (item.contains("incl") && item["incl"].is_number()) r.incl = item["incl"].get<double>();
    for (const char* key : {"cov", "cov_r"}) {
      if (item.contains(key) && item[key].is_number()) r.cov = item[key].get<double>();
    }
    recipes.push_back(std::move(r));
  }
  return recipes;
}

}  // namespace

Result<std::vector<Recipe>> ParseRecipesJson(const std::string& text, const std::string& source) {
  try {
    return ParseRecipesDoc(text, source);
  } catch (const nlohmann::json::exception& e) {
    // A value of the wrong type where the reader expects a string, a flag or an object.
    return Status::InvalidInput(fmt::format("unexpected JSON shape: {}", e.what()), {source});
  }
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

}  // namespace

Result<std::vector<RecipeFit>> Transfer(const std::vector<Recipe>& recipes, const TownData& data,
                                        const std::string& town, int top) {
  const int target = data.IndexOfTown(town);
  if (target < 0) {
    return Status::NotFound(
        fmt::format("town '{}' is not in the data ({} towns)", town, data.towns.size()));
  }
  DiagnosticSink sink;
  for (const auto& r : recipes) {
    for (const auto& lit : r.literals) {
      if (data.IndexOfCondition(lit.condition) < 0) {
        sink.Add({"", 0, 0, r.expression},
                 fmt::format("condition '{}' of recipe '{}' is not a column of the data",
                             lit.condition, r.expression));
      }
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  auto literal_values = [&](const Recipe& r, int t) {
    std::vector<std::optional<double>> v;
    for (const auto& lit : r.literals) {
      v.push_back(LiteralValue(lit, data.values[t][data.IndexOfCondition(lit.condition)]));
    }
    return v;
  };
  std::vector<RecipeFit> out;
  for (const auto& r : recipes) {
    RecipeFit fit{r, std::nullopt, {}, {}};
    const auto values = literal_values(r, target);
    fit.membership = Membership(values);
    for (size_t k = 0; k < values.size(); ++k) {
      if (values[k] && *values[k] >= 1) continue;
      auto raised = values;
      raised[k] = 1.0;
      const auto after = Membership(raised);
      MissingKey key{r.literals[k], values[k].value_or(std::numeric_limits<double>::quiet_NaN()),
                     0};
      if (after && fit.membership) key.gain = *after - *fit.membership;
      fit.missing.push_back(key);
    }
    std::stable_sort(fit.missing.begin(), fit.missing.end(), [](const auto& a, const auto& b) {
      return a.gain != b.gain ? a.gain > b.gain : a.current < b.current;
    });
    for (size_t t = 0; t < data.towns.size(); ++t) {
      if (static_cast<int>(t) == target) continue;
      const auto m = Membership(literal_values(r, static_cast<int>(t)));
      const bool listed = std::find(r.cases.begin(), r.cases.end(), data.towns[t]) != r.cases.end();
      if (!(r.cases.empty() ? (m && *m > 0.5) : listed)) continue;
      double d2 = 0;
      bool complete = true;
      for (const auto& lit : r.literals) {
        const int c = data.IndexOfCondition(lit.condition);
        if (!data.values[t][c] || !data.values[target][c]) {
          complete = false;
          break;
        }
        d2 += std::pow(*data.values[t][c] - *data.values[target][c], 2);
      }
      if (complete) fit.closest.push_back({data.towns[t], m.value_or(0), std::sqrt(d2)});
    }
    std::stable_sort(fit.closest.begin(), fit.closest.end(),
                     [](const auto& a, const auto& b) { return a.distance < b.distance; });
    if (static_cast<int>(fit.closest.size()) > top) fit.closest.resize(top);
    out.push_back(std::move(fit));
  }
  return out;
}

}  // namespace duckweed::evaluate
