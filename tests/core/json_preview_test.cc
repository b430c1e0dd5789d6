#include "duckweed/core/json_preview.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace duckweed::core {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Short values are exactly what dump() writes, for every kind of value and nesting.
TEST(JsonPreviewTest, ShortValuesAreTheirCompactDump) {
  for (const char* text :
       {"null", "true", "-12", "2.5", "\"a\\\"b\\u0001\"", "[]", "{}", "[1,[2,[3]],{}]",
        "{\"a\":1,\"b\":[true,null],\"c\\n\":{\"d\":\"e\"}}", "[[[[[[[[[[]]]]]]]]]]"}) {
    const json value = json::parse(text);
    EXPECT_EQ(JsonPreview(value), value.dump()) << text;
  }
  const ordered_json ordered = ordered_json::parse(R"({"z":1,"a":[2,{"m":null}]})");
  EXPECT_EQ(JsonPreview(ordered), ordered.dump());  // keys in the file's order
}

// Long values are cut to the first 60 characters of dump() with the whole text's length.
TEST(JsonPreviewTest, LongValuesAreCutWithTheirLength) {
  json value = json::array();
  for (int i = 0; i < 100; ++i) value.push_back({{"key", i}});
  const std::string whole = value.dump();
  EXPECT_EQ(JsonPreview(value),
            whole.substr(0, 60) + "... (" + std::to_string(whole.size()) + " characters)");
  EXPECT_EQ(JsonPreview(value, 5), "[{\"ke... (" + std::to_string(whole.size()) + " characters)");
}

// A value 200,000 arrays deep (dump() overflowed the stack on 100,000): shown without recursion.
TEST(JsonPreviewTest, DeepValuesAreShownWithoutRecursion) {
  constexpr size_t kDepth = 200000;
  const json value = json::parse(std::string(kDepth, '[') + std::string(kDepth, ']'));
  EXPECT_EQ(JsonPreview(value), std::string(60, '[') + "... (400000 characters)");
  const json object = json::parse([] {
    std::string s;
    for (size_t i = 0; i < kDepth; ++i) s += "{\"k\":";
    return s + "1" + std::string(kDepth, '}');
  }());
  EXPECT_EQ(JsonPreview(object, 10), "{\"k\":{\"k\":... (1200001 characters)");
}

}  // namespace
}  // namespace duckweed::core
