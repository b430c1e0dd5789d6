// Internal to the server: a request body as JSON, refused with located diagnostics before anything
// is stored — malformed JSON (the byte where it breaks), nesting deeper than a limit (checked on
// the raw text before parsing, so a hostile body never reaches the recursive parser), a body that
// is not an object, unknown fields, missing required fields and values of the wrong type (each
// diagnostic names its field).
#ifndef DUCKWEED_SERVER_JSON_BODY_H_
#define DUCKWEED_SERVER_JSON_BODY_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/core/status.h"

namespace duckweed::server {

inline constexpr int kMaxBodyDepth = 8;

// Parses `text` as one JSON value nested at most `max_depth` arrays/objects deep (core::ParseJson,
// the depth checked on the raw text first). Errors: kInvalidInput "invalid JSON: ..." located at
// body:line:column of the offending byte.
core::Result<nlohmann::json> ParseJsonBody(std::string_view text, int max_depth = kMaxBodyDepth);

// Arrays (kStrings, kIntegers, kNumbers) hold at most 10,000 elements, each of the type.
enum class FieldType {
  kString,
  kInteger,
  kNumber,
  kBoolean,
  kObject,
  kStrings,
  kIntegers,
  kNumbers
};

struct FieldSpec {
  const char* name;
  FieldType type;
  bool required;
};

// The fields of a body object, checked against `specs` (every problem collected): read them with
// Text / Integer / Number / Bool / Strings / Integers / Numbers after Check() is ok (an absent
// field: "", nullopt or empty).
class BodyFields {
 public:
  BodyFields(const nlohmann::json& body, std::vector<FieldSpec> specs);
  // Ok, or kInvalidInput with one diagnostic per unknown, missing or mistyped field.
  core::Status Check() const;
  std::string Text(const char* name) const;  // "" when absent
  std::optional<int64_t> Integer(const char* name) const;
  std::optional<double> Number(const char* name) const;
  std::optional<bool> Bool(const char* name) const;
  std::vector<std::string> Strings(const char* name) const;
  std::vector<int64_t> Integers(const char* name) const;
  std::vector<double> Numbers(const char* name) const;

 private:
  const nlohmann::json& body_;
  std::vector<FieldSpec> specs_;
};

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_JSON_BODY_H_
