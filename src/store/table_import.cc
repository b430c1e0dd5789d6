// `import table`: validates every row of a CSV against the column map, matches rows to
// territories, then writes territories, attributes and memberships in one transaction.
#include "duckweed/store/table_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "duckweed/core/csv.h"
#include "duckweed/core/number.h"
#include "duckweed/core/utc_time.h"
#include "duckweed/store/entities.h"
#include "store/sqlite.h"
#include "store/table_import_plan.h"
#include "store/territory_matcher.h"

namespace duckweed::store {

using core::DiagnosticSink;
using core::Result;
using core::Status;
using internal::MatchResult;
using internal::Statement;
using internal::TableColumns;

namespace {

struct RowRecord {
  int line = 0;
  size_t key_column = 0;  // the column the territory was recognised by
  std::string territory;
  std::optional<Territory> created;
  std::vector<std::pair<std::string, std::string>> attributes;  // (name, value)
  std::string joined, coordinator, supporter;
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Candidates(const std::vector<internal::PlaceEntry>& list) {
  std::string out;
  for (const auto& p : list) {
    out += fmt::format("{}{} ({}{})", out.empty() ? "" : ", ", p.id, p.name,
                       p.latitude ? fmt::format(" at {:.4f}, {:.4f}", *p.latitude, *p.longitude)
                                  : std::string(", no coordinates"));
  }
  return out;
}

// The row's values, validated; fills `out` except the territory.
void ReadValues(const core::CsvTable& table, size_t r, const TableColumns& cols,
                const internal::RowReader& read, DiagnosticSink& sink, RowRecord& out) {
  for (const auto& a : cols.attributes) {
    auto value = read.Value(r, a.column);
    if (!value) continue;
    if (a.type == internal::AttributeType::kNumber && !read.Number(r, a.column, sink)) continue;
    if (a.type == internal::AttributeType::kDate && !read.Date(r, a.column, sink)) continue;
    if (a.type == internal::AttributeType::kCategory && !a.levels.empty() &&
        std::find(a.levels.begin(), a.levels.end(), *value) == a.levels.end()) {
      sink.Add(table.Where(r, a.column),
               fmt::format("expected a value of attribute '{}' in {{{}}}, found '{}'", a.name,
                           fmt::join(a.levels, ", "), *value));
      continue;
    }
    out.attributes.emplace_back(a.name, *value);
  }
  if (cols.joined) {
    if (auto d = read.Date(r, *cols.joined, sink)) out.joined = *d;
  }
  if (cols.coordinator) out.coordinator = read.Value(r, *cols.coordinator).value_or("");
  if (cols.supporter) out.supporter = read.Value(r, *cols.supporter).value_or("");
}

// The territory a row names, or why it names none (returned as text; "" = resolved).
std::string Resolve(const core::CsvTable& table, size_t r, const TableColumns& cols,
                    const internal::RowReader& read, const TableImportSpec& spec,
                    internal::TerritoryMatcher& matcher, DiagnosticSink& sink, RowRecord& out) {
  if (cols.id) {
    auto id = read.Value(r, *cols.id);
    if (id && !IsValidTerritoryId(*id)) {
      sink.Add(
          table.Where(r, *cols.id),
          fmt::format("expected a territory id <scheme>:<code> (e.g. fr:62528), found '{}'", *id));
      return "";
    }
    if (id && matcher.Exists(*id)) {
      out.territory = *id;
      out.key_column = *cols.id;
      return "";
    }
    if (id && !cols.name) return fmt::format("no territory with id '{}'", *id);
  }
  std::optional<std::string> name = cols.name ? read.Value(r, *cols.name) : std::nullopt;
  std::string country;
  if (cols.country) {
    country = Upper(read.Value(r, *cols.country).value_or(""));
    if (!country.empty() &&
        (country.size() != 2 || !std::isalpha(country[0]) || !std::isalpha(country[1]))) {
      sink.Add(table.Where(r, *cols.country),
               fmt::format("expected an ISO 3166-1 alpha-2 country code (e.g. FR), found '{}'",
                           table.text(r, *cols.country)));
      return "";
    }
  }
  std::optional<double> lat = cols.latitude ? read.Number(r, *cols.latitude, sink) : std::nullopt;
  std::optional<double> lon = cols.longitude ? read.Number(r, *cols.longitude, sink) : std::nullopt;
  if ((lat && std::fabs(*lat) > 90) || (lon && std::fabs(*lon) > 180)) {
    sink.Add(table.Where(r, lat && std::fabs(*lat) > 90 ? *cols.latitude : *cols.longitude),
             "expected latitude in [-90, 90] and longitude in [-180, 180]");
    return "";
  }
  std::string why;
  if (cols.name) out.key_column = *cols.name;
  if (name) {
    MatchResult m = matcher.Match(*name, country, lat, lon, spec.max_km);
    if (m.kind == MatchResult::kMatched) {
      out.territory = m.id;
      return "";
    }
    if (m.kind == MatchResult::kAmbiguous) {
      sink.Add(table.Where(r, *cols.name),
               fmt::format("'{}'{} matches {} places: {}; map an id column, or the coordinates",
                           *name, country.empty() ? "" : " in " + country, m.candidates.size(),
                           Candidates(m.candidates)));
      return "";
    }
    why = fmt::format("no place named '{}'{}{}", *name, country.empty() ? "" : " in " + country,
                      lat ? fmt::format(" within {:g} km", spec.max_km) : "");
  } else if (why.empty()) {
    why = "no id and no name";
  }
  if (spec.on_unknown != OnUnknown::kCreate) return why;
  std::string id = read.Expand(r, spec.new_id);
  if (!IsValidTerritoryId(id)) {
    sink.Add(table.Where(r, 0),
             fmt::format("--new-id '{}' gives '{}' on this row: expected <scheme>:<code>",
                         spec.new_id, id));
    return "";
  }
  out.territory = id;
  if (matcher.Exists(id)) return "";
  Territory t;
  t.id = id;
  t.name = name.value_or(id);
  t.kind = spec.new_kind;
  t.country = country;
  t.latitude = lat;
  t.longitude = lon;
  if (cols.population) {
    if (auto p = read.Number(r, *cols.population, sink)) t.population = std::llround(*p);
  }
  out.created = t;
  return "";
}

Status Write(Store& store, const std::string& file, const TableImportSpec& spec,
             const TableColumns& cols, const std::vector<RowRecord>& records, size_t rows,
             TableImportSummary& summary) {
  internal::Connection* db = store.handle();
  DUCKWEED_ASSIGN_OR_RETURN(Statement next_id,
                            Statement::Prepare(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM source"));
  DUCKWEED_ASSIGN_OR_RETURN(bool has_row, next_id.Step());
  summary.source_id = has_row ? next_id.Int(0) : 1;
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement source,
      Statement::Prepare(db,
                         "INSERT INTO source (id, file, address, licence, imported_at, row_count) "
                         "VALUES (?, ?, ?, ?, ?, ?)"));
  source.Bind(1, summary.source_id);
  source.Bind(2, file);
  source.Bind(3, spec.address);
  source.Bind(4, spec.licence);
  source.Bind(5, core::UtcNow());
  source.Bind(6, static_cast<int64_t>(rows));
  DUCKWEED_RETURN_IF_ERROR(source.Run());
  DUCKWEED_ASSIGN_OR_RETURN(Statement territory, Statement::Prepare(db, R"sql(
    INSERT INTO territory (id, name, kind, country, population, latitude, longitude)
    VALUES (?, ?, ?, ?, ?, ?, ?))sql"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement attribute_def,
      Statement::Prepare(db,
                         "INSERT INTO attribute (name, type, levels) VALUES (?, ?, ?) "
                         "ON CONFLICT (name) DO UPDATE SET type = excluded.type, "
                         "levels = excluded.levels"));
  for (const auto& a : cols.attributes) {
    attribute_def.Bind(1, a.name);
    attribute_def.Bind(2, internal::AttributeTypeName(a.type));
    attribute_def.Bind(3, fmt::format("{}", fmt::join(a.levels, "|")));
    DUCKWEED_RETURN_IF_ERROR(attribute_def.Run());
  }
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement attribute,
      Statement::Prepare(db,
                         "INSERT INTO territory_attribute "
                         "(territory_id, name, value, source_id) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT (territory_id, name) DO UPDATE SET "
                         "value = excluded.value, source_id = excluded.source_id"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement forget,
      Statement::Prepare(db,
                         "DELETE FROM network_membership WHERE territory_id = ? AND network = ?"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement member,
      Statement::Prepare(db,
                         "INSERT INTO network_membership "
                         "(territory_id, network, channel, via, joined, source_id) "
                         "VALUES (?, ?, ?, ?, ?, ?)"));
  for (const RowRecord& rec : records) {
    if (rec.created) {
      const Territory& t = *rec.created;
      territory.Bind(1, t.id);
      territory.Bind(2, t.name);
      territory.Bind(3, t.kind);
      territory.Bind(4, t.country);
      territory.Bind(5, t.population);
      territory.Bind(6, t.latitude);
      territory.Bind(7, t.longitude);
      DUCKWEED_RETURN_IF_ERROR(territory.Run());
    }
    for (const auto& [name, value] : rec.attributes) {
      attribute.Bind(1, rec.territory);
      attribute.Bind(2, name);
      attribute.Bind(3, value);
      attribute.Bind(4, summary.source_id);
      DUCKWEED_RETURN_IF_ERROR(attribute.Run());
      ++summary.attributes;
    }
    if (spec.network.empty()) continue;
    forget.Bind(1, rec.territory);
    forget.Bind(2, spec.network);
    DUCKWEED_RETURN_IF_ERROR(forget.Run());
    std::vector<std::pair<const char*, std::string>> channels;
    if (!rec.coordinator.empty()) channels.emplace_back("coordinator", rec.coordinator);
    if (!rec.supporter.empty()) channels.emplace_back("supporter", rec.supporter);
    if (channels.empty()) channels.emplace_back("direct", "");
    for (const auto& [channel, via] : channels) {
      member.Bind(1, rec.territory);
      member.Bind(2, spec.network);
      member.Bind(3, channel);
      member.Bind(4, via);
      member.Bind(5, rec.joined);
      member.Bind(6, summary.source_id);
      DUCKWEED_RETURN_IF_ERROR(member.Run());
      ++summary.memberships;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<TableImportSummary> ImportTable(Store& store, const std::string& file,
                                       const TableImportSpec& spec) {
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ReadCsvFile(file));
  DUCKWEED_ASSIGN_OR_RETURN(TableColumns cols, internal::PlanColumns(store, table, spec));
  DUCKWEED_ASSIGN_OR_RETURN(auto matcher, internal::TerritoryMatcher::Load(store));
  const internal::RowReader read(table, spec.na);
  DiagnosticSink sink;
  TableImportSummary summary;
  summary.rows = table.row_count();
  std::vector<RowRecord> records;
  records.reserve(table.row_count());
  std::unordered_map<std::string, int> line_of;
  for (size_t r = 0; r < table.row_count(); ++r) {
    RowRecord rec;
    rec.line = table.row_line(r);
    DiagnosticSink row_sink;
    ReadValues(table, r, cols, read, row_sink, rec);
    std::string why = Resolve(table, r, cols, read, spec, matcher, row_sink, rec);
    if (!row_sink.empty()) {
      const Status problems = row_sink.ToStatus();
      if (spec.skip_bad_rows) {
        summary.skipped.push_back({rec.line, "bad value: " + problems.diagnostics()[0].ToString()});
      } else {
        for (const auto& d : problems.diagnostics()) sink.Add(d.where, d.message);
      }
      continue;
    }
    if (!why.empty()) {
      if (spec.on_unknown == OnUnknown::kFail) {
        sink.Add(table.Where(r, cols.name.value_or(cols.id.value_or(0))),
                 why + " (use --on-unknown skip or create)");
      } else {
        summary.skipped.push_back({rec.line, why});
      }
      continue;
    }
    auto [it, fresh] = line_of.emplace(rec.territory, rec.line);
    if (!fresh) {
      const std::string same =
          fmt::format("same territory '{}' as line {}", rec.territory, it->second);
      if (spec.skip_duplicates) {
        summary.skipped.push_back({rec.line, same});
      } else {
        sink.Add(table.Where(r, rec.key_column),
                 fmt::format("duplicate: this row and line {} are both territory '{}' (use "
                             "--on-duplicate skip to keep the first)",
                             it->second, rec.territory));
      }
      continue;
    }
    if (rec.created) {
      const Territory& t = *rec.created;
      matcher.Add({t.id, t.name, t.country, t.latitude, t.longitude});
    }
    (rec.created ? summary.created : summary.matched) += 1;
    records.push_back(std::move(rec));
  }
  if (!sink.empty()) return sink.ToStatus();
  DUCKWEED_RETURN_IF_ERROR(store.InTransaction(
      [&] { return Write(store, file, spec, cols, records, table.row_count(), summary); }));
  return summary;
}

}  // namespace duckweed::store
