#include "referentiel/personnalisation_formula.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace duckweed::evaluate {

using core::Result;
using core::Status;

namespace {

// Nesting deeper than this is refused: a recursive-descent parser must not exhaust the stack.
constexpr int kMaxDepth = 200;
// Likewise for chains of operators (a + a + ... is a left-deep tree): the platform's longest rule
// has a few dozen.
constexpr int kMaxOperators = 1000;

struct Token {
  enum class Kind { kEnd, kName, kNumber, kSymbol } kind = Kind::kEnd;
  std::string text;  // names lower-cased for keywords only when compared
  double number = 0;
  int position = 0;
};

bool IsNameByte(unsigned char c) { return std::isalnum(c) || c == '_' || c == '.' || c >= 0x80; }

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

class Parser {
 public:
  Parser(const std::string& text, core::Location where) : text_(text), where_(std::move(where)) {}

  Result<std::unique_ptr<Formula>> Parse() {
    Next();
    auto f = Statement(0);
    if (error_.empty() && token_.kind != Token::Kind::kEnd) Fail("end of formula");
    if (!error_.empty()) return Status::InvalidInput(error_, where_);
    return f;
  }

 private:
  void Next() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    token_ = Token{};
    token_.position = static_cast<int>(pos_) + 1;
    if (pos_ >= text_.size()) return;
    const unsigned char c = text_[pos_];
    if (std::isdigit(c)) {
      const char* start = text_.c_str() + pos_;
      char* end = nullptr;
      token_.number = std::strtod(start, &end);
      token_.kind = Token::Kind::kNumber;
      pos_ += static_cast<size_t>(end - start);
      return;
    }
    if (IsNameByte(c)) {
      const size_t start = pos_;
      while (pos_ < text_.size() && IsNameByte(text_[pos_])) ++pos_;
      token_.kind = Token::Kind::kName;
      token_.text = text_.substr(start, pos_ - start);
      return;
    }
    token_.kind = Token::Kind::kSymbol;
    token_.text = std::string(1, static_cast<char>(c));
    ++pos_;
  }

  bool IsKeyword(const char* word) const {
    return token_.kind == Token::Kind::kName && Lower(token_.text) == word;
  }
  bool IsSymbol(char c) const { return token_.kind == Token::Kind::kSymbol && token_.text[0] == c; }

  void Fail(const std::string& expected) {
    if (!error_.empty()) return;
    const std::string found = token_.kind == Token::Kind::kEnd      ? "the end"
                              : token_.kind == Token::Kind::kNumber ? "a number"
                                                                    : "'" + token_.text + "'";
    error_ = fmt::format("formula {}: at character {}, expected {}, found {}", Quoted(),
                         token_.position, expected, found);
  }

  // The formula in quotes when short; a long one (a pathological nesting) by its start, its
  // length and the text around the error, so the message stays readable.
  std::string Quoted() const {
    constexpr size_t kShown = 60;
    if (text_.size() <= kShown) return "'" + text_ + "'";
    const size_t at = std::min<size_t>(token_.position > 0 ? token_.position - 1 : 0, text_.size());
    const size_t from = at > 20 ? at - 20 : 0;
    return fmt::format("'{}...' ({} characters; near '{}')", Utf8Prefix(0, 40), text_.size(),
                       Utf8Prefix(from, 40));
  }

  // At most `bytes` bytes of the text from `from`, not cutting a UTF-8 sequence.
  std::string Utf8Prefix(size_t from, size_t bytes) const {
    const auto continuation = [&](size_t i) {
      return i < text_.size() && (static_cast<unsigned char>(text_[i]) & 0xC0) == 0x80;
    };
    while (continuation(from)) ++from;
    size_t end = std::min(text_.size(), from + bytes);
    while (end > from && continuation(end)) --end;
    return text_.substr(from, end - from);
  }

  std::unique_ptr<Formula> Node(Formula::Op op, int position) {
    auto f = std::make_unique<Formula>();
    f->op = op;
    f->position = position;
    return f;
  }

  std::unique_ptr<Formula> Binary(Formula::Op op, std::unique_ptr<Formula> lhs,
                                  std::unique_ptr<Formula> rhs) {
    if (++operators_ > kMaxOperators) {
      Fail(fmt::format("at most {} operators", kMaxOperators));
      return nullptr;
    }
    auto f = Node(op, lhs ? lhs->position : 0);
    f->args.push_back(std::move(lhs));
    f->args.push_back(std::move(rhs));
    return f;
  }

