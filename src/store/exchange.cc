#include "duckweed/store/exchange.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "duckweed/core/csv.h"
#include "duckweed/core/file.h"
#include "duckweed/core/utf8.h"
#include "store/codecs.h"
#include "store/field_source.h"

namespace duckweed::store {

using core::DiagnosticSink;
using core::Location;
using core::Result;
using core::Status;
using internal::Codec;

namespace {

template <typename T>
struct Parsed {
  std::vector<T> records;
  std::vector<std::vector<Location>> where;  // of each record's fields, in Codec<T>::Fields order

  // Location of record i's field `name` (its key field's when unknown).
  Location Where(size_t i, std::string_view name) const {
    const auto& fields = Codec<T>::Fields();
    for (size_t f = 0; f < fields.size(); ++f) {
      if (name == fields[f].name) return where[i][f];
    }
    return where[i][0];
  }
  Location Key(size_t i) const { return Where(i, Codec<T>::KeyField()); }
};

template <typename T>
std::vector<Location> FieldLocations(const internal::FieldSource& fields) {
  std::vector<Location> out;
  for (const auto& spec : Codec<T>::Fields()) out.push_back(fields.Where(spec.name));
  return out;
}

// The location of byte `offset` in `text` as 1-based line and column.
Location LocationOf(std::string_view text, size_t offset, const std::string& source) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Location{source, line, static_cast<int>(offset - line_start + 1), ""};
}

template <typename T>
bool IsKnownField(std::string_view name) {
  for (const auto& spec : Codec<T>::Fields()) {
    if (name == spec.name) return true;
  }
  return false;
}

template <typename T>
Status ParseCsvRecords(std::string_view text, const std::string& source, DiagnosticSink& sink,
                       Parsed<T>& out) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ParseCsv(text, source));
  for (size_t c = 0; c < table.column_count(); ++c) {
    if (!IsKnownField<T>(table.header()[c])) {
      sink.Add({source, 1, 0, table.header()[c]}, "unexpected column (not a field of this entity)");
    }
  }
  bool missing = false;
  for (const auto& spec : Codec<T>::Fields()) {
    if (spec.required && !table.RequireColumn(spec.name, sink)) missing = true;
  }
  if (missing) return Status::Ok();
  internal::CsvFieldSource fields(table, &sink);
  for (size_t r = 0; r < table.row_count(); ++r) {
    fields.set_row(r);
    if (auto record = Codec<T>::Read(fields)) {
      out.records.push_back(std::move(*record));
      out.where.push_back(FieldLocations<T>(fields));
    }
  }
  return Status::Ok();
}

template <typename T>
Status ParseJsonRecords(std::string_view text, const std::string& source, DiagnosticSink& sink,
                        Parsed<T>& out) {
  for (size_t i = 0; i < text.size();) {
    const size_t n = core::Utf8SequenceLength(text, i);
    if (n == 0) {
      return Status::InvalidInput("expected UTF-8 text, found an invalid byte sequence",
                                  LocationOf(text, i, source));
    }
    i += n;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidInput(fmt::format("invalid JSON: {}", e.what()),
                                LocationOf(text, e.byte > 0 ? e.byte - 1 : 0, source));
  } catch (const nlohmann::json::out_of_range& e) {  // a number too large for a double
    return Status::InvalidInput(fmt::format("invalid JSON: {}", e.what()), {source, 0, 0, ""});
  }
  if (!doc.is_array()) {
    return Status::InvalidInput(
        fmt::format("expected a JSON array of objects, found {}", doc.type_name()),
        Location{source, 1, 1, ""});
  }
  internal::JsonFieldSource fields(source, &sink);
  for (size_t i = 0; i < doc.size(); ++i) {
    const nlohmann::json& item = doc[i];
    if (!item.is_object()) {
      sink.Add({source, 0, 0, fmt::format("[{}]", i)},
               fmt::format("expected an object, found {}", item.type_name()));
      continue;
    }
    for (const auto& [key, value] : item.items()) {
      if (!IsKnownField<T>(key)) {
        sink.Add({source, 0, 0, fmt::format("[{}].{}", i, key)},
                 "unexpected key (not a field of this entity)");
      }
    }
    fields.set_record(&item, i);
    if (auto record = Codec<T>::Read(fields)) {
      out.records.push_back(std::move(*record));
      out.where.push_back(FieldLocations<T>(fields));
    }
  }
  return Status::Ok();
}

