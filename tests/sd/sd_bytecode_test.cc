// The register bytecode against its oracle, the tree-walking evaluator (RunOptions::
// reference_evaluator): every suite model that compiles, with Euler and RK4, and hand-written
// models for the constructs the lowering treats specially (jumps, folding, kept trees).
// Results must be bit-identical, not merely close.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "sd_test_util.h"
#include "support/shared_data.h"

namespace duckweed::sd {
namespace {

namespace fs = std::filesystem;

bool SameBits(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// Number of values that differ between the fast path and the reference; also fails the test at
// the first difference with its row and column.
size_t CompareEngines(const CompiledModel& model, RunOptions options, const std::string& label) {
  SimResults fast = model.Run(options);
  options.reference_evaluator = true;
  SimResults ref = model.Run(options);
  EXPECT_EQ(fast.names, ref.names) << label;
  EXPECT_EQ(fast.times, ref.times) << label;
  EXPECT_EQ(fast.values.size(), ref.values.size()) << label;
  size_t differ = 0;
  for (size_t i = 0; i < std::min(fast.values.size(), ref.values.size()); ++i) {
    if (SameBits(fast.values[i], ref.values[i])) continue;
    if (differ++ == 0) {
      size_t cols = fast.names.size();
      ADD_FAILURE() << label << ": " << fast.names[i % cols] << " at t=" << fast.times[i / cols]
                    << ": bytecode " << fast.values[i] << ", tree " << ref.values[i];
    }
  }
  return differ;
}

TEST(SdBytecode, MatchesTreeEvaluatorOnEverySuiteModel) {
  auto root = testing::SharedDataDir();
  if (!root || !fs::is_directory(*root / "sd-test-models")) {
    GTEST_SKIP() << "REFERENCE DATA ABSENT: ../shared/data/sd-test-models";
  }
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(*root / "sd-test-models")) {
    std::string ext = entry.path().extension().string();
    if (ext != ".xmile" && ext != ".stmx") continue;
    auto project = ReadXmileFile(entry.path().string());
    if (!project.ok()) continue;
    auto model = CompiledModel::Compile(*project);
    if (!model.ok()) continue;
    std::string label = fs::relative(entry.path(), *root).string();
    for (Method m : {Method::kEuler, Method::kRk4}) {
      RunOptions options;
      options.method = m;
      EXPECT_EQ(CompareEngines(*model, options, label), 0u) << label;
    }
    ++compared;
  }
  // The suite has 67 .xmile and a few .stmx files; most of them compile.
  EXPECT_GE(compared, 60);
}

core::Result<CompiledModel> CompileDoc(const std::string& doc) {
  DUCKWEED_ASSIGN_OR_RETURN(Project project, ReadXmile(doc, "test.xmile"));
  return CompiledModel::Compile(project);
}

// Constructs lowered to jumps, accumulations and folded constants, and builtins that stay trees.
TEST(SdBytecode, MatchesTreeEvaluatorOnSpecialConstructs) {
  std::string vars =
      "<stock name=\"s\"><eqn>2</eqn><inflow>in</inflow><outflow>out</outflow>"
      "<outflow>out2</outflow></stock>"
      "<flow name=\"in\"><eqn>IF s &gt; 3 THEN IF TIME &lt; 7 THEN 1 ELSE 0.5 ELSE 2*(1+2)</eqn>"
      "</flow>"
      "<flow name=\"out\"><eqn>SAFEDIV(s, TIME - 4, -1) + (TIME MOD 3) - (s &gt;= 2 AND s &lt; "
      "9)</eqn></flow>"
      "<flow name=\"out2\"><eqn>IF TIME &gt; 5 THEN RANDOM(0, 0.1) ELSE 0</eqn></flow>"
      "<aux name=\"smoothed\"><eqn>SMTH1(s, 2)</eqn></aux>"
      "<aux name=\"late\"><eqn>DELAY(s, 1.5)</eqn></aux>"
      "<aux name=\"shape\"><eqn>STEP(2, 3) + RAMP(0.5, 1, 6) + PULSE(1, 2, 3) + ABS(-s) + "
      "MIN(s, 4) + s^0.5</eqn></aux>"
      "<aux name=\"constant\"><eqn>EXP(1) * 2 + SQRT(16)</eqn></aux>";
  auto model = CompileDoc(XmileDoc(vars, 0, 12, 0.25));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  for (Method m : {Method::kEuler, Method::kRk2, Method::kRk4}) {
    RunOptions options;
    options.method = m;
    options.seed = 7;
    EXPECT_EQ(CompareEngines(*model, options, "special constructs"), 0u);
  }
  // The nested IF takes each branch: in = 2*(1+2) = 6 while s <= 3 (at the start), 1 or 0.5
  // later; the folded constant keeps its value.
  SimResults r = model->Run();
  EXPECT_EQ(ValueAt(r, "in", 0), 6.0);
  EXPECT_DOUBLE_EQ(ValueAt(r, "constant", 0), std::exp(1.0) * 2 + 4);
}

// Arrays: reductions over elements and per-element equations.
TEST(SdBytecode, MatchesTreeEvaluatorOnArrays) {
  std::string dims = "<dim name=\"d\"><elem name=\"a\"/><elem name=\"b\"/><elem name=\"c\"/></dim>";
  std::string vars =
      "<stock name=\"st\"><dimensions><dim name=\"d\"/></dimensions><eqn>1</eqn>"
      "<inflow>g</inflow></stock>"
      "<flow name=\"g\"><dimensions><dim name=\"d\"/></dimensions><eqn>st * 0.1 - "
      "MEAN(st[*]) * 0.05</eqn></flow>"
      "<aux name=\"total\"><eqn>SUM(st[*]) + MAX(st[*]) + STDDEV(g[*]) + PROD(st[*])</eqn></aux>";
  auto model = CompileDoc(XmileDoc(vars, 0, 5, 0.5, "Euler", dims));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  RunOptions options;
  EXPECT_EQ(CompareEngines(*model, options, "arrays"), 0u);
  // At the start every element is 1: total = 3 + 1 + 0 + 1.
  EXPECT_EQ(ValueAt(model->Run(), "total", 0), 5.0);
}

}  // namespace
}  // namespace duckweed::sd
