#include "server/json_body.h"

#include <fmt/format.h>

#include <cmath>

#include "duckweed/core/json.h"

namespace duckweed::server {

using core::Result;
using core::Status;
using nlohmann::json;

namespace {

const char* TypeName(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "text";
    case FieldType::kInteger:
      return "a whole number";
    case FieldType::kNumber:
      return "a number";
    case FieldType::kBoolean:
      return "true or false";
    case FieldType::kObject:
      return "an object";
    case FieldType::kStrings:
      return "an array of texts (at most 10000)";
    case FieldType::kIntegers:
      return "an array of whole numbers (at most 10000)";
    case FieldType::kNumbers:
      return "an array of numbers (at most 10000)";
  }
  return "";
}

bool HasType(const json& v, FieldType type);

// An array of at most 10,000 elements of `element` type.
bool IsArrayOf(const json& v, FieldType element) {
  if (!v.is_array() || v.size() > 10000) return false;
  for (const auto& e : v) {
    if (!HasType(e, element)) return false;
  }
  return true;
}

bool HasType(const json& v, FieldType type) {
  switch (type) {
    case FieldType::kString:
      return v.is_string();
    case FieldType::kInteger:
      return v.is_number_integer() ||
             (v.is_number_float() && std::isfinite(v.get<double>()) &&
              v.get<double>() == std::floor(v.get<double>()) && std::abs(v.get<double>()) < 1e15);
    case FieldType::kNumber:
      return v.is_number() && std::isfinite(v.get<double>());
    case FieldType::kBoolean:
      return v.is_boolean();
    case FieldType::kObject:
      return v.is_object();
    case FieldType::kStrings:
      return IsArrayOf(v, FieldType::kString);
    case FieldType::kIntegers:
      return IsArrayOf(v, FieldType::kInteger);
    case FieldType::kNumbers:
      return IsArrayOf(v, FieldType::kNumber);
  }
  return false;
}

std::string Found(const json& v) {
  std::string text = v.dump();
  if (text.size() > 40) text = text.substr(0, 40) + "...";
  return text;
}

}  // namespace

Result<json> ParseJsonBody(std::string_view text, int max_depth) {
  return core::ParseJson(text, "body", max_depth);
}

BodyFields::BodyFields(const json& body, std::vector<FieldSpec> specs)
    : body_(body), specs_(std::move(specs)) {}

Status BodyFields::Check() const {
  if (!body_.is_object()) {
    return Status::InvalidInput(fmt::format("expected a JSON object, found {}", body_.type_name()),
                                {"body", 0, 0, ""});
  }
  core::DiagnosticSink sink;
  for (const auto& [key, value] : body_.items()) {
    bool known = false;
    for (const auto& s : specs_) known |= key == s.name;
    if (!known) {
      std::string names;
      for (const auto& s : specs_) names += (names.empty() ? "" : ", ") + std::string(s.name);
      sink.Add({"body", 0, 0, key}, fmt::format("unknown field; expected one of: {}", names));
    }
  }
  for (const auto& s : specs_) {
    auto it = body_.find(s.name);
    if (it == body_.end() || it->is_null()) {
      if (s.required)
        sink.Add({"body", 0, 0, s.name}, fmt::format("required: {}", TypeName(s.type)));
      continue;
    }
    if (!HasType(*it, s.type)) {
      sink.Add({"body", 0, 0, s.name},
               fmt::format("expected {}, found {}", TypeName(s.type), Found(*it)));
    }
  }
  return sink.ToStatus();
}

std::string BodyFields::Text(const char* name) const {
  auto it = body_.find(name);
  return it != body_.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<int64_t> BodyFields::Integer(const char* name) const {
  auto it = body_.find(name);
  if (it == body_.end() || !it->is_number()) return std::nullopt;
  return static_cast<int64_t>(it->get<double>());
}

std::optional<double> BodyFields::Number(const char* name) const {
  auto it = body_.find(name);
  if (it == body_.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::optional<bool> BodyFields::Bool(const char* name) const {
  auto it = body_.find(name);
  if (it == body_.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::vector<std::string> BodyFields::Strings(const char* name) const {
  std::vector<std::string> out;
  auto it = body_.find(name);
  if (it == body_.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::vector<int64_t> BodyFields::Integers(const char* name) const {
  std::vector<int64_t> out;
  auto it = body_.find(name);
  if (it == body_.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_number()) out.push_back(static_cast<int64_t>(e.get<double>()));
  }
  return out;
}

std::vector<double> BodyFields::Numbers(const char* name) const {
  std::vector<double> out;
  auto it = body_.find(name);
  if (it == body_.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_number()) out.push_back(e.get<double>());
  }
  return out;
}

}  // namespace duckweed::server
