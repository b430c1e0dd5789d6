#include <gtest/gtest.h>

#include "sd/sd_ast.h"

namespace duckweed::sd {
namespace {

std::string Show(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kNumber: {
      std::string s = std::to_string(e.value);
      s.erase(s.find_last_not_of('0') + 1);
      if (s.back() == '.') s.pop_back();
      return s;
    }
    case Expr::Kind::kName: {
      std::string s = e.name;
      if (e.subscripted) {
        s += "[";
        for (size_t i = 0; i < e.args.size(); ++i) s += (i ? "," : "") + Show(*e.args[i]);
        s += "]";
      }
      return s;
    }
    case Expr::Kind::kCall: {
      std::string s = e.name + "(";
      for (size_t i = 0; i < e.args.size(); ++i) s += (i ? "," : "") + Show(*e.args[i]);
      return s + ")";
    }
    case Expr::Kind::kUnary:
      return std::string("(") + e.op + Show(*e.args[0]) + ")";
    case Expr::Kind::kBinary:
      return "(" + Show(*e.args[0]) + " " + e.op + " " + Show(*e.args[1]) + ")";
    case Expr::Kind::kIf:
      return "if(" + Show(*e.args[0]) + "," + Show(*e.args[1]) + "," + Show(*e.args[2]) + ")";
    case Expr::Kind::kChain: {  // shown as the left-deep binary tree it stands for
      std::string s = Show(*e.args[0]);
      for (size_t i = 0; i < e.ops.size(); ++i) {
        s = "(" + s + " " + e.ops[i] + " " + Show(*e.args[i + 1]) + ")";
      }
      return s;
    }
  }
  return "?";
}

std::string P(const std::string& text) {
  ParseOutcome out = ParseEquation(text);
  if (!out.expr) return "error@" + std::to_string(out.errors[0].pos) + ": " + out.errors[0].message;
  return Show(*out.expr);
}

TEST(SdParser, PrecedenceMatchesVensimAndStella) {
  EXPECT_EQ(P("-2^2"), "(-(2 ^ 2))");  // the suite's exponentiation test expects -4
  EXPECT_EQ(P("2^3^2"), "(2 ^ (3 ^ 2))");
  EXPECT_EQ(P("30^-x"), "(30 ^ (-x))");
  EXPECT_EQ(P("1 + 2 * 3 - 4"), "((1 + (2 * 3)) - 4)");
  EXPECT_EQ(P("a < b AND NOT c or d"), "(((a < b) & (!c)) | d)");
  EXPECT_EQ(P("x MOD 3"), "(x % 3)");
  EXPECT_EQ(P("a <> b"), "(a n b)");
}

TEST(SdParser, NamesCallsSubscriptsAndIf) {
  EXPECT_EQ(P("\"Teacup Temperature\" - Room_Temperature"),
            "(teacup_temperature - room_temperature)");
  EXPECT_EQ(P("SMTH1(input, 2)"), "smth1(input,2)");
  EXPECT_EQ(P("SUM(a[*, Dim])"), "sum(a[*,dim])");
  EXPECT_EQ(P("IF TIME > 3 THEN 10 ELSE 5"), "if((time > 3),10,5)");
  EXPECT_EQ(P("EXPRESSION MACRO(a, b)"), "expression_macro(a,b)");
  EXPECT_EQ(P(".5e1 + 3e-05"), "(5 + 0.00003)");
  EXPECT_EQ(P("{comment} x {another}"), "x");
  EXPECT_EQ(P("hares.area * 2"), "(hares.area * 2)");
}

TEST(SdParser, ErrorsCarryTheirPosition) {
  EXPECT_EQ(P("(1 + "), "error@5: expected a value, found 'end of equation'");
  EXPECT_EQ(P("a + # b"), "error@4: unexpected character '#'");
  EXPECT_EQ(P("f(1, 2"), "error@6: expected ',' or ')', found 'end of equation'");
  EXPECT_EQ(P("IF a THEN b"), "error@11: expected ELSE, found 'end of equation'");
  EXPECT_EQ(P("  "), "error@0: empty equation");
  EXPECT_EQ(P("1 2"), "error@2: unexpected 'number' after the end of the expression");
}

TEST(SdParser, LineColumnCountsNewlines) {
  EXPECT_EQ(LineColumn("ab\ncd", 4), std::make_pair(2, 2));
  EXPECT_EQ(LineColumn("abc", 0), std::make_pair(1, 1));
}

}  // namespace
}  // namespace duckweed::sd
