#include "store/codecs.h"

#include <fmt/format.h>

#include "duckweed/core/number.h"
#include "duckweed/store/json.h"

namespace duckweed::store::internal {
namespace {

using Json = nlohmann::ordered_json;

std::string Num(const std::optional<int64_t>& v) { return v ? fmt::format("{}", *v) : ""; }
std::string Num(const std::optional<int>& v) { return v ? fmt::format("{}", *v) : ""; }
// Shortest representation that reads back to the same double.
std::string Num(const std::optional<double>& v) { return v ? core::FormatNumber(*v) : ""; }

template <typename V>
Json OrNull(const std::optional<V>& v) {
  return v ? Json(*v) : Json(nullptr);
}
Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += '|';
    out += item;
  }
  return out;
}

// Checks that a text field is in a closed vocabulary; adds a diagnostic otherwise.
bool CheckVocabulary(FieldSource& in, const char* field, const std::string& value,
                     bool (*valid)(std::string_view), const char* expected) {
  if (valid(value)) return true;
  in.sink().Add(in.Where(field), fmt::format("expected {}, found '{}'", expected, value));
  return false;
}

bool CheckId(FieldSource& in, const char* field, const std::string& id) {
  if (IsValidTerritoryId(id)) return true;
  in.sink().Add(
      in.Where(field),
      fmt::format("expected a territory id like 'fr:62528' or 'gn:2997577', found '{}'", id));
  return false;
}

bool CheckRange(FieldSource& in, const char* field, const std::optional<double>& v, double lo,
                double hi) {
  if (!v || (*v >= lo && *v <= hi)) return true;
  in.sink().Add(in.Where(field), fmt::format("expected a value in [{}, {}], found {}", lo, hi, *v));
  return false;
}

bool CheckYear(FieldSource& in, const char* field, const std::optional<int64_t>& year) {
  if (!year || (*year >= 1000 && *year <= 2999)) return true;
  in.sink().Add(in.Where(field),
                fmt::format("expected a year between 1000 and 2999, found {}", *year));
  return false;
}

}  // namespace

// ---- territories ----
const std::vector<FieldSpec>& Codec<Territory>::Fields() {
  static const std::vector<FieldSpec> kFields = {
      {"id", true},          {"name", true},      {"kind", true},       {"country", false},
      {"population", false}, {"latitude", false}, {"longitude", false}, {"parents", false}};
  return kFields;
}
const char* Codec<Territory>::KeyField() { return "id"; }

std::optional<Territory> Codec<Territory>::Read(FieldSource& in) {
  const size_t before = in.sink().count();
  Territory t;
  t.id = in.Text("id", true).value_or("");
  t.name = in.Text("name", true).value_or("");
  t.kind = in.Text("kind", true).value_or("");
  t.country = in.Text("country", false).value_or("");
  t.population = in.Int("population", false);
  t.latitude = in.Real("latitude", false);
  t.longitude = in.Real("longitude", false);
  t.parents = in.List("parents");
  t.keep_parents = !in.Has("parents");
  if (!t.id.empty()) CheckId(in, "id", t.id);
  for (const std::string& parent : t.parents) {
    if (!CheckId(in, "parents", parent)) continue;
    if (parent == t.id) {
      in.sink().Add(in.Where("parents"),
                    fmt::format("expected parents other than the territory itself, found '{}' "
                                "(a territory cannot contain itself)",
                                parent));
    }
  }
  if (t.population && *t.population < 0) {
    in.sink().Add(in.Where("population"),
                  fmt::format("expected a population >= 0, found {}", *t.population));
  }
  CheckRange(in, "latitude", t.latitude, -90, 90);
  CheckRange(in, "longitude", t.longitude, -180, 180);
  if (t.latitude.has_value() != t.longitude.has_value()) {
    in.sink().Add(in.Where("latitude"), "expected latitude and longitude together, found only one");
  }
  if (in.sink().count() != before) return std::nullopt;
  return t;
}

std::string Codec<Territory>::Key(const Territory& t) { return t.id; }

