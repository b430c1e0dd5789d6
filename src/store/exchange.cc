#include "duckweed/store/exchange.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <type_traits>

#include "duckweed/core/csv.h"
#include "store/codecs.h"
#include "store/field_source.h"
#include "store/import_keys.h"
#include "store/json_array.h"
#include "store/sql.h"

namespace duckweed::store {

using core::DiagnosticSink;
using core::Location;
using core::Result;
using core::Status;
using internal::Codec;

namespace {

template <typename T>
std::vector<Location> FieldLocations(const internal::FieldSource& fields) {
  std::vector<Location> out;
  for (const auto& spec : Codec<T>::Fields()) out.push_back(fields.Where(spec.name));
  return out;
}

template <typename T>
Location WhereIs(const std::vector<Location>& where, std::string_view name) {
  const auto& fields = Codec<T>::Fields();
  for (size_t f = 0; f < fields.size(); ++f) {
    if (name == fields[f].name) return where[f];
  }
  return where[0];
}

template <typename T>
bool IsKnownField(std::string_view name) {
  for (const auto& spec : Codec<T>::Fields()) {
    if (name == spec.name) return true;
  }
  return false;
}

std::string Describe(const Location& where) {
  if (where.line > 0) return fmt::format("line {}", where.line);
  return where.field;
}

// Remembers which ids exist, asking the store once per id.
class ExistenceCache {
 public:
  ExistenceCache(Store& store, bool territories) : store_(store), territories_(territories) {}
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

using internal::KeySet;

Status Upsert(Store& s, const std::vector<Territory>& v) { return s.UpsertTerritories(v); }
Status Upsert(Store& s, const std::vector<Indicator>& v) { return s.UpsertIndicators(v); }
Status Upsert(Store& s, const std::vector<Observation>& v) { return s.UpsertObservations(v); }
Status Upsert(Store& s, const std::vector<Initiative>& v) { return s.UpsertInitiatives(v); }

// Takes an import's records one at a time, inside the import's transaction: checks duplicate
// keys and references, and writes them in batches while no problem has been found (after the
// first problem it only checks, so that every problem is reported; the caller then rolls back).
template <typename T>
class RecordWriter {
 public:
  static constexpr size_t kBatch = 8192;
  RecordWriter(Store& store, DiagnosticSink& sink, KeySet keys, core::Progress* progress)
      : store_(store),
        sink_(sink),
        keys_(std::move(keys)),
        progress_(progress),
        territories_(store, true),
        indicators_(store, false) {}

  Status Add(T record, const std::vector<Location>& where) {
    ++rows_;
    if (progress_ != nullptr) progress_->Advance();
    const Location key_where = WhereIs<T>(where, Codec<T>::KeyField());
    DUCKWEED_ASSIGN_OR_RETURN(auto first, keys_.Add(Codec<T>::Key(record), Describe(key_where)));
    if (first) {
      sink_.Add(key_where,
                fmt::format("duplicate key {} (first at {})", Codec<T>::Key(record), *first));
    }
    DUCKWEED_RETURN_IF_ERROR(CheckReferences(record, where));
    if (!sink_.empty()) {
      batch_.clear();
      return Status::Ok();
    }
    batch_.push_back(std::move(record));
    if constexpr (std::is_same_v<T, Territory>) {
      where_.push_back(where);
    } else if (batch_.size() >= kBatch) {
      return Flush();
    }
    return Status::Ok();
  }

  // Writes what is left; for territories, checks parents and cycles once all are written.
  Status Finish() {
    if constexpr (std::is_same_v<T, Territory>) {
      if (!sink_.empty()) return Status::Ok();
      DUCKWEED_RETURN_IF_ERROR(CheckParentsExist());
      if (!sink_.empty()) return Status::Ok();
      DUCKWEED_RETURN_IF_ERROR(Flush());
      return CheckNoCycle();
    } else {
      return sink_.empty() ? Flush() : Status::Ok();
    }
  }

  size_t rows() const { return rows_; }

 private:
  Status Flush() {
    if (batch_.empty()) return Status::Ok();
    Status status = Upsert(store_, batch_);
    if constexpr (!std::is_same_v<T, Territory>) batch_.clear();
    return status;
  }

