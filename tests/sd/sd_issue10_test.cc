// Issue 10 (hardening): equations nested past kMaxEquationDepth are refused, and long flat chains
// (a sum of a million terms, a chain of 20,000 variables, a loop through them) parse, compile,
// run and are analysed without recursion along the chain. Values are checked against closed forms.
#include <gtest/gtest.h>
#include <pthread.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "duckweed/sd/sd_analysis.h"
#include "sd/sd_ast.h"
#include "sd_test_util.h"

namespace duckweed::sd {
namespace {

// Runs `body` on a thread with a 256 KiB stack: a pass that recursed once per term or variable of
// the long chains below would overflow it.
void OnSmallStack(const std::function<void()>& body) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, const_cast<std::function<void()>*>(&body)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The first parse error's message, or "" when the text parses.
std::string ParseError(const std::string& text) {
  ParseOutcome out = ParseEquation(text);
  return out.errors.empty() ? "" : out.errors.front().message;
}

TEST(SdIssue10, NestingUpToTheLimitParsesOneMoreIsRefused) {
  const int n = kMaxEquationDepth;
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"(", ")"}, {"ABS(", ")"}, {"-", ""}, {"IF 1 THEN 2 ELSE ", ""}, {"2 ^ ", ""}}) {
    EXPECT_EQ(ParseError(Repeat(open, n) + "1" + Repeat(close, n)), "") << open;
    std::string deep = Repeat(open, n + 1) + "1" + Repeat(close, n + 1);
    EXPECT_NE(ParseError(deep).find("nested too deeply"), std::string::npos) << open;
  }
  // The error is at the first level past the limit: the 201st '('.
  ParseOutcome out = ParseEquation(Repeat("(", 100000) + "1" + Repeat(")", 100000));
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].pos, n);
  EXPECT_EQ(ParseError("1" + Repeat(" not", n + 1)).find("nested too deeply"), 0u);
}

// x = TIME + TIME + ... (a million terms) is 10^6 * TIME; its derivative feeds a stock. Parsing
// was quadratic (24 s) and evaluating overflowed the stack.
TEST(SdIssue10, MillionTermSumRunsWithBothEvaluators) {
  OnSmallStack([] {
    const int terms = 1000000;
    std::string sum = "TIME";
    sum.reserve(terms * 7);
    for (int i = 1; i < terms; ++i) sum += " + TIME";
    ParseOutcome parsed = ParseEquation(sum);
    ASSERT_TRUE(parsed.expr);
    EXPECT_EQ(parsed.expr->kind, Expr::Kind::kChain);
    EXPECT_EQ(parsed.expr->args.size(), static_cast<size_t>(terms));
    std::string doc = XmileDoc("<aux name=\"x\"><eqn>" + sum +
                                   "</eqn></aux><stock name=\"S\"><eqn>0</eqn><inflow>f</inflow>"
                                   "</stock><flow name=\"f\"><eqn>x</eqn></flow>",
                               0, 3, 1);
    auto fast = RunXmile(doc);
    ASSERT_TRUE(fast.ok()) << fast.status().ToString();
    RunOptions reference;
    reference.reference_evaluator = true;
    auto tree = RunXmile(doc, reference);
    ASSERT_TRUE(tree.ok());
    // Columns x, S, f; rows t = 0..3. S(3) = x(0) + x(1) + x(2) = 3e6.
    EXPECT_EQ(fast->At(2, 0), 2e6);
    EXPECT_EQ(fast->At(3, 1), 3e6);
    ASSERT_EQ(fast->values.size(), tree->values.size());
    EXPECT_EQ(
        std::memcmp(fast->values.data(), tree->values.data(), fast->values.size() * sizeof(double)),
        0);
  });
}

