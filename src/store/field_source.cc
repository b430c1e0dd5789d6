#include "store/field_source.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "duckweed/core/json_preview.h"

namespace duckweed::store::internal {

using core::Location;

namespace {

// A JSON value as written, cut to its first 60 characters: a value of thousands of nested
// brackets is named, not echoed whole (issue 10, messages), and shown without recursion.
std::string Shown(const nlohmann::json& value) { return core::JsonPreview(value); }

}  // namespace

CsvFieldSource::CsvFieldSource(const core::CsvTable& table, core::DiagnosticSink* sink)
    : FieldSource(sink), table_(table) {
  for (size_t i = 0; i < table.column_count(); ++i) columns_.emplace(table.header()[i], i);
}

std::optional<size_t> CsvFieldSource::Column(std::string_view field, bool required) const {
  auto it = columns_.find(field);
  if (it == columns_.end()) return std::nullopt;  // the header check reported missing columns
  return it->second;
}

std::optional<std::string> CsvFieldSource::Text(std::string_view field, bool required) {
  auto col = Column(field, required);
  if (!col) return std::nullopt;
  auto value = table_.String(row_, *col, *sink_, required);
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::optional<int64_t> CsvFieldSource::Int(std::string_view field, bool required) {
  auto col = Column(field, required);
  if (!col) return std::nullopt;
  return table_.Integer(row_, *col, *sink_, required);
}

std::optional<double> CsvFieldSource::Real(std::string_view field, bool required) {
  auto col = Column(field, required);
  if (!col) return std::nullopt;
  return table_.Real(row_, *col, *sink_, required);
}

std::vector<std::string> CsvFieldSource::List(std::string_view field) {
  std::vector<std::string> out;
  auto text = Text(field, false);
  if (!text) return out;
  size_t start = 0;
  while (start <= text->size()) {
    const size_t bar = std::min(text->find('|', start), text->size());
    if (bar > start) out.push_back(text->substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

Location CsvFieldSource::Where(std::string_view field) const {
  auto col = Column(field, false);
  if (!col) return Location{table_.source(), table_.row_line(row_), 0, std::string(field)};
  return table_.Where(row_, *col);
}

const nlohmann::json* JsonFieldSource::Get(std::string_view field, bool required) {
  auto it = object_->find(field);
  if (it == object_->end() || it->is_null() ||
      (it->is_string() && it->get_ref<const std::string&>().empty())) {
    if (required) sink_->Add(Where(field), "expected a value, found none");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> JsonFieldSource::Text(std::string_view field, bool required) {
  const nlohmann::json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    sink_->Add(Where(field), fmt::format("expected a string, found {}", Shown(*v)));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<int64_t> JsonFieldSource::Int(std::string_view field, bool required) {
  const nlohmann::json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    sink_->Add(Where(field), fmt::format("expected an integer, found {}", Shown(*v)));
    return std::nullopt;
  }
  if (v->is_number_unsigned() &&
      v->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    // dump() gives the digits as written; get<int64_t>() would wrap them to a negative number.
    sink_->Add(Where(field), fmt::format("expected an integer below 2^63, found {}", Shown(*v)));
    return std::nullopt;
  }
  return v->get<int64_t>();
}

std::optional<double> JsonFieldSource::Real(std::string_view field, bool required) {
  const nlohmann::json* v = Get(field, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    sink_->Add(Where(field), fmt::format("expected a number, found {}", Shown(*v)));
    return std::nullopt;
  }
  return v->get<double>();
}

std::vector<std::string> JsonFieldSource::List(std::string_view field) {
  std::vector<std::string> out;
  const nlohmann::json* v = Get(field, false);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    sink_->Add(Where(field), fmt::format("expected an array of strings, found {}", Shown(*v)));
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_string()) {
      sink_->Add(Where(field),
                 fmt::format("expected a string in the array, found {}", Shown(item)));
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool JsonFieldSource::Has(std::string_view field) const {
  auto it = object_->find(field);
  return it != object_->end() && !it->is_null();
}

Location JsonFieldSource::Where(std::string_view field) const {
  return Location{source_, 0, 0, fmt::format("[{}].{}", index_, field)};
}

}  // namespace duckweed::store::internal