std::string Describe(const Location& where) {
  if (where.line > 0) return fmt::format("line {}", where.line);
  return where.field;
}

template <typename T>
void CheckDuplicates(const Parsed<T>& parsed, DiagnosticSink& sink) {
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < parsed.records.size(); ++i) {
    auto [it, inserted] = first.emplace(Codec<T>::Key(parsed.records[i]), i);
    if (!inserted) {
      sink.Add(parsed.Key(i), fmt::format("duplicate key {} (first at {})", it->first,
                                          Describe(parsed.Key(it->second))));
    }
  }
}

// Remembers which ids exist, asking the store once per id.
class ExistenceCache {
 public:
  ExistenceCache(Store& store, bool territories) : store_(store), territories_(territories) {}
  void AddKnown(const std::string& id) { known_.insert(id); }
  Result<bool> Exists(const std::string& id) {
    if (known_.count(id)) return true;
    if (absent_.count(id)) return false;
    DUCKWEED_ASSIGN_OR_RETURN(
        bool exists, territories_ ? store_.TerritoryExists(id) : store_.IndicatorExists(id));
    (exists ? known_ : absent_).insert(id);
    return exists;
  }

 private:
  Store& store_;
  bool territories_;
  std::set<std::string> known_, absent_;
};

Status Require(ExistenceCache& cache, const std::string& id, const char* what, Location where,
               DiagnosticSink& sink) {
  DUCKWEED_ASSIGN_OR_RETURN(bool exists, cache.Exists(id));
  if (!exists) {
    sink.Add(std::move(where),
             fmt::format("unknown {} '{}' (neither in the database nor in this file)", what, id));
  }
  return Status::Ok();
}

Status CheckReferences(Store& store, const Parsed<Territory>& p, DiagnosticSink& sink) {
  ExistenceCache territories(store, true);
  for (const Territory& t : p.records) territories.AddKnown(t.id);
  for (size_t i = 0; i < p.records.size(); ++i) {
    for (const std::string& parent : p.records[i].parents) {
      DUCKWEED_RETURN_IF_ERROR(
          Require(territories, parent, "parent territory", p.Where(i, "parents"), sink));
    }
  }
  return Status::Ok();
}

Status CheckReferences(Store&, const Parsed<Indicator>&, DiagnosticSink&) { return Status::Ok(); }

Status CheckReferences(Store& store, const Parsed<Observation>& p, DiagnosticSink& sink) {
  ExistenceCache territories(store, true);
  ExistenceCache indicators(store, false);
  for (size_t i = 0; i < p.records.size(); ++i) {
    DUCKWEED_RETURN_IF_ERROR(Require(territories, p.records[i].territory_id, "territory",
                                     p.Where(i, "territory"), sink));
    DUCKWEED_RETURN_IF_ERROR(
        Require(indicators, p.records[i].indicator_id, "indicator", p.Where(i, "indicator"), sink));
  }
  return Status::Ok();
}

Status CheckReferences(Store& store, const Parsed<Initiative>& p, DiagnosticSink& sink) {
  ExistenceCache territories(store, true);
  for (size_t i = 0; i < p.records.size(); ++i) {
    DUCKWEED_RETURN_IF_ERROR(Require(territories, p.records[i].territory_id, "territory",
                                     p.Where(i, "territory"), sink));
  }
  return Status::Ok();
}

Status Upsert(Store& s, const std::vector<Territory>& v) { return s.UpsertTerritories(v); }
Status Upsert(Store& s, const std::vector<Indicator>& v) { return s.UpsertIndicators(v); }
Status Upsert(Store& s, const std::vector<Observation>& v) { return s.UpsertObservations(v); }
Status Upsert(Store& s, const std::vector<Initiative>& v) { return s.UpsertInitiatives(v); }

