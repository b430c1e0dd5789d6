// Internal: per-entity field lists, readers (from a FieldSource, with validation), keys and
// writers (CSV row, JSON object). One specialisation per entity, shared by import and export.
#ifndef DUCKWEED_STORE_CODECS_H_
#define DUCKWEED_STORE_CODECS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/store/entities.h"
#include "store/field_source.h"

namespace duckweed::store::internal {

struct FieldSpec {
  const char* name;
  bool required;
};

template <typename T>
struct Codec;

#define DUCKWEED_STORE_CODEC_(T)                                     \
  template <>                                                        \
  struct Codec<T> {                                                  \
    static const std::vector<FieldSpec>& Fields();                   \
    static const char* KeyField();                                   \
    /* nullopt when a field did not convert (diagnostics in sink) */ \
    static std::optional<T> Read(FieldSource& in);                   \
    static std::string Key(const T& value);                          \
    static std::vector<std::string> CsvRow(const T& value);          \
    static nlohmann::ordered_json Json(const T& value);              \
  }

DUCKWEED_STORE_CODEC_(Territory);
DUCKWEED_STORE_CODEC_(Indicator);
DUCKWEED_STORE_CODEC_(Observation);
DUCKWEED_STORE_CODEC_(Initiative);

#undef DUCKWEED_STORE_CODEC_

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_CODECS_H_
