// Expression AST for XMILE equations. Every node keeps its byte offset in the equation text so
// that diagnostics can say where a problem is.
#ifndef DUCKWEED_SD_SD_AST_H_
#define DUCKWEED_SD_SD_AST_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"

namespace duckweed::sd {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind {
    kNumber,  // value
    kName,    // name (canonical), optional subscripts in args; "*" is a wildcard index
    kCall,    // name (canonical, lowercase) and args
    kUnary,   // op in {'-', '+', '!'}, args[0]
    kBinary,  // op: + - * / ^ % < > l(<=) g(>=) = n(<>) & |; args[0], args[1]
    kIf,      // args: condition, then, else
    kChain,   // args[0] ops[0] args[1] ops[1] args[2] ...: three or more operands of one
              // precedence level, applied left to right (a left-deep chain kept flat, so that a
              // sum of a million terms is one node, not a million nested ones)
  };
  Kind kind = Kind::kNumber;
  double value = 0;
  std::string name;
  char op = 0;
  std::string ops;           // kChain: the binary operators between args, in kBinary's spelling
  bool subscripted = false;  // kName written with [...]
  std::vector<ExprPtr> args;
  int pos = 0;  // byte offset in the equation text

  ExprPtr Clone() const;
};

// A parse problem: offset in the text and a message.
struct ParseError {
  int pos = 0;
  std::string message;
};

// The deepest nesting an equation may have: parentheses, function arguments, IF branches, unary
// operators and exponents each count one level. Deeper equations are refused ("nested too
// deeply") instead of overflowing the stack of the parser or of the passes that walk the tree.
// Chains of one precedence level (a + b + c + ...) are flat (kChain) and do not count.
inline constexpr int kMaxEquationDepth = 200;

// Parses one equation. On failure returns every error found (the parser stops at the first
// syntax error of an equation, so usually one). Linear in the text's length; the tree it returns
// is at most kMaxEquationDepth deep.
struct ParseOutcome {
  ExprPtr expr;
  std::vector<ParseError> errors;
};
ParseOutcome ParseEquation(std::string_view text);

// Converts a byte offset in `text` to a 1-based (line, column) pair within the text.
std::pair<int, int> LineColumn(std::string_view text, int pos);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_AST_H_