template <typename T>
Result<ImportSummary> ImportAs(Store& store, std::string_view text, const std::string& source,
                               Format format) {
  DiagnosticSink sink;
  Parsed<T> parsed;
  DUCKWEED_RETURN_IF_ERROR(format == Format::kCsv ? ParseCsvRecords(text, source, sink, parsed)
                                                  : ParseJsonRecords(text, source, sink, parsed));
  CheckDuplicates(parsed, sink);
  DUCKWEED_RETURN_IF_ERROR(CheckReferences(store, parsed, sink));
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  DUCKWEED_RETURN_IF_ERROR(Upsert(store, parsed.records));
  return ImportSummary{parsed.records.size()};
}

Result<std::vector<Territory>> All(Store& s, Territory*) { return s.ListTerritories({"", "", 0}); }
Result<std::vector<Indicator>> All(Store& s, Indicator*) { return s.ListIndicators(); }
Result<std::vector<Observation>> All(Store& s, Observation*) { return s.ListObservations(); }
Result<std::vector<Initiative>> All(Store& s, Initiative*) { return s.ListInitiatives(); }

template <typename T>
Result<std::string> ExportAs(Store& store, Format format) {
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<T> rows, All(store, static_cast<T*>(nullptr)));
  if (format == Format::kJson) {
    nlohmann::ordered_json doc = nlohmann::ordered_json::array();
    for (const T& row : rows) doc.push_back(Codec<T>::Json(row));
    return doc.dump(1) + "\n";
  }
  std::string out;
  const auto& fields = Codec<T>::Fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i].name;
  }
  out += '\n';
  for (const T& row : rows) {
    const std::vector<std::string> cells = Codec<T>::CsvRow(row);
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += core::CsvEscape(cells[i]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace

Result<Entity> ParseEntity(std::string_view name) {
  if (name == "territories" || name == "territory") return Entity::kTerritories;
  if (name == "indicators" || name == "indicator") return Entity::kIndicators;
  if (name == "observations" || name == "observation") return Entity::kObservations;
  if (name == "initiatives" || name == "initiative") return Entity::kInitiatives;
  return Status::Usage(fmt::format(
      "expected an entity: territories, indicators, observations or initiatives; found '{}'",
      name));
}

std::string_view EntityName(Entity entity) {
  switch (entity) {
    case Entity::kTerritories:
      return "territories";
    case Entity::kIndicators:
      return "indicators";
    case Entity::kObservations:
      return "observations";
    case Entity::kInitiatives:
      return "initiatives";
  }
  return "";
}

Result<Format> ParseFormat(std::string_view name) {
  if (name == "csv") return Format::kCsv;
  if (name == "json") return Format::kJson;
  return Status::Usage(fmt::format("expected a format 'csv' or 'json', found '{}'", name));
}

Format FormatForPath(const std::filesystem::path& path) {
  return path.extension() == ".json" ? Format::kJson : Format::kCsv;
}

Result<ImportSummary> ImportText(Store& store, Entity entity, std::string_view text,
                                 const std::string& source, Format format) {
  switch (entity) {
    case Entity::kTerritories:
      return ImportAs<Territory>(store, text, source, format);
    case Entity::kIndicators:
      return ImportAs<Indicator>(store, text, source, format);
    case Entity::kObservations:
      return ImportAs<Observation>(store, text, source, format);
    case Entity::kInitiatives:
      return ImportAs<Initiative>(store, text, source, format);
  }
  return Status::Internal("unknown entity");
}

Result<ImportSummary> ImportFile(Store& store, Entity entity, const std::filesystem::path& path,
                                 std::optional<Format> format) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  return ImportText(store, entity, text, path.string(), format.value_or(FormatForPath(path)));
}

Result<std::string> ExportText(Store& store, Entity entity, Format format) {
  switch (entity) {
    case Entity::kTerritories:
      return ExportAs<Territory>(store, format);
    case Entity::kIndicators:
      return ExportAs<Indicator>(store, format);
    case Entity::kObservations:
      return ExportAs<Observation>(store, format);
    case Entity::kInitiatives:
      return ExportAs<Initiative>(store, format);
  }
  return Status::Internal("unknown entity");
}

}  // namespace duckweed::store
