// Macros with their own variables (one private state per call site) and initial-only values
// (ACTIVE_INITIAL, <init_eqn>). Expected values are Euler sums worked out by hand, and the
// published Vensim output of test-models' active_initial (Stock A = 45 + t, Value A = t).
#include <gtest/gtest.h>

#include "sd_test_util.h"

namespace duckweed::sd {
namespace {

std::string WithMacros(std::string doc, const std::string& macros) {
  doc.replace(doc.find("<model>"), 7, macros + "<model>");
  return doc;
}

// A macro holding a stock: the running sum of its input.
const char kAccumulate[] =
    "<macro name=\"ACCUMULATE\"><parm>x</parm><eqn>total</eqn><variables>"
    "<stock name=\"total\"><eqn>0</eqn><inflow>adding</inflow></stock>"
    "<flow name=\"adding\"><eqn>x</eqn></flow>"
    "</variables></macro>";

TEST(SdMacro, EachCallSiteKeepsItsOwnStock) {
  std::string doc = WithMacros(XmileDoc("<aux name=\"ones\"><eqn>ACCUMULATE(1)</eqn></aux>"
                                        "<aux name=\"times\"><eqn>ACCUMULATE(TIME)</eqn></aux>"),
                               kAccumulate);
  auto r = RunXmile(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (size_t t = 0; t <= 10; ++t) {
    EXPECT_EQ(ValueAt(*r, "ones", t), static_cast<double>(t));
    // Euler with dt = 1: the sum of 0 .. t-1.
    EXPECT_EQ(ValueAt(*r, "times", t), t * (t - 1) / 2.0) << "t=" << t;
  }
  // The macro's variables are private: no output column for them.
  EXPECT_EQ(Column(*r, "total"), -1);
}

TEST(SdMacro, WithoutEqnTheVariableNamedLikeTheMacroIsItsValue) {
  // xmutil's shape: the body is a variable that has the macro's own name.
  std::string doc = WithMacros(
      XmileDoc("<aux name=\"out\"><eqn>EXPRESSION MACRO(5, 1.1)</eqn></aux>"),
      "<macro name=\"EXPRESSION MACRO\"><parm>input</parm><parm>parameter</parm><variables>"
      "<aux name=\"EXPRESSION MACRO\"><eqn>input * parameter</eqn></aux></variables></macro>");
  auto r = RunXmile(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_DOUBLE_EQ(ValueAt(*r, "out", 3), 5.5);
}

TEST(SdMacro, BadMacrosAreReportedAtTheCall) {
  std::string doc = WithMacros(
      XmileDoc("<aux name=\"a\"><eqn>SELF(1)</eqn></aux>"
               "<aux name=\"b\"><eqn>LEAKY(1)</eqn></aux>"),
      "<macro name=\"SELF\"><parm>x</parm><eqn>SELF(x)</eqn></macro>"
      "<macro name=\"LEAKY\"><parm>x</parm><eqn>s</eqn><variables>"
      "<stock name=\"s\"><eqn>0</eqn><outflow>nowhere</outflow></stock></variables></macro>");
  auto r = RunXmile(doc);
  ASSERT_FALSE(r.ok());
  std::string msg = r.status().ToString();
  EXPECT_NE(msg.find("field 'a': macros call each other too deeply"), std::string::npos) << msg;
  EXPECT_NE(msg.find("field 'b': macro 'LEAKY': flow 'nowhere' of stock 's' is not a variable"),
            std::string::npos)
      << msg;
}

TEST(SdActiveInitial, InitialValueFeedsStocksThenTheActiveEquationRuns) {
  for (const std::string& value_a :
       {std::string("<aux name=\"Value A\"><eqn>ACTIVE INITIAL(Time, 45)</eqn></aux>"),
        std::string("<aux name=\"Value A\"><eqn>Time</eqn><init_eqn>45</init_eqn></aux>")}) {
    auto r = RunXmile(XmileDoc(value_a +
                               "<stock name=\"Stock A\"><eqn>Value_A</eqn><inflow>Flow_A</inflow>"
                               "</stock><flow name=\"Flow A\"><eqn>1</eqn></flow>"));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (size_t t = 0; t <= 10; ++t) {
      EXPECT_EQ(ValueAt(*r, "Stock A", t), 45.0 + t) << value_a;
      EXPECT_EQ(ValueAt(*r, "Value A", t), static_cast<double>(t)) << value_a;
    }
  }
}

TEST(SdActiveInitial, BreaksAnInitialisationCycle) {
  // Without ACTIVE INITIAL, "rate" and "level" would need each other to start.
  auto r =
      RunXmile(XmileDoc("<aux name=\"rate\"><eqn>ACTIVE_INITIAL(level / 10, 1)</eqn></aux>"
                        "<stock name=\"level\"><eqn>rate * 100</eqn><inflow>growth</inflow></stock>"
                        "<flow name=\"growth\"><eqn>rate</eqn></flow>",
                        0, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ValueAt(*r, "level", 0), 100);
  EXPECT_EQ(ValueAt(*r, "rate", 0), 10);
  EXPECT_EQ(ValueAt(*r, "level", 1), 110);
}

TEST(SdActiveInitial, OnlyAsAWholeEquation) {
  auto r = RunXmile(XmileDoc("<aux name=\"x\"><eqn>1 + ACTIVE_INITIAL(TIME, 2)</eqn></aux>"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("field 'x': ACTIVE_INITIAL must be the whole equation"),
            std::string::npos)
      << r.status().ToString();
}

}  // namespace
}  // namespace duckweed::sd
