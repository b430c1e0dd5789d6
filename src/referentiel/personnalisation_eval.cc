// Evaluation of the personnalisation DSL, with the platform's semantics: `et` / `ou` short-circuit
// (a missing answer on the side not read does not matter), a missing answer makes the rule give
// no value.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "referentiel/personnalisation_formula.h"

namespace duckweed::evaluate {

namespace {

using Kind = FormulaValue::Kind;

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool Stopped(const FormulaContext& ctx) { return !ctx.missing.empty() || !ctx.error.empty(); }

FormulaValue None() { return {}; }
FormulaValue Bool(bool b) { return {Kind::kBool, b}; }
FormulaValue Number(double x) { return {Kind::kNumber, false, x}; }

FormulaValue Error(FormulaContext& ctx, const Formula& f, const std::string& message) {
  if (ctx.error.empty()) ctx.error = fmt::format("at character {}: {}", f.position, message);
  return None();
}

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kNone:
      return "no value";
    case Kind::kBool:
      return "a condition";
    case Kind::kNumber:
      return "a number";
    case Kind::kText:
      return "a name";
  }
  return "?";
}

// A condition: VRAI / FAUX, or no value (false, as on the platform).
std::optional<bool> Truth(const FormulaValue& v, const Formula& f, FormulaContext& ctx) {
  if (v.kind == Kind::kBool) return v.truth;
  if (v.kind == Kind::kNone) return false;
  Error(ctx, f, fmt::format("expected a condition, found {}", KindName(v.kind)));
  return std::nullopt;
}

std::optional<double> NumberOf(const FormulaValue& v, const Formula& f, FormulaContext& ctx) {
  if (v.kind == Kind::kNumber) return v.number;
  Error(ctx, f, fmt::format("expected a number, found {}", KindName(v.kind)));
  return std::nullopt;
}

// The name a function argument must be (a question id, an identity key or value).
std::optional<std::string> NameArg(const Formula& arg, FormulaContext& ctx) {
  if (arg.op == Formula::Op::kName) return arg.name;
  if (arg.op == Formula::Op::kBool) return arg.truth ? "VRAI" : "FAUX";
  Error(ctx, arg, "expected a name");
  return std::nullopt;
}

FormulaValue Reponse(const Formula& f, FormulaContext& ctx) {
  const auto question = NameArg(*f.args[0], ctx);
  if (!question) return None();
  auto it = ctx.answers ? ctx.answers->find(*question) : Answers::const_iterator{};
  if (!ctx.answers || it == ctx.answers->end()) {
    ctx.missing = *question;
    return None();
  }
  const std::string& answer = it->second;
  if (f.args.size() == 2) {
    const auto choice = NameArg(*f.args[1], ctx);
    return choice ? Bool(SameText(answer, *choice)) : None();
  }
  double x = 0;
  const auto [end, ec] = std::from_chars(answer.data(), answer.data() + answer.size(), x);
  if (ec == std::errc() && end == answer.data() + answer.size() && std::isfinite(x)) {
    return Number(x);
  }
  return {Kind::kText, false, 0, answer};
}

FormulaValue Population(const Formula& f, const std::string& band, FormulaContext& ctx) {
  const bool below = band.rfind("moins_de_", 0) == 0, above = band.rfind("plus_de_", 0) == 0;
  const std::string digits = band.substr(below ? 9 : above ? 8 : 0);
  int64_t limit = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), limit);
  if (!(below || above) || ec != std::errc() || end != digits.data() + digits.size()) {
    return Error(ctx, f,
                 fmt::format("identite(population, ...) expects moins_de_N or plus_de_N, "
                             "found '{}'",
                             band));
  }
  if (!ctx.identite || !ctx.identite->population) {
    ctx.missing = "identite:population";
    return None();
  }
  return Bool(below ? *ctx.identite->population < limit : *ctx.identite->population > limit);
}

