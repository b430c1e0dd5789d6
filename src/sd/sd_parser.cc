// Recursive-descent parser for XMILE equations. Precedence, loosest first: OR, AND, NOT,
// comparisons, + -, * / MOD, unary + -, ^ (right associative; -2^2 is -4 as in Vensim and Stella).
#include <cctype>
#include <cstdlib>
#include <string>

#include "duckweed/sd/sd_names.h"
#include "sd/sd_ast.h"

namespace duckweed::sd {
namespace {

enum class Tok { kEnd, kNumber, kName, kOp, kLParen, kRParen, kLBracket, kRBracket, kComma };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // name (raw), operator, or keyword lowercased
  double value = 0;
  int pos = 0;
  bool quoted = false;
};

bool IsNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c == '$' || c >= 0x80; }
bool IsNameChar(unsigned char c) { return IsNameStart(c) || std::isdigit(c) || c == '.'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsKeyword(std::string_view word) {
  std::string w = Lower(word);
  return w == "and" || w == "or" || w == "not" || w == "mod" || w == "if" || w == "then" ||
         w == "else";
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // Tokenises everything; a lexical error is reported and lexing stops.
  std::vector<Token> Run(std::vector<ParseError>& errors) {
    std::vector<Token> out;
    while (true) {
      SkipSpaceAndComments(errors);
      if (i_ >= text_.size()) break;
      Token t;
      t.pos = static_cast<int>(i_);
      unsigned char c = text_[i_];
      if (std::isdigit(c) || (c == '.' && i_ + 1 < text_.size() && std::isdigit(text_[i_ + 1]))) {
        LexNumber(t);
      } else if (c == '"') {
        if (!LexQuoted(t, errors)) break;
      } else if (IsNameStart(c)) {
        LexName(t);
      } else {
        if (!LexPunct(t, errors)) break;
      }
      out.push_back(std::move(t));
    }
    Token end;
    end.pos = static_cast<int>(text_.size());
    out.push_back(end);
    return out;
  }

 private:
  // A number: digits, an optional fraction and exponent. Only the number's own characters are
  // copied for strtod (copying the rest of the text made a long equation quadratic).
  void LexNumber(Token& t) {
    size_t j = i_;
    auto digits = [&] {
      while (j < text_.size() && std::isdigit(static_cast<unsigned char>(text_[j]))) ++j;
    };
    digits();
    if (j < text_.size() && text_[j] == '.') {
      ++j;
      digits();
    }
    if (j < text_.size() && (text_[j] == 'e' || text_[j] == 'E')) {
      size_t k = j + 1;
      if (k < text_.size() && (text_[k] == '+' || text_[k] == '-')) ++k;
      if (k < text_.size() && std::isdigit(static_cast<unsigned char>(text_[k]))) {
        j = k;
        digits();
      }
    }
    std::string copy(text_.substr(i_, j - i_));
    t.value = std::strtod(copy.c_str(), nullptr);
    i_ = j;
    t.kind = Tok::kNumber;
  }

  void SkipSpaceAndComments(std::vector<ParseError>& errors) {
    while (i_ < text_.size()) {
      unsigned char c = text_[i_];
      if (std::isspace(c)) {
        ++i_;
      } else if (c == '\\' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') {
        i_ += 2;  // line continuation
      } else if (c == '{') {
        size_t close = text_.find('}', i_);
        if (close == std::string_view::npos) {
          errors.push_back({static_cast<int>(i_), "unterminated comment '{'"});
          i_ = text_.size();
          return;
        }
        i_ = close + 1;
      } else {
        return;
      }
    }
  }

  bool LexQuoted(Token& t, std::vector<ParseError>& errors) {
    size_t j = i_ + 1;
    std::string raw;
    while (j < text_.size() && text_[j] != '"') {
      if (text_[j] == '\\' && j + 1 < text_.size()) {
        raw.push_back(text_[j]);
        ++j;
      }
      raw.push_back(text_[j]);
      ++j;
    }
    if (j >= text_.size()) {
      errors.push_back({static_cast<int>(i_), "unterminated quoted name"});
      return false;
    }
    i_ = j + 1;
    t.kind = Tok::kName;
    t.text = raw;
    t.quoted = true;
    // A quoted module prefix may be followed by .name
    while (i_ < text_.size() && text_[i_] == '.') {
      size_t k = i_ + 1;
      if (k < text_.size() && text_[k] == '"') {
        size_t close = text_.find('"', k + 1);
        if (close == std::string_view::npos) break;
        t.text += "." + std::string(text_.substr(k + 1, close - k - 1));
        i_ = close + 1;
      } else {
        size_t e = k;
        while (e < text_.size() && IsNameChar(text_[e])) ++e;
        t.text += "." + std::string(text_.substr(k, e - k));
        i_ = e;
      }
    }
    return true;
  }

  // A name may contain single spaces between words ("EXPRESSION MACRO") unless the next word is
  // an operator keyword.
  void LexName(Token& t) {
    size_t j = i_;
    while (j < text_.size() && IsNameChar(text_[j])) ++j;
    size_t end = j;
    // A keyword never starts a multi-word name; checked once (per word it was quadratic).
    bool first_is_keyword = IsKeyword(text_.substr(i_, end - i_));
    while (!first_is_keyword) {
      size_t k = end;
      while (k < text_.size() && (text_[k] == ' ' || text_[k] == '\t')) ++k;
      if (k == end || k >= text_.size() || !IsNameStart(text_[k])) break;
      size_t w = k;
      while (w < text_.size() && IsNameChar(text_[w])) ++w;
      if (IsKeyword(text_.substr(k, w - k))) break;
      end = w;
    }
    t.kind = Tok::kName;
    t.text = std::string(text_.substr(i_, end - i_));
    i_ = end;
    std::string lower = Lower(t.text);
    if (IsKeyword(lower)) {
      t.kind = Tok::kOp;
      t.text = lower;
    }
  }

  bool LexPunct(Token& t, std::vector<ParseError>& errors) {
    char c = text_[i_];
    char n = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
    auto two = [&](const char* op) {
      t.kind = Tok::kOp;
      t.text = op;
      i_ += 2;
      return true;
    };
    if (c == '<' && n == '=') return two("<=");
    if (c == '>' && n == '=') return two(">=");
    if (c == '<' && n == '>') return two("<>");
    if (c == '!' && n == '=') return two("<>");
    if (c == '=' && n == '=') return two("=");
    if (c == '&' && n == '&') return two("and");
    if (c == '|' && n == '|') return two("or");
    ++i_;
    switch (c) {
      case '(':
        t.kind = Tok::kLParen;
        return true;
      case ')':
        t.kind = Tok::kRParen;
        return true;
      case '[':
        t.kind = Tok::kLBracket;
        return true;
      case ']':
        t.kind = Tok::kRBracket;
        return true;
      case ',':
        t.kind = Tok::kComma;
        return true;
      case '+':
      case '-':
      case '*':
      case '/':
      case '^':
      case '<':
      case '>':
      case '=':
        t.kind = Tok::kOp;
        t.text = std::string(1, c);
        return true;
      case '%':
        t.kind = Tok::kOp;
        t.text = "mod";
        return true;
      case '!':
        t.kind = Tok::kOp;
        t.text = "not";
        return true;
      default:
        errors.push_back({t.pos, "unexpected character '" + std::string(1, c) + "'"});
        return false;
    }
  }

  std::string_view text_;
  size_t i_ = 0;
};

ExprPtr Make(Expr::Kind kind, int pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

ExprPtr MakeBinary(char op, ExprPtr a, ExprPtr b, int pos) {
  auto e = Make(Expr::Kind::kBinary, pos);
  e->op = op;
  e->args.push_back(std::move(a));
  e->args.push_back(std::move(b));
  return e;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::vector<ParseError>& errors)
      : toks_(std::move(tokens)), errors_(errors) {}

  ExprPtr ParseAll() {
    ExprPtr e = ParseOr();
    if (!e) return nullptr;
    if (Peek().kind != Tok::kEnd) {
      Error(Peek().pos, "unexpected '" + Describe(Peek()) + "' after the end of the expression");
      return nullptr;
    }
    return e;
  }

 private:
  const Token& Peek() const { return toks_[k_]; }
  bool IsOp(const char* op) const { return Peek().kind == Tok::kOp && Peek().text == op; }
  void Error(int pos, std::string message) {
    if (errors_.empty() || !failed_) errors_.push_back({pos, std::move(message)});
    failed_ = true;
  }
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd:
        return "end of equation";
      case Tok::kNumber:
        return "number";
      case Tok::kName:
        return t.text;
      case Tok::kOp:
        return t.text;
      case Tok::kLParen:
        return "(";
      case Tok::kRParen:
        return ")";
      case Tok::kLBracket:
        return "[";
      case Tok::kRBracket:
        return "]";
      case Tok::kComma:
        return ",";
    }
    return "?";
  }

  static std::string TooDeep() {
    return "nested too deeply: more than " + std::to_string(kMaxEquationDepth) +
           " levels of parentheses, function arguments, IF, unary operators or exponents";
  }

  // One nesting level more for the duration of a nested parse; refused past kMaxEquationDepth.
  class Nest {
   public:
    Nest(Parser& p, int pos) : p_(p), ok_(p.depth_ < kMaxEquationDepth) {
      if (ok_) {
        ++p_.depth_;
      } else {
        p_.Error(pos, TooDeep());
      }
    }
    ~Nest() {
      if (ok_) --p_.depth_;
    }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    explicit operator bool() const { return ok_; }

   private:
    Parser& p_;
    bool ok_;
  };

  // One precedence level of left-associative binary operators: `next` parses an operand,
  // `op_of` gives the operator at the current token (0: none). Two operands make a kBinary,
  // more a flat kChain, so a long sum is parsed in a loop and never nests.
  template <class OpOf>
  ExprPtr ParseLevel(ExprPtr (Parser::*next)(), OpOf op_of) {
    ExprPtr first = (this->*next)();
    if (!first) return nullptr;
    char op = op_of();
    if (!op) return first;
    auto chain = Make(Expr::Kind::kChain, Peek().pos);
    chain->args.push_back(std::move(first));
    while (op) {
      ++k_;
      ExprPtr rhs = (this->*next)();
      if (!rhs) return nullptr;
      chain->ops.push_back(op);
      chain->args.push_back(std::move(rhs));
      op = op_of();
    }
    if (chain->args.size() == 2) {
      chain->kind = Expr::Kind::kBinary;
      chain->op = chain->ops[0];
      chain->ops.clear();
    }
    return chain;
  }

  ExprPtr ParseOr() {
    return ParseLevel(&Parser::ParseAnd, [this]() -> char { return IsOp("or") ? '|' : 0; });
  }
  ExprPtr ParseAnd() {
    return ParseLevel(&Parser::ParseNot, [this]() -> char { return IsOp("and") ? '&' : 0; });
  }
  ExprPtr ParseNot() {
    if (IsOp("not")) {
      int pos = Peek().pos;
      Nest nest(*this, pos);
      if (!nest) return nullptr;
      ++k_;
      ExprPtr arg = ParseNot();
      if (!arg) return nullptr;
      auto e = Make(Expr::Kind::kUnary, pos);
      e->op = '!';
      e->args.push_back(std::move(arg));
      return e;
    }
    ExprPtr e = ParseCompare();
    // Postfix NOT ("x not"), accepted as Stella does; each one nests the tree one level.
    int postfix = 0;
    while (e && IsOp("not")) {
      if (depth_ + ++postfix > kMaxEquationDepth) {
        Error(Peek().pos, TooDeep());
        return nullptr;
      }
      auto n = Make(Expr::Kind::kUnary, Peek().pos);
      ++k_;
      n->op = '!';
      n->args.push_back(std::move(e));
      e = std::move(n);
    }
    return e;
  }
  ExprPtr ParseCompare() {
    return ParseLevel(&Parser::ParseAdd, [this]() -> char {
      if (Peek().kind != Tok::kOp) return 0;
      const std::string& t = Peek().text;
      return t == "<"    ? '<'
             : t == ">"  ? '>'
             : t == "<=" ? 'l'
             : t == ">=" ? 'g'
             : t == "="  ? '='
             : t == "<>" ? 'n'
                         : 0;
    });
  }
  ExprPtr ParseAdd() {
    return ParseLevel(&Parser::ParseMul, [this]() -> char {
      return IsOp("+") ? '+' : IsOp("-") ? '-' : 0;
    });
  }
  ExprPtr ParseMul() {
    return ParseLevel(&Parser::ParseUnary, [this]() -> char {
      return IsOp("*") ? '*' : IsOp("/") ? '/' : IsOp("mod") ? '%' : 0;
    });
  }
  ExprPtr ParseUnary() {
    if (IsOp("-") || IsOp("+")) {
      char op = Peek().text[0];
      int pos = Peek().pos;
      Nest nest(*this, pos);
      if (!nest) return nullptr;
      ++k_;
      ExprPtr arg = ParseUnary();
      if (!arg) return nullptr;
      if (op == '+') return arg;
      auto e = Make(Expr::Kind::kUnary, pos);
      e->op = '-';
      e->args.push_back(std::move(arg));
      return e;
    }
    return ParsePower();
  }
  ExprPtr ParsePower() {
    ExprPtr base = ParsePrimary();
    if (base && IsOp("^")) {
      int pos = Peek().pos;
      Nest nest(*this, pos);
      if (!nest) return nullptr;
      ++k_;
      ExprPtr exponent = ParseUnary();  // right associative, allows 30^-x
      if (!exponent) return nullptr;
      return MakeBinary('^', std::move(base), std::move(exponent), pos);
    }
    return base;
  }

  bool ParseList(Tok close, std::vector<ExprPtr>& out) {
    if (Peek().kind == close) {
      ++k_;
      return true;
    }
    while (true) {
      if (Peek().kind == Tok::kOp && Peek().text == "*") {  // wildcard subscript
        auto w = Make(Expr::Kind::kName, Peek().pos);
        w->name = "*";
        ++k_;
        out.push_back(std::move(w));
      } else {
        Nest nest(*this, Peek().pos);
        if (!nest) return false;
        ExprPtr arg = ParseOr();
        if (!arg) return false;
        out.push_back(std::move(arg));
      }
      if (Peek().kind == Tok::kComma) {
        ++k_;
        continue;
      }
      if (Peek().kind == close) {
        ++k_;
        return true;
      }
      Error(Peek().pos, std::string("expected ',' or '") + (close == Tok::kRParen ? ")" : "]") +
                            "', found '" + Describe(Peek()) + "'");
      return false;
    }
  }

  ExprPtr ParsePrimary() {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kNumber: {
        auto e = Make(Expr::Kind::kNumber, t.pos);
        e->value = t.value;
        ++k_;
        return e;
      }
      case Tok::kLParen: {
        Nest nest(*this, t.pos);
        if (!nest) return nullptr;
        ++k_;
        ExprPtr e = ParseOr();
        if (!e) return nullptr;
        if (Peek().kind != Tok::kRParen) {
          Error(Peek().pos, "expected ')', found '" + Describe(Peek()) + "'");
          return nullptr;
        }
        ++k_;
        return e;
      }
      case Tok::kName:
        return ParseNameOrCall();
      case Tok::kOp:
        if (t.text == "if") return ParseIf();
        [[fallthrough]];
      default:
        Error(t.pos, "expected a value, found '" + Describe(t) + "'");
        return nullptr;
    }
  }

  ExprPtr ParseIf() {
    int pos = Peek().pos;
    Nest nest(*this, pos);
    if (!nest) return nullptr;
    ++k_;
    ExprPtr cond = ParseOr();
    if (!cond) return nullptr;
    if (!IsOp("then")) {
      Error(Peek().pos, "expected THEN, found '" + Describe(Peek()) + "'");
      return nullptr;
    }
    ++k_;
    ExprPtr a = ParseOr();
    if (!a) return nullptr;
    if (!IsOp("else")) {
      Error(Peek().pos, "expected ELSE, found '" + Describe(Peek()) + "'");
      return nullptr;
    }
    ++k_;
    ExprPtr b = ParseOr();
    if (!b) return nullptr;
    auto e = Make(Expr::Kind::kIf, pos);
    e->args.push_back(std::move(cond));
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  ExprPtr ParseNameOrCall() {
    const Token& t = Peek();
    int pos = t.pos;
    std::string name = CanonicalName(t.text);
    bool quoted = t.quoted;
    ++k_;
    if (Peek().kind == Tok::kLParen && !quoted) {
      ++k_;
      auto e = Make(Expr::Kind::kCall, pos);
      e->name = name;
      if (!ParseList(Tok::kRParen, e->args)) return nullptr;
      return e;
    }
    auto e = Make(Expr::Kind::kName, pos);
    e->name = name;
    if (Peek().kind == Tok::kLBracket) {
      ++k_;
      e->subscripted = true;
      if (!ParseList(Tok::kRBracket, e->args)) return nullptr;
    }
    return e;
  }

  std::vector<Token> toks_;
  size_t k_ = 0;
  int depth_ = 0;
  std::vector<ParseError>& errors_;
  bool failed_ = false;
};

}  // namespace

ExprPtr Expr::Clone() const {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->value = value;
  e->name = name;
  e->op = op;
  e->ops = ops;
  e->subscripted = subscripted;
  e->pos = pos;
  for (const auto& a : args) e->args.push_back(a->Clone());
  return e;
}

ParseOutcome ParseEquation(std::string_view text) {
  ParseOutcome out;
  Lexer lexer(text);
  std::vector<Token> tokens = lexer.Run(out.errors);
  if (!out.errors.empty()) return out;
  if (tokens.size() == 1) {
    out.errors.push_back({0, "empty equation"});
    return out;
  }
  Parser parser(std::move(tokens), out.errors);
  out.expr = parser.ParseAll();
  if (!out.errors.empty()) out.expr.reset();
  return out;
}

std::pair<int, int> LineColumn(std::string_view text, int pos) {
  int line = 1, col = 1;
  for (int i = 0; i < pos && i < static_cast<int>(text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace duckweed::sd
