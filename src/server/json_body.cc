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
  }
  return "";
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

}  // namespace duckweed::server