std::vector<std::string> Codec<Territory>::CsvRow(const Territory& t) {
  return {t.id,
          t.name,
          t.kind,
          t.country,
          Num(t.population),
          Num(t.latitude),
          Num(t.longitude),
          Join(t.parents)};
}

Json Codec<Territory>::Json(const Territory& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"kind", t.kind},
          {"country", OrNull(t.country)},
          {"population", OrNull(t.population)},
          {"latitude", OrNull(t.latitude)},
          {"longitude", OrNull(t.longitude)},
          {"parents", t.parents}};
}

// ---- indicators ----
const std::vector<FieldSpec>& Codec<Indicator>::Fields() {
  static const std::vector<FieldSpec> kFields = {
      {"id", true},         {"name", true},         {"unit", false},   {"domain", false},
      {"direction", false}, {"description", false}, {"source", false}, {"formula", false}};
  return kFields;
}
const char* Codec<Indicator>::KeyField() { return "id"; }

std::optional<Indicator> Codec<Indicator>::Read(FieldSource& in) {
  const size_t before = in.sink().count();
  Indicator i;
  i.id = in.Text("id", true).value_or("");
  i.name = in.Text("name", true).value_or("");
  i.unit = in.Text("unit", false).value_or("");
  i.domain = in.Text("domain", false).value_or("");
  i.direction = in.Text("direction", false).value_or("");
  i.description = in.Text("description", false).value_or("");
  i.source = in.Text("source", false).value_or("");
  i.formula = in.Text("formula", false).value_or("");
  CheckVocabulary(in, "direction", i.direction, IsValidDirection, "'higher', 'lower' or empty");
  if (in.sink().count() != before) return std::nullopt;
  return i;
}

std::string Codec<Indicator>::Key(const Indicator& i) { return i.id; }

std::vector<std::string> Codec<Indicator>::CsvRow(const Indicator& i) {
  return {i.id, i.name, i.unit, i.domain, i.direction, i.description, i.source, i.formula};
}

Json Codec<Indicator>::Json(const Indicator& i) {
  return {{"id", i.id},
          {"name", i.name},
          {"unit", OrNull(i.unit)},
          {"domain", OrNull(i.domain)},
          {"direction", OrNull(i.direction)},
          {"description", OrNull(i.description)},
          {"source", OrNull(i.source)},
          {"formula", OrNull(i.formula)}};
}

// ---- observations ----
const std::vector<FieldSpec>& Codec<Observation>::Fields() {
  static const std::vector<FieldSpec> kFields = {
      {"territory", true}, {"indicator", true}, {"year", true}, {"kind", false},
      {"value", true},     {"source", false},   {"note", false}};
  return kFields;
}
const char* Codec<Observation>::KeyField() { return "territory"; }

std::optional<Observation> Codec<Observation>::Read(FieldSource& in) {
  const size_t before = in.sink().count();
  Observation o;
  o.territory_id = in.Text("territory", true).value_or("");
  o.indicator_id = in.Text("indicator", true).value_or("");
  const auto year = in.Int("year", true);
  o.kind = in.Text("kind", false).value_or("result");
  const auto value = in.Real("value", true);
  o.source = in.Text("source", false).value_or("");
  o.note = in.Text("note", false).value_or("");
  if (!o.territory_id.empty()) CheckId(in, "territory", o.territory_id);
  CheckYear(in, "year", year);
  CheckVocabulary(in, "kind", o.kind, IsValidObservationKind, "'result' or 'target'");
  if (in.sink().count() != before) return std::nullopt;
  o.year = static_cast<int>(*year);
  o.value = *value;
  return o;
}

std::string Codec<Observation>::Key(const Observation& o) {
  return fmt::format("{} {} {} {}", o.territory_id, o.indicator_id, o.year, o.kind);
}

std::vector<std::string> Codec<Observation>::CsvRow(const Observation& o) {
  return {o.territory_id,
          o.indicator_id,
          fmt::format("{}", o.year),
          o.kind,
          Num(std::optional(o.value)),
          o.source,
          o.note};
}

