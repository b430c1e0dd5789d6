// Bad models: every problem is reported at once, naming the variable and where it is; never a
// crash.
#include <gtest/gtest.h>

#include "sd_test_util.h"

namespace duckweed::sd {
namespace {

std::string Diagnostics(const std::string& doc) {
  auto r = RunXmile(doc);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().ExitCode(), 1);
  return r.status().ToString();
}

TEST(SdBadInput, MalformedXmlNamesLineAndColumn) {
  std::string text = Diagnostics("<xmile>\n<model><variables>\n<aux name=\"a\"></variables>");
  EXPECT_NE(text.find("test.xmile:3:"), std::string::npos) << text;
  EXPECT_NE(text.find("malformed XML"), std::string::npos) << text;
}

TEST(SdBadInput, RecoveringReadsWhatPrecedesTheXmlError) {
  // An unclosed <flow>: the stock after it lands inside the flow, as libxml2's recovery has it.
  std::string doc = XmileDoc(
      "<flow name=\"f\"><eqn>2</eqn>\n"
      "<stock name=\"s\"><eqn>1</eqn><inflow>f</inflow></stock>\n"
      "<aux name=\"a\"><eqn>f * 3</eqn></aux>");
  auto strict = ReadXmile(doc, "r.xmile");
  ASSERT_FALSE(strict.ok());
  EXPECT_NE(strict.status().ToString().find("r.xmile:9:3: malformed XML"), std::string::npos)
      << strict.status().ToString();
  auto project = ReadXmile(doc, "r.xmile", XmileOptions{.recover = true});
  ASSERT_TRUE(project.ok()) << project.status().ToString();
  ASSERT_EQ(project->warnings.size(), 3u);
  EXPECT_EQ(project->warnings[0],
            "r.xmile:9:3: malformed XML: Start-end tags mismatch; recovered the part read before "
            "it");
  EXPECT_EQ(project->warnings[1],
            "r.xmile:7: <stock name=\"s\"> inside <flow name=\"f\"> is ignored");
  auto model = CompiledModel::Compile(*project);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  SimResults r = model->Run();
  EXPECT_EQ(ValueAt(r, "f", 0), 2);
  EXPECT_EQ(Column(r, "s"), -1);
  EXPECT_EQ(Column(r, "a"), -1);
}

TEST(SdBadInput, EveryProblemIsReportedAtOnce) {
  std::string dims = "<dim name=\"Region\"><elem name=\"North\"/><elem name=\"South\"/></dim>";
  std::string doc = XmileDoc(
      "<aux name=\"unknown fn\"><eqn>1 + FOO(2)</eqn></aux>\n"
      "<aux name=\"undefined\"><eqn>missing_var * 2</eqn></aux>\n"
      "<aux name=\"syntax\"><eqn>(1 +</eqn></aux>\n"
      "<aux name=\"arr\"><dimensions><dim name=\"Region\"/></dimensions><eqn>1</eqn></aux>\n"
      "<aux name=\"bad element\"><eqn>arr[West]</eqn></aux>\n"
      "<aux name=\"too many\"><eqn>arr[North, South]</eqn></aux>\n"
      "<aux name=\"scalar use\"><eqn>arr * 2</eqn></aux>\n"
      "<aux name=\"loop a\"><eqn>loop_b + 1</eqn></aux>\n"
      "<aux name=\"loop b\"><eqn>loop_a</eqn></aux>\n"
      "<aux name=\"gf\"><eqn>TIME</eqn><gf><xpts>0,2,1</xpts><ypts>1,2,3</ypts></gf></aux>\n",
      0, 1, 1, "Euler", dims);
  std::string text = Diagnostics(doc);
  // Line numbers: the variables start on line 6 of the generated document.
  EXPECT_NE(text.find("test.xmile:6:"), std::string::npos) << text;
  EXPECT_NE(text.find("field 'unknown fn': unknown function 'foo' (at character 5 of "
                      "'1 + FOO(2)')"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("field 'undefined': undefined variable 'missing_var'"), std::string::npos);
  EXPECT_NE(text.find("field 'syntax': expected a value, found 'end of equation'"),
            std::string::npos);
  EXPECT_NE(text.find("field 'bad element': 'West' is not an element of dimension 'Region'"),
            std::string::npos);
  EXPECT_NE(text.find("field 'too many': 'arr' has 1 dimensions but is used with 2 subscripts"),
            std::string::npos);
  EXPECT_NE(text.find("field 'scalar use': array 'arr' is used without subscripts"),
            std::string::npos);
  EXPECT_NE(text.find("circular definition in initial values without a stock: loop a -> loop b "
                      "-> loop a"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("field 'gf': graphical function x values must be sorted ascending"),
            std::string::npos);
}

TEST(SdBadInput, CycleThroughAStockIsFine) {
  auto r =
      RunXmile(XmileDoc("<stock name=\"S\"><eqn>1</eqn><inflow>f</inflow></stock>"
                        "<flow name=\"f\"><eqn>S * 0.1</eqn></flow>"));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
}

TEST(SdBadInput, FlowsAndModulesThatDoNotExist) {
  std::string text =
      Diagnostics(XmileDoc("<stock name=\"S\"><eqn>1</eqn><inflow>nothing</inflow></stock>"
                           "<module name=\"m\"/>"));
  EXPECT_NE(text.find("inflow 'nothing' is not a variable of the model"), std::string::npos);
  EXPECT_NE(text.find("module refers to a model 'm' that is not defined"), std::string::npos);
}

TEST(SdBadInput, WrongArityAndBadSimSpecs) {
  std::string text =
      Diagnostics(XmileDoc("<aux name=\"a\"><eqn>SMTH1(1)</eqn></aux>"
                           "<aux name=\"b\"><eqn>ABS(1, 2)</eqn></aux>",
                           0, 10, -1));
  EXPECT_NE(text.find("function 'smth1' takes 2 to 3 arguments, found 1"), std::string::npos);
  EXPECT_NE(text.find("function 'abs' takes 1 arguments, found 2"), std::string::npos);
  EXPECT_NE(text.find("expected dt > 0"), std::string::npos);
}

TEST(SdBadInput, GarbageNeverCrashes) {
  for (const char* doc :
       {"", "<", "<xmile/>",
        "<xmile><model><variables><flow name=\"f\"><eqn>)</eqn></flow></variables></model></xmile>",
        "<xmile><model><variables><aux/></variables></model></xmile>",
        "<xmile><model><variables><stock name=\"s\"/></variables></model></xmile>"}) {
    auto project = ReadXmile(doc, "g.xmile");
    core::Status status = project.status();
    if (project.ok()) status = CompiledModel::Compile(*project).status();
    EXPECT_EQ(status.ExitCode(), 1) << "accepted: " << doc;
    EXPECT_FALSE(status.diagnostics().empty());
  }
}

}  // namespace
}  // namespace duckweed::sd
