// The project's own data files (data/) import cleanly, in the documented order, and hold the
// figures re-typed from their sources.
#include <gtest/gtest.h>

#include "duckweed/store/exchange.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

const std::filesystem::path kData = std::filesystem::path(DUCKWEED_SOURCE_DIR) / "data";

std::unique_ptr<Store> ProjectStore() {
  auto store = std::move(Store::Open(":memory:")).value();
  const std::pair<Entity, const char*> files[] = {
      {Entity::kIndicators, "indicators.csv"},
      {Entity::kTerritories, "loos/territory.csv"},
      {Entity::kObservations, "loos/observations.csv"},
      {Entity::kInitiatives, "loos/initiatives.csv"},
      {Entity::kTerritories, "pioneers/territories.csv"},
      {Entity::kObservations, "pioneers/observations.csv"},
      {Entity::kInitiatives, "pioneers/initiatives.csv"}};
  for (const auto& [entity, name] : files) {
    auto summary = ImportFile(*store, entity, kData / name);
    EXPECT_TRUE(summary.ok()) << name << ": " << summary.status().ToString();
  }
  return store;
}

TEST(StoreProjectData, LoosFiguresAndInitiatives) {
  auto store = ProjectStore();
  auto obs = *store->ListObservations("fr:62528");
  EXPECT_EQ(obs.size(), 30u);  // 28 + two dated facts of ebe7968 (issue 14)
  for (const Observation& o : obs) EXPECT_EQ(o.source.rfind("http", 0), 0u) << o.indicator_id;
  auto find = [&](const std::string& indicator, int year) -> const Observation* {
    for (const Observation& o : obs) {
      if (o.indicator_id == indicator && o.year == year) return &o;
    }
    return nullptr;
  };
  ASSERT_NE(find("mayor_share_registered", 2014), nullptr);
  EXPECT_EQ(find("mayor_share_registered", 2014)->value, 45.12);  // politis62
  ASSERT_NE(find("pv_citizen_shareholders", 2024), nullptr);
  EXPECT_EQ(find("pv_citizen_shareholders", 2024)->value, 130);  // cler.org
  ASSERT_NE(find("farm_holdings", 1998), nullptr);
  EXPECT_EQ(find("farm_holdings", 2023)->value, 12);
  auto initiatives = *store->ListInitiatives("fr:62528");
  EXPECT_EQ(initiatives.size(), 12u);
  EXPECT_EQ(initiatives[2].title, "Fifty-fifty projects with residents");
  EXPECT_EQ(initiatives[2].involvement, "co-produce");
}

TEST(StoreProjectData, PioneersCaseBase) {
  auto store = ProjectStore();
  EXPECT_EQ(store->ListTerritories({"", "", 0})->size(), 30u);  // Loos is also a pioneer
  EXPECT_EQ(store->ListInitiatives()->size(), 12u + 30u);
  auto samso = *store->ListObservations("case:samso");
  ASSERT_EQ(samso.size(), 1u);
  EXPECT_EQ(samso[0].value, 4200);
  EXPECT_EQ(samso[0].year, 2010);
}

}  // namespace
}  // namespace duckweed::store