  Status CheckReferences(const T& r, const std::vector<Location>& where) {
    if constexpr (std::is_same_v<T, Observation>) {
      DUCKWEED_RETURN_IF_ERROR(Require(territories_, r.territory_id, "territory",
                                       WhereIs<T>(where, "territory"), sink_));
      return Require(indicators_, r.indicator_id, "indicator", WhereIs<T>(where, "indicator"),
                     sink_);
    } else if constexpr (std::is_same_v<T, Initiative>) {
      return Require(territories_, r.territory_id, "territory", WhereIs<T>(where, "territory"),
                     sink_);
    } else {
      return Status::Ok();
    }
  }

  // Parents may be defined later in the file, so they are checked once every territory of the
  // file is known: against the file's ids, then the store.
  Status CheckParentsExist() {
    std::set<std::string> in_file;
    for (const Territory& t : batch_) in_file.insert(t.id);
    for (size_t i = 0; i < batch_.size(); ++i) {
      for (const std::string& parent : batch_[i].parents) {
        if (in_file.count(parent)) continue;
        DUCKWEED_RETURN_IF_ERROR(Require(territories_, parent, "parent territory",
                                         WhereIs<T>(where_[i], "parents"), sink_));
      }
    }
    return Status::Ok();
  }

  // Once written, a cycle through the file's territories (possibly through stored ones).
  Status CheckNoCycle() {
    std::vector<std::string> ids;
    for (const Territory& t : batch_) ids.push_back(t.id);
    DUCKWEED_ASSIGN_OR_RETURN(std::vector<std::string> cycle, store_.FindParentCycle(ids));
    if (cycle.empty()) return Status::Ok();
    std::string path;
    for (const std::string& id : cycle) path += (path.empty() ? "" : " -> ") + id;
    size_t at = 0;  // the first territory of this file on the cycle
    while (at < batch_.size() &&
           std::find(cycle.begin(), cycle.end(), batch_[at].id) == cycle.end()) {
      ++at;
    }
    const Location where = at < batch_.size() ? WhereIs<T>(where_[at], "parents") : Location{};
    sink_.Add(where, fmt::format("expected territories to form a hierarchy, found the parent "
                                 "cycle {} (a territory cannot contain itself)",
                                 path));
    return Status::Ok();
  }