  std::unique_ptr<Formula> Statement(int depth) {
    if (depth > kMaxDepth) {
      Fail(fmt::format("at most {} nested levels", kMaxDepth));
      return nullptr;
    }
    if (!IsKeyword("si")) return Expression(depth);
    auto f = Node(Formula::Op::kIf, token_.position);
    Next();
    f->args.push_back(Expression(depth + 1));
    if (!IsKeyword("alors")) {
      Fail("'alors'");
      return nullptr;
    }
    Next();
    f->args.push_back(Statement(depth + 1));
    if (IsKeyword("sinon")) {
      Next();
      f->args.push_back(Statement(depth + 1));
    }
    return error_.empty() ? std::move(f) : nullptr;
  }

  std::unique_ptr<Formula> Expression(int depth) {
    auto lhs = Conjunction(depth);
    while (error_.empty() && IsKeyword("ou")) {
      Next();
      lhs = Binary(Formula::Op::kOr, std::move(lhs), Conjunction(depth));
    }
    return lhs;
  }

  std::unique_ptr<Formula> Conjunction(int depth) {
    auto lhs = Sum(depth);
    while (error_.empty() && IsKeyword("et")) {
      Next();
      lhs = Binary(Formula::Op::kAnd, std::move(lhs), Sum(depth));
    }
    return lhs;
  }

  std::unique_ptr<Formula> Sum(int depth) {
    auto lhs = Product(depth);
    while (error_.empty() && (IsSymbol('+') || IsSymbol('-'))) {
      const auto op = IsSymbol('+') ? Formula::Op::kAdd : Formula::Op::kSub;
      Next();
      lhs = Binary(op, std::move(lhs), Product(depth));
    }
    return lhs;
  }

  std::unique_ptr<Formula> Product(int depth) {
    auto lhs = Primary(depth);
    while (error_.empty() && (IsSymbol('*') || IsSymbol('/'))) {
      const auto op = IsSymbol('*') ? Formula::Op::kMul : Formula::Op::kDiv;
      Next();
      lhs = Binary(op, std::move(lhs), Primary(depth));
    }
    return lhs;
  }

  std::unique_ptr<Formula> Primary(int depth) {
    if (!error_.empty()) return nullptr;
    if (depth > kMaxDepth) {
      Fail(fmt::format("at most {} nested levels", kMaxDepth));
      return nullptr;
    }
    const int position = token_.position;
    if (token_.kind == Token::Kind::kNumber) {
      auto f = Node(Formula::Op::kNumber, position);
      f->number = token_.number;
      Next();
      return f;
    }
    if (IsSymbol('(')) {
      Next();
      auto f = Statement(depth + 1);
      if (!IsSymbol(')')) {
        Fail("')'");
        return nullptr;
      }
      Next();
      return f;
    }
    if (token_.kind != Token::Kind::kName) {
      Fail("a number, a name, VRAI, FAUX, a function call or '('");
      return nullptr;
    }
    if (IsKeyword("vrai") || IsKeyword("faux")) {
      auto f = Node(Formula::Op::kBool, position);
      f->truth = IsKeyword("vrai");
      Next();
      return f;
    }
    std::string name = token_.text;
    Next();
    if (!IsSymbol('(')) {
      auto f = Node(Formula::Op::kName, position);
      f->name = std::move(name);
      return f;
    }
    return Call(Lower(name), position, depth);
  }

  std::unique_ptr<Formula> Call(const std::string& function, int position, int depth) {
    static const std::vector<std::string> kFunctions = {"reponse", "identite", "min", "max"};
    if (std::find(kFunctions.begin(), kFunctions.end(), function) == kFunctions.end()) {
      error_ = fmt::format(
          "formula '{}': at character {}, unknown function '{}' (expected reponse, identite, "
          "min or max)",
          text_, position, function);
      return nullptr;
    }
    auto f = Node(Formula::Op::kCall, position);
    f->name = function;
    Next();  // '('
    f->args.push_back(Statement(depth + 1));
    while (error_.empty() && IsSymbol(',')) {
      Next();
      f->args.push_back(Statement(depth + 1));
    }
    if (!IsSymbol(')')) {
      Fail("',' or ')'");
      return nullptr;
    }
    Next();
    const size_t n = f->args.size();
    const bool arity_ok = function == "reponse" ? (n == 1 || n == 2) : n == 2;
    if (!arity_ok) {
      error_ = fmt::format("formula '{}': at character {}, {}() takes {} arguments, found {}",
                           text_, position, function, function == "reponse" ? "1 or 2" : "2", n);
      return nullptr;
    }
    return error_.empty() ? std::move(f) : nullptr;
  }

  const std::string& text_;
  core::Location where_;
  size_t pos_ = 0;
  int operators_ = 0;
  Token token_;
  std::string error_;
};

}  // namespace

Result<std::shared_ptr<const Formula>> ParseFormula(const std::string& text,
                                                    const core::Location& where) {
  Parser parser(text, where);
  DUCKWEED_ASSIGN_OR_RETURN(auto formula, parser.Parse());
  return std::shared_ptr<const Formula>(std::move(formula));
}

}  // namespace duckweed::evaluate
