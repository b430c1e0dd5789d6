// libFuzzer target: the server's request-body reader must never crash, hang or recurse deeply,
// whatever the bytes: a body is either refused with a diagnostic (a 400) or parsed, nested at
// most kMaxBodyDepth deep, and its fields checked against the observation route's fields.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/json_body.h"

namespace {

int Depth(const nlohmann::json& v) {
  int deepest = 0;
  if (v.is_structured()) {
    for (const auto& child : v) deepest = std::max(deepest, Depth(child));
    return deepest + 1;
  }
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duckweed::server;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto body = ParseJsonBody(text);
  if (!body.ok()) {
    if (body.status().diagnostics().empty()) std::abort();
    return 0;
  }
  if (Depth(*body) > kMaxBodyDepth) std::abort();
  BodyFields fields(*body, {{"territory", FieldType::kString, true},
                            {"indicator", FieldType::kString, true},
                            {"year", FieldType::kInteger, true},
                            {"value", FieldType::kNumber, true},
                            {"note", FieldType::kString, false}});
  if (fields.Check().ok()) {
    if (!fields.Integer("year") || !fields.Number("value")) std::abort();
    (void)fields.Text("territory");
  }
  return 0;
}