  Store& store_;
  DiagnosticSink& sink_;
  KeySet keys_;
  core::Progress* progress_;
  ExistenceCache territories_;
  ExistenceCache indicators_;
  std::vector<T> batch_;
  std::vector<std::vector<Location>> where_;  // territories only: each record's field locations
  size_t rows_ = 0;
};

template <typename T>
Status ReadCsvRecords(core::CsvReader& reader, DiagnosticSink& sink, RecordWriter<T>& writer) {
  const std::string& source = reader.row().source();
  for (const std::string& name : reader.header()) {
    if (!IsKnownField<T>(name)) {
      sink.Add({source, 1, 0, name}, "unexpected column (not a field of this entity)");
    }
  }
  bool missing = false;
  for (const auto& spec : Codec<T>::Fields()) {
    if (spec.required && std::find(reader.header().begin(), reader.header().end(), spec.name) ==
                             reader.header().end()) {
      sink.Add({source, 1, 0, spec.name},
               fmt::format("expected a column named '{}' in the header, found none", spec.name));
      missing = true;
    }
  }
  if (missing || reader.header().empty()) return Status::Ok();
  while (reader.Next()) {
    internal::CsvFieldSource fields(reader.row(), &sink);
    fields.set_row(0);
    if (auto record = Codec<T>::Read(fields)) {
      DUCKWEED_RETURN_IF_ERROR(writer.Add(std::move(*record), FieldLocations<T>(fields)));
    }
  }
  return Status::Ok();
}

// Checks and hands over one element of a JSON import (`[index]` names it in diagnostics).
template <typename T>
Status ReadJsonRecord(const nlohmann::json& item, size_t index, internal::JsonFieldSource& fields,
                      DiagnosticSink& sink, RecordWriter<T>& writer) {
  const std::string& source = fields.source();
  if (!item.is_object()) {
    sink.Add({source, 0, 0, fmt::format("[{}]", index)},
             fmt::format("expected an object, found {}", item.type_name()));
    return Status::Ok();
  }
  for (const auto& [key, value] : item.items()) {
    if (!IsKnownField<T>(key)) {
      sink.Add({source, 0, 0, fmt::format("[{}].{}", index, key)},
               "unexpected key (not a field of this entity)");
    }
  }
  fields.set_record(&item, index);
  if (auto record = Codec<T>::Read(fields)) {
    DUCKWEED_RETURN_IF_ERROR(writer.Add(std::move(*record), FieldLocations<T>(fields)));
  }
  return Status::Ok();
}

// One import: every record is checked and written inside one transaction, which is rolled back
// when any problem was found, so a bad file writes nothing.
// A JSON import reads its elements through `json`, which calls its argument once per element (a
// file or text, internal::ForEachJsonElement*).
using JsonSource = std::function<Status(const internal::JsonElementFn&)>;

template <typename T>
Result<ImportSummary> ImportAs(Store& store, core::CsvReader* csv, const JsonSource& json,
                               const std::string& source, core::Progress* progress = nullptr) {
  DiagnosticSink sink;
  size_t rows = 0;
  Status status = store.InTransaction([&]() -> Status {
    if (csv != nullptr) {  // problems found while reading the header
      DUCKWEED_RETURN_IF_ERROR(csv->sink().ToStatus());
    }
    DUCKWEED_ASSIGN_OR_RETURN(KeySet keys, KeySet::Create(store.handle()));
    RecordWriter<T> writer(store, sink, std::move(keys), progress);
    if (csv != nullptr) {
      DUCKWEED_RETURN_IF_ERROR(ReadCsvRecords(*csv, sink, writer));
      DUCKWEED_RETURN_IF_ERROR(csv->sink().ToStatus());  // malformed records come first
    } else {
      internal::JsonFieldSource fields(source, &sink);
      DUCKWEED_RETURN_IF_ERROR(json([&](const nlohmann::json& item, size_t index) {
        return ReadJsonRecord(item, index, fields, sink, writer);
      }));
    }
    DUCKWEED_RETURN_IF_ERROR(writer.Finish());
    rows = writer.rows();
    return sink.ToStatus();
  });
  if (!status.ok()) return status;
  return ImportSummary{rows};
}

template <typename T>
Result<ImportSummary> ImportText(Store& store, std::string_view text, const std::string& source,
                                 Format format) {
  if (format == Format::kJson) {
    return ImportAs<T>(
        store, nullptr,
        [&](const internal::JsonElementFn& fn) {
          return internal::ForEachJsonElement(text, source, fn);
        },
        source);
  }
  auto reader = core::CsvReader::FromText(text, source);
  return ImportAs<T>(store, reader.get(), {}, source);
}

template <typename T>
Result<ImportSummary> ImportFile(Store& store, const std::filesystem::path& path, Format format,
                                 core::Progress* progress) {
  if (format == Format::kJson) {
    return ImportAs<T>(
        store, nullptr,
        [&](const internal::JsonElementFn& fn) {
          return internal::ForEachJsonElementInFile(path, path.string(), fn);
        },
        path.string(), progress);
  }
  DUCKWEED_ASSIGN_OR_RETURN(auto reader, core::CsvReader::OpenFile(path));
  return ImportAs<T>(store, reader.get(), {}, path.string(), progress);
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
      return ImportText<Territory>(store, text, source, format);
    case Entity::kIndicators:
      return ImportText<Indicator>(store, text, source, format);
    case Entity::kObservations:
      return ImportText<Observation>(store, text, source, format);
    case Entity::kInitiatives:
      return ImportText<Initiative>(store, text, source, format);
  }
  return Status::Internal("unknown entity");
}

Result<ImportSummary> ImportFile(Store& store, Entity entity, const std::filesystem::path& path,
                                 std::optional<Format> format, core::Progress* progress) {
  const Format f = format.value_or(FormatForPath(path));
  switch (entity) {
    case Entity::kTerritories:
      return ImportFile<Territory>(store, path, f, progress);
    case Entity::kIndicators:
      return ImportFile<Indicator>(store, path, f, progress);
    case Entity::kObservations:
      return ImportFile<Observation>(store, path, f, progress);
    case Entity::kInitiatives:
      return ImportFile<Initiative>(store, path, f, progress);
  }
  return Status::Internal("unknown entity");
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
