// libFuzzer target: the store's CSV and JSON import into an in-memory database must never crash,
// hang or read out of bounds, and a failed import must leave the database as it was. The first
// byte picks the entity and the format.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "duckweed/store/exchange.h"
#include "duckweed/store/store.h"

namespace {

using namespace duckweed::store;

// One store for the whole run, holding a territory and an indicator for observations and
// initiatives to refer to; a successful import may add rows, which later inputs may refer to.
Store& SharedStore() {
  static std::unique_ptr<Store> store = [] {
    auto opened = Store::Open(":memory:");
    if (!opened.ok()) __builtin_trap();
    auto t = ImportText(**opened, Entity::kTerritories, "id,name,kind\nfr:1,Loos,commune\n",
                        "seed.csv", Format::kCsv);
    auto i = ImportText(**opened, Entity::kIndicators, "id,name\nkwh,Energy\n", "seed.csv",
                        Format::kCsv);
    if (!t.ok() || !i.ok()) __builtin_trap();
    return std::move(*opened);
  }();
  return *store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto entity = static_cast<Entity>(data[0] % 4);
  const Format format = (data[0] & 4) != 0 ? Format::kJson : Format::kCsv;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  Store& store = SharedStore();
  auto before = ExportText(store, entity, Format::kCsv);
  if (!before.ok()) __builtin_trap();
  auto summary = ImportText(store, entity, text, "fuzz", format);
  if (summary.ok()) return 0;
  if (summary.status().ExitCode() != 1) __builtin_trap();
  auto after = ExportText(store, entity, Format::kCsv);
  if (!after.ok() || *after != *before) __builtin_trap();  // a failed import wrote something
  return 0;
}
