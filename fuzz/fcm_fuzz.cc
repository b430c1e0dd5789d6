// libFuzzer target: the FCM readers (edge-list or matrix CSV, JSON, concepts CSV) must never crash,
// hang or read out of bounds. The first byte picks the reader; for a CSV map, the bytes after a
// NUL are a concepts file that restricts it. A map that is read must survive a round trip through
// JSON and matrix CSV with the same weights.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duckweed/fcm/fcm_io.h"

namespace {

void CheckRoundTrip(const duckweed::fcm::FcmMap& map) {
  using namespace duckweed::fcm;
  auto json = ParseFcmJson(FcmToJson(map), "again.json");
  if (!json.ok() || json->weights() != map.weights()) __builtin_trap();
  auto matrix = ParseFcmCsv(FcmToMatrixCsv(map), "again.csv");
  if (!matrix.ok() || matrix->weights() != map.weights()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duckweed::fcm;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto map = ParseFcmJson(text, "fuzz.json");
      if (map.ok()) CheckRoundTrip(*map);
      break;
    }
    case 1: {
      auto map = ParseFcmCsv(text, "fuzz.csv");
      if (map.ok()) CheckRoundTrip(*map);
      break;
    }
    default: {
      const size_t split = text.find('\0');
      const std::string_view map_text = text.substr(0, split);
      const std::string_view concepts_text =
          split == std::string_view::npos ? std::string_view() : text.substr(split + 1);
      auto concepts = ParseFcmConceptsCsv(concepts_text, "concepts.csv");
      if (concepts.ok()) (void)ParseFcmCsv(map_text, "fuzz.csv", &*concepts);
      break;
    }
  }
  return 0;
}
