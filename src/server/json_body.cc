#include "server/json_body.h"

#include <fmt/format.h>

#include <cmath>

namespace duckweed::server {

using core::Result;
using core::Status;
using nlohmann::json;

namespace {

// The deepest nesting of arrays and objects in `text`, stopping early past `limit` (strings and
// their escapes skipped). Returns the byte offset where the limit was passed, or npos.
size_t DepthExceeded(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

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
  const size_t deep = DepthExceeded(text, max_depth);
  if (deep != std::string_view::npos) {
    return Status::InvalidInput(
        fmt::format("the JSON body is nested deeper than {} levels (at byte {})", max_depth, deep),
        {"body", 0, 0, ""});
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    return Status::InvalidInput(fmt::format("malformed JSON at byte {}: {}", e.byte, e.what()),
                                {"body", 0, 0, ""});
  }
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
