// ADEME indicator catalogue import, on the reference file in ../shared/data (skipped when absent)
// and on small inline files for the error paths.
#include "duckweed/store/ademe.h"

#include <gtest/gtest.h>

#include "support/shared_data.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

TEST(StoreAdeme, ImportsTheReferenceCatalogue) {
  DUCKWEED_SHARED_FILE_OR_SKIP(file, "referentiels/indicateurs_definitions.csv");
  auto store = std::move(Store::Open(":memory:")).value();
  auto n = ImportAdemeIndicators(*store, file);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 730u);  // the README's row count
  auto ghg = *store->GetIndicator("cae_1.a");
  ASSERT_TRUE(ghg);
  EXPECT_EQ(ghg->name, "Émissions de gaz à effet de serre");
  EXPECT_EQ(ghg->unit, "kteq CO2");
  EXPECT_EQ(ghg->domain, "energie_et_climat");
  EXPECT_EQ(ghg->direction, "lower");
  EXPECT_EQ(ghg->formula.rfind("val(cae_1.c)+val(cae_1.d)", 0), 0u) << ghg->formula;
  EXPECT_EQ(ghg->source, kAdemeIndicatorSource);
}

TEST(StoreAdeme, DuplicateIdAndMissingColumnAreReported) {
  testing::TempDir dir;
  testing::WriteText(dir / "dup.csv",
                     "indicateur_id,titre,unite,thematiques,formule_calcul,description\n"
                     "a,Part A,%,x,,\na,Part B,%,x,,\n");
  auto store = std::move(Store::Open(":memory:")).value();
  auto n = ImportAdemeIndicators(*store, dir / "dup.csv");
  ASSERT_FALSE(n.ok());
  EXPECT_NE(
      n.status().ToString().find("dup.csv:3:1: field 'indicateur_id': duplicate indicator id 'a' "
                                 "(first at line 2)"),
      std::string::npos)
      << n.status().ToString();
  EXPECT_TRUE(store->ListIndicators()->empty());
  testing::WriteText(dir / "cols.csv", "indicateur_id,titre\na,A\n");
  auto cols = ImportAdemeIndicators(*store, dir / "cols.csv");
  ASSERT_FALSE(cols.ok());
  EXPECT_NE(cols.status().ToString().find("'unite'"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::store
