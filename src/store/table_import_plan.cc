#include "store/table_import_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "store/sqlite.h"

namespace duckweed::store::internal {

using core::DiagnosticSink;
using core::Location;
using core::Result;
using core::Status;

const char* AttributeTypeName(AttributeType type) {
  switch (type) {
    case AttributeType::kCategory:
      return "category";
    case AttributeType::kNumber:
      return "number";
    case AttributeType::kDate:
      return "date";
  }
  return "category";
}

namespace {

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

struct StoredAttribute {
  std::string type;
  std::vector<std::string> levels;
};

Result<std::map<std::string, StoredAttribute>> LoadAttributes(Store& store) {
  std::map<std::string, StoredAttribute> out;
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(store.handle(), "SELECT name, type, levels FROM attribute"));
  while (true) {
    DUCKWEED_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    StoredAttribute a{stmt.Text(1), {}};
    const std::string levels = stmt.Text(2);
    for (size_t start = 0; !levels.empty();) {
      const size_t bar = levels.find('|', start);
      a.levels.push_back(levels.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    out.emplace(stmt.Text(0), std::move(a));
  }
  return out;
}

// The {COLUMN} names of a --new-id template.
std::vector<std::string> Placeholders(const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t open = pattern.find('{'); open != std::string::npos;
       open = pattern.find('{', open + 1)) {
    const size_t close = pattern.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(pattern.substr(open + 1, close - open - 1));
  }
  return out;
}

std::optional<AttributeType> TypeOfPrefix(const std::string& field, std::string& name) {
  static const std::pair<const char*, AttributeType> kPrefixes[] = {
      {"attr:", AttributeType::kCategory},
      {"num:", AttributeType::kNumber},
      {"date:", AttributeType::kDate}};
  for (const auto& [prefix, type] : kPrefixes) {
    if (field.rfind(prefix, 0) == 0) {
      name = field.substr(std::string(prefix).size());
      return type;
    }
  }
  return std::nullopt;
}

void CheckAgainstStore(const std::map<std::string, StoredAttribute>& stored, AttributeColumn& a,
                       const Location& where, DiagnosticSink& sink) {
  auto it = stored.find(a.name);
  if (it == stored.end()) return;
  if (it->second.type != AttributeTypeName(a.type)) {
    sink.Add(where, fmt::format("attribute '{}' is stored as a {}, mapped here as a {}", a.name,
                                it->second.type, AttributeTypeName(a.type)));
    return;
  }
  if (a.levels.empty()) {
    a.levels = it->second.levels;
  } else if (!it->second.levels.empty() && a.levels != it->second.levels) {
    sink.Add(where, fmt::format("attribute '{}': --levels {} differ from the store's {}", a.name,
                                fmt::join(a.levels, ","), fmt::join(it->second.levels, ",")));
  }
}

}  // namespace

Result<TableColumns> PlanColumns(Store& store, const core::CsvTable& table,
                                 const TableImportSpec& spec) {
  DUCKWEED_ASSIGN_OR_RETURN(auto stored, LoadAttributes(store));
  DiagnosticSink sink;
  TableColumns cols;
  std::map<std::string, std::optional<size_t>*> fixed = {{"id", &cols.id},
                                                         {"name", &cols.name},
                                                         {"country", &cols.country},
                                                         {"latitude", &cols.latitude},
                                                         {"longitude", &cols.longitude},
                                                         {"population", &cols.population},
                                                         {"joined", &cols.joined},
                                                         {"coordinator", &cols.coordinator},
                                                         {"supporter", &cols.supporter}};
  std::set<std::string> seen;
  const Location header{table.source(), 1, 0, "--map"};
  for (const auto& [column, field] : spec.map) {
    auto index = table.ColumnIndex(column);
    if (!index) {
      sink.Add({table.source(), 1, 0, column},
               fmt::format("--map names column '{}', not in the header: expected one of {}", column,
                           fmt::join(table.header(), ", ")));
      continue;
    }
    if (!seen.insert(field).second) {
      sink.Add(header, fmt::format("field '{}' is mapped twice", field));
      continue;
    }
    std::string name;
    if (auto it = fixed.find(field); it != fixed.end()) {
      *it->second = *index;
    } else if (auto type = TypeOfPrefix(field, name); type && !name.empty()) {
      AttributeColumn a{name, *type, *index, {}};
      if (auto lv = spec.levels.find(name); lv != spec.levels.end()) {
        if (*type != AttributeType::kCategory) {
          sink.Add(header,
                   fmt::format("--levels {}: only attr: (categorical) fields have levels", name));
        }
        a.levels = lv->second;
      }
      CheckAgainstStore(stored, a, {table.source(), 1, 0, column}, sink);
      cols.attributes.push_back(std::move(a));
    } else {
      sink.Add({table.source(), 1, 0, column},
               fmt::format("unknown field '{}': expected id, name, country, latitude, longitude, "
                           "population, joined, coordinator, supporter, attr:NAME, num:NAME or "
                           "date:NAME",
                           field));
    }
  }
  for (const auto& [name, levels] : spec.levels) {
    if (!seen.count("attr:" + name)) {
      sink.Add(header, fmt::format("--levels {}: no column is mapped to attr:{}", name, name));
    }
  }
  if (!cols.id && !cols.name) {
    sink.Add(header, "expected a column mapped to id or to name, to match rows to territories");
  }
  if (spec.network.empty() && (cols.joined || cols.coordinator || cols.supporter)) {
    sink.Add(header, "joined, coordinator and supporter describe a membership: give --network");
  }
  if (spec.on_unknown == OnUnknown::kCreate && spec.new_id.empty()) {
    sink.Add(header, "--on-unknown create needs --new-id (e.g. 'com:{organisation_id}')");
  }
  for (const auto& column : Placeholders(spec.new_id)) {
    if (!table.ColumnIndex(column)) {
      sink.Add({"--new-id", 0, 0, column},
               fmt::format("--new-id names column '{}', not in the header of {}", column,
                           table.source()));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return cols;
}

std::optional<std::string> RowReader::Value(size_t row, size_t column) const {
  std::string v = Trim(table_.text(row, column));
  if (std::find(na_.begin(), na_.end(), v) != na_.end() || v.empty()) return std::nullopt;
  return v;
}

std::optional<double> RowReader::Number(size_t row, size_t column, DiagnosticSink& sink) const {
  auto v = Value(row, column);
  if (!v) return std::nullopt;
  const char* begin = v->data() + (v->front() == '+' ? 1 : 0);
  double value = 0;
  auto [end, ec] = std::from_chars(begin, v->data() + v->size(), value);
  if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(value)) {
    sink.Add(table_.Where(row, column), fmt::format("expected a number, found '{}'", *v));
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> RowReader::Date(size_t row, size_t column, DiagnosticSink& sink) const {
  auto v = Value(row, column);
  if (!v) return std::nullopt;
  int y = 0, m = 1, d = 1;
  char tail = 0;
  const size_t n = v->size();
  bool shape = (n == 4 || n == 7 || n == 10) && std::all_of(v->begin(), v->end(), [](char c) {
                 return std::isdigit(c) || c == '-';
               });
  if (shape) {
    const int got = std::sscanf(v->c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail);
    shape = got == static_cast<int>(n == 4   ? 1
                                    : n == 7 ? 2
                                             : 3) &&
            (n < 7 || (*v)[4] == '-') && (n < 10 || (*v)[7] == '-');
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (!shape || y < 1000 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1] ||
      (m == 2 && d == 29 && !leap)) {
    sink.Add(table_.Where(row, column),
             fmt::format("expected a date YYYY-MM-DD (or YYYY-MM, YYYY), found '{}'", *v));
    return std::nullopt;
  }
  return v;
}

std::string RowReader::Expand(size_t row, const std::string& pattern) const {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    const size_t open = pattern.find('{', i);
    const size_t close = open == std::string::npos ? open : pattern.find('}', open);
    if (close == std::string::npos) {
      out += pattern.substr(i);
      break;
    }
    out += pattern.substr(i, open - i);
    if (auto c = table_.ColumnIndex(pattern.substr(open + 1, close - open - 1))) {
      out += Trim(table_.text(row, *c));
    }
    i = close + 1;
  }
  return out;
}

}  // namespace duckweed::store::internal