// Long chains of one precedence level (flat kChain nodes past kMaxNestedChain = 16 operands): + and
// -, * and /, AND, OR and comparisons give the same bits from the bytecode and the trees, and the
// values of the left-to-right fold.
TEST(SdIssue10, LongChainsOfEachLevelMatchTheLeftFold) {
  std::string add = "TIME", mul = "TIME", all = "TIME > 0", any = "0", cmp = "TIME";
  double want_add = 2, want_mul = 2;  // at TIME 2
  for (int k = 1; k <= 300; ++k) {
    bool even = k % 2 == 0;
    add += std::string(even ? " - " : " + ") + "(TIME + " + std::to_string(k) + ")";
    mul += std::string(even ? " / " : " * ") + "(TIME + " + std::to_string(k) + ")";
    want_add = even ? want_add - (2 + k) : want_add + (2 + k);
    want_mul = even ? want_mul / (2 + k) : want_mul * (2 + k);
  }
  for (int k = 0; k < 100; ++k) all += " and TIME > " + std::to_string(k % 2);
  for (int k = 0; k < 100; ++k) any += " or 0";
  any += " or TIME > 1";
  for (int k = 0; k < 80; ++k) cmp += " &lt; 5";
  std::string doc =
      XmileDoc("<aux name=\"add\"><eqn>" + add + "</eqn></aux>" + "<aux name=\"mul\"><eqn>" + mul +
                   "</eqn></aux>" + "<aux name=\"all\"><eqn>" + all + "</eqn></aux>" +
                   "<aux name=\"any\"><eqn>" + any + "</eqn></aux>" + "<aux name=\"cmp\"><eqn>" +
                   cmp + "</eqn></aux>",
               0, 2, 1);
  auto fast = RunXmile(doc);
  ASSERT_TRUE(fast.ok()) << fast.status().ToString();
  RunOptions reference;
  reference.reference_evaluator = true;
  auto tree = RunXmile(doc, reference);
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(fast->At(2, 0), want_add);
  EXPECT_EQ(fast->At(2, 1), want_mul);
  EXPECT_EQ(fast->At(2, 2), 1);  // 2 > 0 and 2 > 1 throughout
  EXPECT_EQ(fast->At(1, 2), 0);  // 1 > 1 is false
  EXPECT_EQ(fast->At(2, 3), 1);
  EXPECT_EQ(fast->At(1, 3), 0);
  EXPECT_EQ(fast->At(2, 4), 1);  // (2 < 5) = 1, then 1 < 5 = 1, ...
  EXPECT_EQ(fast->At(0, 4), 1);
  EXPECT_EQ(
      std::memcmp(fast->values.data(), tree->values.data(), fast->values.size() * sizeof(double)),
      0);
}

// a1 = S + 1, a2 = a1 + 1, ..., a10000 feeds S's inflow: the dependency order and the loop search
// walk 10,000 variables deep without recursing. S(1) = S(0) + a10000(0) = 1 + (1 + 10000).
TEST(SdIssue10, LongVariableChainOrdersAndFindsItsLoop) {
  OnSmallStack([] {
    const int n = 10000;
    std::string vars =
        "<stock name=\"S\"><eqn>1</eqn><inflow>f</inflow></stock>"
        "<flow name=\"f\"><eqn>a" +
        std::to_string(n) +
        "</eqn></flow>"
        "<aux name=\"a1\"><eqn>S + 1</eqn></aux>";
    for (int i = 2; i <= n; ++i) {
      vars += "<aux name=\"a" + std::to_string(i) + "\"><eqn>a" + std::to_string(i - 1) +
              " + 1</eqn></aux>";
    }
    CompiledModel model = MustCompile(XmileDoc(vars, 0, 1, 1));
    SimResults r = model.Run();
    EXPECT_EQ(r.At(1, 0), 1 + (1 + n));
    LoopReport loops = FindLoops(model, 10);
    ASSERT_EQ(loops.loops.size(), 1u);
    EXPECT_EQ(loops.loops[0].variables.size(), static_cast<size_t>(n + 2));
    EXPECT_EQ(loops.loops[0].polarity, 1);
  });
}

TEST(SdIssue10, RunMemoryIsEstimatedBeforeRunning) {
  // A fixed budget, so the verdict does not depend on the machine's memory (CI has less).
  ASSERT_EQ(setenv("DUCKWEED_MEMORY_BUDGET", "8G", 1), 0);
  CompiledModel model = MustCompile(XmileDoc("<aux name=\"a\"><eqn>TIME</eqn></aux>", 0, 1e8, 1));
  EXPECT_EQ(model.SavedRows(), 100000001u);
  // Kept: 1e8 rows x 2 columns x 8 bytes = 1.6 GB fits; x 64 bytes (a JSON record), 12.8 GB printed
  // to two figures, does not.
  EXPECT_TRUE(model.CheckMemory(sizeof(double)).ok());
  core::Status big = model.CheckMemory(64);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.message().find("about 13 GB of memory, more than the 8.0 GB"), std::string::npos)
      << big.message();
  EXPECT_TRUE(model.CheckMemory(0).ok());  // streamed: nothing kept
  unsetenv("DUCKWEED_MEMORY_BUDGET");
}

}  // namespace
}  // namespace duckweed::sd
