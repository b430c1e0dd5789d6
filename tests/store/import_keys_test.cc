// The duplicate-key check of imports (store/import_keys.h): keys buffered 256 at a time and a
// Bloom filter that grows in stages must still find every duplicate, with the place it was first
// seen, whether that key is still buffered, already in the table, or in an earlier filter stage.
#include "store/import_keys.h"

#include <gtest/gtest.h>

#include <string>

#include "duckweed/store/store.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

class StoreImportKeys : public testing::BackendTest {};

TEST_P(StoreImportKeys, EveryDuplicateFoundWithItsFirstPlaceAcrossBatchesAndFilterStages) {
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  core::Status status = (*store)->InTransaction([&]() -> core::Status {
    auto keys = internal::KeySet::Create((*store)->handle());
    EXPECT_TRUE(keys.ok());
    constexpr int kKeys = 200'000;  // past the first filter stage (65,536 keys) and the second
    for (int i = 0; i < kKeys; ++i) {
      auto first = keys->Add("k" + std::to_string(i), "f.csv:" + std::to_string(i + 2));
      if (!first.ok()) return first.status();
      if (first->has_value()) {
        ADD_FAILURE() << "key " << i << " reported as seen at " << **first;
        break;
      }
    }
    // Still buffered (the last 200,000 % 256 = 64 keys), flushed long ago, first and last stage.
    for (int i : {kKeys - 1, kKeys - 64, kKeys - 65, 0, 255, 256, 65'535, 65'536, 131'071}) {
      auto first = keys->Add("k" + std::to_string(i), "again");
      if (!first.ok()) return first.status();
      EXPECT_EQ(first->value_or("(not seen)"), "f.csv:" + std::to_string(i + 2)) << "key " << i;
    }
    for (const char* fresh : {"k200000", "k-1", "K0", ""}) {
      auto first = keys->Add(fresh, "new");
      if (!first.ok()) return first.status();
      EXPECT_FALSE(first->has_value()) << fresh;
    }
    return core::Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
}

DUCKWEED_BOTH_BACKENDS(StoreImportKeys);

}  // namespace
}  // namespace duckweed::store