FormulaValue IdentiteCall(const Formula& f, FormulaContext& ctx) {
  const auto key = NameArg(*f.args[0], ctx);
  const auto value = key ? NameArg(*f.args[1], ctx) : std::nullopt;
  if (!value) return None();
  if (*key == "population") return Population(f, *value, ctx);
  const Identite empty;
  const Identite& id = ctx.identite ? *ctx.identite : empty;
  const std::string* field = *key == "type"           ? &id.type
                             : *key == "soustype"     ? &id.soustype
                             : *key == "localisation" ? &id.localisation
                                                      : nullptr;
  if (!field) {
    return Error(ctx, f,
                 fmt::format("unknown identite key '{}' (expected type, soustype, localisation or "
                             "population)",
                             *key));
  }
  if (field->empty()) {
    ctx.missing = "identite:" + *key;
    return None();
  }
  return Bool(SameText(*field, *value));
}

FormulaValue Arithmetic(const Formula& f, FormulaContext& ctx) {
  const FormulaValue a = EvaluateFormula(*f.args[0], ctx);
  if (Stopped(ctx)) return None();
  const FormulaValue b = EvaluateFormula(*f.args[1], ctx);
  if (Stopped(ctx)) return None();
  const auto x = NumberOf(a, *f.args[0], ctx), y = NumberOf(b, *f.args[1], ctx);
  if (!x || !y) return None();
  switch (f.op) {
    case Formula::Op::kAdd:
      return Number(*x + *y);
    case Formula::Op::kSub:
      return Number(*x - *y);
    case Formula::Op::kMul:
      return Number(*x * *y);
    default:
      if (*y == 0) return Error(ctx, f, "division by zero");
      return Number(*x / *y);
  }
}

FormulaValue Logic(const Formula& f, FormulaContext& ctx) {
  const auto lhs = Truth(EvaluateFormula(*f.args[0], ctx), *f.args[0], ctx);
  if (Stopped(ctx) || !lhs) return None();
  const bool is_and = f.op == Formula::Op::kAnd;
  if (is_and ? !*lhs : *lhs) return Bool(*lhs);
  const auto rhs = Truth(EvaluateFormula(*f.args[1], ctx), *f.args[1], ctx);
  if (Stopped(ctx) || !rhs) return None();
  return Bool(*rhs);
}

FormulaValue Call(const Formula& f, FormulaContext& ctx) {
  if (f.name == "reponse") return Reponse(f, ctx);
  if (f.name == "identite") return IdentiteCall(f, ctx);
  const FormulaValue a = EvaluateFormula(*f.args[0], ctx);
  if (Stopped(ctx)) return None();
  const FormulaValue b = EvaluateFormula(*f.args[1], ctx);
  if (Stopped(ctx)) return None();
  const auto x = NumberOf(a, *f.args[0], ctx), y = NumberOf(b, *f.args[1], ctx);
  if (!x || !y) return None();
  return Number(f.name == "min" ? std::min(*x, *y) : std::max(*x, *y));
}

}  // namespace

FormulaValue EvaluateFormula(const Formula& f, FormulaContext& ctx) {
  if (Stopped(ctx)) return None();
  switch (f.op) {
    case Formula::Op::kNumber:
      return Number(f.number);
    case Formula::Op::kBool:
      return Bool(f.truth);
    case Formula::Op::kName:
      return {Kind::kText, false, 0, f.name};
    case Formula::Op::kIf: {
      const auto test = Truth(EvaluateFormula(*f.args[0], ctx), *f.args[0], ctx);
      if (Stopped(ctx) || !test) return None();
      if (*test) return EvaluateFormula(*f.args[1], ctx);
      return f.args.size() > 2 ? EvaluateFormula(*f.args[2], ctx) : None();
    }
    case Formula::Op::kOr:
    case Formula::Op::kAnd:
      return Logic(f, ctx);
    case Formula::Op::kCall:
      return Call(f, ctx);
    default:
      return Arithmetic(f, ctx);
  }
}

}  // namespace duckweed::evaluate