Json Codec<Observation>::Json(const Observation& o) {
  return {{"territory", o.territory_id},
          {"indicator", o.indicator_id},
          {"year", o.year},
          {"kind", o.kind},
          {"value", o.value},
          {"source", OrNull(o.source)},
          {"note", OrNull(o.note)}};
}

// ---- initiatives ----
const std::vector<FieldSpec>& Codec<Initiative>::Fields() {
  static const std::vector<FieldSpec> kFields = {
      {"territory", true}, {"title", true},       {"domain", false},       {"start_year", false},
      {"end_year", false}, {"involvement", true}, {"participants", false}, {"budget", false},
      {"status", false},   {"source", false}};
  return kFields;
}
const char* Codec<Initiative>::KeyField() { return "title"; }

std::optional<Initiative> Codec<Initiative>::Read(FieldSource& in) {
  const size_t before = in.sink().count();
  Initiative i;
  i.territory_id = in.Text("territory", true).value_or("");
  i.title = in.Text("title", true).value_or("");
  i.domain = in.Text("domain", false).value_or("");
  const auto start = in.Int("start_year", false);
  const auto end = in.Int("end_year", false);
  i.involvement = in.Text("involvement", true).value_or("");
  i.participants = in.Int("participants", false);
  i.budget = in.Real("budget", false);
  i.status = in.Text("status", false).value_or("");
  i.source = in.Text("source", false).value_or("");
  if (!i.territory_id.empty()) CheckId(in, "territory", i.territory_id);
  CheckYear(in, "start_year", start);
  CheckYear(in, "end_year", end);
  if (start && end && *end < *start) {
    in.sink().Add(in.Where("end_year"),
                  fmt::format("expected an end year >= start year {}, found {}", *start, *end));
  }
  if (!i.involvement.empty()) {
    CheckVocabulary(in, "involvement", i.involvement, IsValidInvolvement,
                    "'inform', 'consult', 'co-produce' or 'citizen-led'");
  }
  CheckVocabulary(in, "status", i.status, IsValidInitiativeStatus,
                  "'planned', 'ongoing', 'completed', 'stopped' or empty");
  if (i.participants && *i.participants < 0) {
    in.sink().Add(in.Where("participants"),
                  fmt::format("expected participants >= 0, found {}", *i.participants));
  }
  if (in.sink().count() != before) return std::nullopt;
  if (start) i.start_year = static_cast<int>(*start);
  if (end) i.end_year = static_cast<int>(*end);
  return i;
}

std::string Codec<Initiative>::Key(const Initiative& i) {
  return fmt::format("{} '{}'", i.territory_id, i.title);
}

std::vector<std::string> Codec<Initiative>::CsvRow(const Initiative& i) {
  return {i.territory_id,
          i.title,
          i.domain,
          Num(i.start_year),
          Num(i.end_year),
          i.involvement,
          Num(i.participants),
          Num(i.budget),
          i.status,
          i.source};
}

Json Codec<Initiative>::Json(const Initiative& i) {
  return {{"territory", i.territory_id},
          {"title", i.title},
          {"domain", OrNull(i.domain)},
          {"start_year", OrNull(i.start_year)},
          {"end_year", OrNull(i.end_year)},
          {"involvement", i.involvement},
          {"participants", OrNull(i.participants)},
          {"budget", OrNull(i.budget)},
          {"status", OrNull(i.status)},
          {"source", OrNull(i.source)}};
}

}  // namespace duckweed::store::internal

namespace duckweed::store {

nlohmann::ordered_json ToJson(const Territory& t) { return internal::Codec<Territory>::Json(t); }
nlohmann::ordered_json ToJson(const Indicator& i) { return internal::Codec<Indicator>::Json(i); }
nlohmann::ordered_json ToJson(const Observation& o) {
  return internal::Codec<Observation>::Json(o);
}
nlohmann::ordered_json ToJson(const Initiative& i) { return internal::Codec<Initiative>::Json(i); }

}  // namespace duckweed::store
