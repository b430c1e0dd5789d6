// JSON form of the store's entities: the same objects as `duckweed export ENTITY --format json`
// (keys as in exchange.h; empty optional values are null).
#ifndef DUCKWEED_STORE_JSON_H_
#define DUCKWEED_STORE_JSON_H_

#include <nlohmann/json.hpp>

#include "duckweed/store/entities.h"

namespace duckweed::store {

nlohmann::ordered_json ToJson(const Territory& territory);
nlohmann::ordered_json ToJson(const Indicator& indicator);
nlohmann::ordered_json ToJson(const Observation& observation);
nlohmann::ordered_json ToJson(const Initiative& initiative);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_JSON_H_
