// Lowering equations (AST) to program nodes: names to slots (with array subscripts resolved at
// compile time), builtins to nodes, stateful builtins to hidden stocks and states.
#include <cmath>
#include <set>

#include "duckweed/sd/sd_names.h"
#include "sd/sd_compiler.h"

namespace duckweed::sd {
namespace {

struct Fn1Entry {
  const char* name;
  Fn fn;
};
constexpr Fn1Entry kFn1[] = {
    {"abs", Fn::kAbs},     {"sqrt", Fn::kSqrt},   {"exp", Fn::kExp},     {"ln", Fn::kLn},
    {"log10", Fn::kLog10}, {"sin", Fn::kSin},     {"cos", Fn::kCos},     {"tan", Fn::kTan},
    {"arcsin", Fn::kAsin}, {"arccos", Fn::kAcos}, {"arctan", Fn::kAtan}, {"sinh", Fn::kSinh},
    {"cosh", Fn::kCosh},   {"tanh", Fn::kTanh},   {"int", Fn::kInt},     {"integer", Fn::kInt},
    {"round", Fn::kRound}, {"sign", Fn::kSign},   {"asin", Fn::kAsin},   {"acos", Fn::kAcos},
    {"atan", Fn::kAtan},
};

const std::set<std::string> kStateful = {"smth1",  "smth3",  "smthn",   "delay1",  "delay3",
                                         "delayn", "trend",  "forcst",  "init",    "previous",
                                         "delay",  "smooth", "smooth3", "smoothn", "forecast"};

bool IsWildcard(const Expr& e) { return e.kind == Expr::Kind::kName && e.name == "*"; }

// A name as the equation spells it (diagnostics), else its canonical form.
std::string WrittenName(const LowerCtx& ctx, const Expr& e) {
  if (!ctx.eqn || e.pos < 0 || static_cast<size_t>(e.pos) >= ctx.eqn->text.size()) return e.name;
  std::string_view text(ctx.eqn->text);
  size_t end = text.find_first_of("[](),+-*/^<>=&|!\n", e.pos);
  std::string_view word = text.substr(e.pos, end == std::string_view::npos ? end : end - e.pos);
  while (!word.empty() && word.back() == ' ') word.remove_suffix(1);
  return word.empty() ? e.name : std::string(word);
}

// The program operation of a binary operator as the parser spells it (sd_ast.h).
Op BinaryOp(char op) {
  switch (op) {
    case '+':
      return Op::kAdd;
    case '-':
      return Op::kSub;
    case '*':
      return Op::kMul;
    case '/':
      return Op::kDiv;
    case '^':
      return Op::kPow;
    case '%':
      return Op::kMod;
    case '<':
      return Op::kLt;
    case '>':
      return Op::kGt;
    case 'l':
      return Op::kLe;
    case 'g':
      return Op::kGe;
    case '=':
      return Op::kEq;
    case 'n':
      return Op::kNe;
    case '&':
      return Op::kAnd;
    default:
      return Op::kOr;
  }
}

}  // namespace

int Compiler::Lower(const Expr& e, LowerCtx& ctx) {
  switch (e.kind) {
    case Expr::Kind::kNumber:
      return Const(e.value);
    case Expr::Kind::kName:
      return LowerName(e, ctx);
    case Expr::Kind::kCall:
      return LowerCall(e, ctx);
    case Expr::Kind::kUnary: {
      int a = Lower(*e.args[0], ctx);
      if (a < 0) return -1;
      Node n;
      n.op = e.op == '!' ? Op::kNot : Op::kNeg;
      n.a = a;
      return Add(n);
    }
    case Expr::Kind::kBinary:
      return Binary(BinaryOp(e.op), Lower(*e.args[0], ctx), Lower(*e.args[1], ctx));
    case Expr::Kind::kChain: {
      std::vector<int> operands;
      std::vector<Op> ops;
      operands.reserve(e.args.size());
      for (const auto& arg : e.args) operands.push_back(Lower(*arg, ctx));
      for (char op : e.ops) ops.push_back(BinaryOp(op));
      return Chain(operands, ops);
    }
    case Expr::Kind::kIf: {
      int c = Lower(*e.args[0], ctx);
      int a = Lower(*e.args[1], ctx);
      int b = Lower(*e.args[2], ctx);
      if (c < 0 || a < 0 || b < 0) return -1;
      Node n;
      n.op = Op::kIf;
      n.a = c;
      n.b = a;
      n.c = b;
      return Add(n);
    }
  }
  return -1;
}

// The index of a subscript in `dim`: an element name, a bound dimension (by element name, else
// by position), a 1-based number, or `*` (bound by a reduction).
int Compiler::ElementIndex(const Expr& arg, const DimInfo& dim, const LowerCtx& ctx) {
  if (arg.kind == Expr::Kind::kNumber) {
    int idx = static_cast<int>(arg.value) - 1;
    if (idx < 0 || idx >= static_cast<int>(dim.element_keys.size())) {
      Error(
          ctx, arg.pos,
          "subscript " + std::to_string(idx + 1) + " is outside dimension '" + dim.dim->name + "'");
      return -1;
    }
    return idx;
  }
  if (arg.kind != Expr::Kind::kName) {
    Error(ctx, arg.pos, "a subscript must be an element, a dimension or a number");
    return -1;
  }
  std::string name = IsWildcard(arg) ? dim.key : arg.name;
  int idx = dim.Find(name);
  if (idx >= 0 && !FindDim(name)) return idx;
  size_t dot = name.rfind('.');
  if (dot != std::string::npos && FindDim(name.substr(0, dot))) {
    idx = dim.Find(name.substr(dot + 1));
    if (idx >= 0) return idx;
  }
  if (const DimInfo* named = FindDim(name)) {
    for (const Binding& b : ctx.env) {
      if (b.dim != named->key) continue;
      int by_name = dim.Find(b.element);
      if (by_name >= 0) return by_name;
      if (named->element_keys.size() == dim.element_keys.size()) return b.index;
      Error(ctx, arg.pos,
            "dimension '" + named->dim->name + "' does not map onto '" + dim.dim->name + "'");
      return -1;
    }
    Error(ctx, arg.pos,
          "dimension '" + named->dim->name +
              "' is used as a subscript but the equation is not over it");
    return -1;
  }
  if (idx >= 0) return idx;
  Error(ctx, arg.pos,
        "'" + WrittenName(ctx, arg) + "' is not an element of dimension '" + dim.dim->name + "'");
  return -1;
}

int Compiler::FlatIndex(const VarInfo& v, const Expr& e, LowerCtx& ctx) {
  int flat = 0;
  if (e.subscripted) {
    if (e.args.size() != v.dims.size()) {
      Error(ctx, e.pos,
            "'" + v.display + "' has " + std::to_string(v.dims.size()) +
                " dimensions but is used with " + std::to_string(e.args.size()) + " subscripts");
      return -1;
    }
    for (size_t k = 0; k < v.dims.size(); ++k) {
      int idx = ElementIndex(*e.args[k], *v.dims[k], ctx);
      if (idx < 0) return -1;
      flat = flat * static_cast<int>(v.dims[k]->element_keys.size()) + idx;
    }
    return flat;
  }
  for (size_t k = 0; k < v.dims.size(); ++k) {
    const DimInfo& dim = *v.dims[k];
    int idx = -1;
    for (const Binding& b : ctx.env) {
      if (b.dim == dim.key) idx = b.index;
    }
    if (idx < 0) {
      for (const Binding& b : ctx.env) {
        if (idx < 0 && dim.Find(b.element) >= 0) idx = dim.Find(b.element);
      }
    }
    if (idx < 0 && k < ctx.env.size()) {
      const DimInfo* bound = FindDim(ctx.env[k].dim);
      if (bound && bound->element_keys.size() == dim.element_keys.size()) idx = ctx.env[k].index;
    }
    if (idx < 0) {
      Error(ctx, e.pos,
            "array '" + v.display + "' is used without subscripts where dimension '" +
                dim.dim->name + "' is not defined");
      return -1;
    }
    flat = flat * static_cast<int>(dim.element_keys.size()) + idx;
  }
  return flat;
}

int Compiler::LowerName(const Expr& e, LowerCtx& ctx) {
  if (ctx.params) {
    auto it = ctx.params->find(e.name);
    if (it != ctx.params->end()) return it->second;
  }
  VarInfo* v = e.name == "time" ? nullptr : Resolve(e.name, ctx.scope);
  if (!v) {
    if (e.name == "time") return SlotRef(kTimeSlot);
    if (e.name == "dt") return SlotRef(kDtSlot);
    if (e.name == "starttime" || e.name == "initial_time") return SlotRef(kStartSlot);
    if (e.name == "stoptime" || e.name == "final_time") return SlotRef(kStopSlot);
    if (e.name == "pi") return Const(M_PI);
    if (e.name == "inf") return Const(INFINITY);
    Error(ctx, e.pos, "undefined variable '" + e.name + "'");
    return -1;
  }
  if (v->dims.empty()) {
    if (e.subscripted) {
      Error(ctx, e.pos, "'" + v->display + "' is not an array but is used with subscripts");
      return -1;
    }
    return SlotRef(v->base);
  }
  int flat = FlatIndex(*v, e, ctx);
  return flat < 0 ? -1 : SlotRef(v->base + flat);
}

void Compiler::CollectIterationDims(const Expr& e, const LowerCtx& ctx,
                                    std::vector<const DimInfo*>& out) {
  auto add = [&](const DimInfo* d) {
    for (const Binding& b : ctx.env) {
      if (b.dim == d->key) return;
    }
    for (const DimInfo* o : out) {
      if (o == d) return;
    }
    out.push_back(d);
  };
  if (e.kind == Expr::Kind::kName) {
    VarInfo* v = Resolve(e.name, ctx.scope);
    if (v && !v->dims.empty()) {
      if (!e.subscripted) {
        for (const DimInfo* d : v->dims) add(d);
      } else {
        for (size_t k = 0; k < e.args.size() && k < v->dims.size(); ++k) {
          const Expr& a = *e.args[k];
          if (IsWildcard(a)) add(v->dims[k]);
          if (a.kind == Expr::Kind::kName && v->dims[k]->Find(a.name) < 0) {
            if (const DimInfo* d = FindDim(a.name)) add(d);
          }
        }
      }
    }
    return;
  }
  for (const auto& a : e.args) CollectIterationDims(*a, ctx, out);
}

int Compiler::LowerReduction(const Expr& e, Op op, LowerCtx& ctx) {
  std::vector<int> items;
  for (const auto& arg : e.args) {
    std::vector<const DimInfo*> iter;
    CollectIterationDims(*arg, ctx, iter);
    int total = 1;
    for (const DimInfo* d : iter) total *= static_cast<int>(d->element_keys.size());
    for (int flat = 0; flat < total; ++flat) {
      LowerCtx inner = ctx;
      int rest = flat;
      for (int k = static_cast<int>(iter.size()) - 1; k >= 0; --k) {
        int n = static_cast<int>(iter[k]->element_keys.size());
        inner.env.push_back(Binding{iter[k]->key, iter[k]->element_keys[rest % n], rest % n});
        rest /= n;
      }
      int node = Lower(*arg, inner);
      if (node < 0) return -1;
      items.push_back(node);
    }
  }
  if (op == Op::kConst) return Const(static_cast<double>(items.size()));  // SIZE
  Node n;
  n.op = op;
  n.a = List(items);
  n.b = static_cast<int>(items.size());
  return Add(n);
}

int Compiler::LowerCall(const Expr& e, LowerCtx& ctx) {
  const std::string& f = e.name;
  size_t argc = e.args.size();
  auto arity = [&](size_t lo, size_t hi) {
    if (argc >= lo && argc <= hi) return true;
    Error(ctx, e.pos,
          "function '" + f + "' takes " + std::to_string(lo) +
              (hi != lo ? " to " + std::to_string(hi) : "") + " arguments, found " +
              std::to_string(argc));
    return false;
  };
  auto args = [&](std::vector<int>& out) {
    bool ok = true;
    for (const auto& a : e.args) {
      out.push_back(Lower(*a, ctx));
      ok = ok && out.back() >= 0;
    }
    return ok;
  };
  for (const Fn1Entry& entry : kFn1) {
    if (f != entry.name) continue;
    if (!arity(1, 1)) return -1;
    int a = Lower(*e.args[0], ctx);
    if (a < 0) return -1;
    Node n;
    n.op = Op::kFn1;
    n.fn = entry.fn;
    // XMILE's INT is floor; files written from Vensim mean its INTEGER, which truncates.
    bool vensim = project_.vendor.find("Ventana") != std::string::npos ||
                  project_.vendor.find("Vensim") != std::string::npos;
    if (entry.fn == Fn::kInt && (vensim || f == "integer")) n.fn = Fn::kTrunc;
    n.a = a;
    return Add(n);
  }
  if (f == "pi") return arity(0, 0) ? Const(M_PI) : -1;
  if ((f == "min" || f == "max") && argc == 2) {
    std::vector<int> v;
    if (!args(v)) return -1;
    Node n;
    n.op = Op::kFn2;
    n.fn = f == "min" ? Fn::kMin2 : Fn::kMax2;
    n.a = v[0];
    n.b = v[1];
    return Add(n);
  }
  if (f == "log" || f == "arctan2" || f == "atan2") {
    if (!arity(1, 2)) return -1;
    std::vector<int> v;
    if (!args(v)) return -1;
    Node n;
    n.op = argc == 1 ? Op::kFn1 : Op::kFn2;
    n.fn = argc == 1 ? Fn::kLog10 : (f == "log" ? Fn::kLogBase : Fn::kAtan2);
    n.a = v[0];
    if (argc == 2) n.b = v[1];
    return Add(n);
  }
  struct Red {
    const char* name;
    Op op;
  };
  static constexpr Red kReductions[] = {
      {"sum", Op::kSum},   {"mean", Op::kMean},     {"min", Op::kMin},   {"max", Op::kMax},
      {"prod", Op::kProd}, {"stddev", Op::kStddev}, {"size", Op::kConst}};
  for (const Red& r : kReductions) {
    if (f == r.name) {
      if (argc == 0) return arity(1, 1000) ? 0 : -1;
      return LowerReduction(e, r.op, ctx);
    }
  }
  if (f == "if_then_else") {
    if (!arity(3, 3)) return -1;
    std::vector<int> v;
    if (!args(v)) return -1;
    Node n;
    n.op = Op::kIf;
    n.a = v[0];
    n.b = v[1];
    n.c = v[2];
    return Add(n);
  }
  if (f == "safediv" || f == "xidz" || f == "zidz") {
    if (!arity(f == "zidz" ? 2 : f == "xidz" ? 3 : 2, f == "zidz" ? 2 : 3)) return -1;
    std::vector<int> v;
    if (!args(v)) return -1;
    Node n;
    n.op = Op::kSafeDiv;
    n.a = v[0];
    n.b = v[1];
    n.c = argc > 2 ? v[2] : -1;
    return Add(n);
  }
  if (f == "step" || f == "ramp" || f == "pulse") {
    if (!arity(2, f == "step" ? 2 : 3)) return -1;
    std::vector<int> v;
    if (!args(v)) return -1;
    Node n;
    n.op = f == "step" ? Op::kStep : f == "ramp" ? Op::kRamp : Op::kPulse;
    n.a = List(v);
    n.b = static_cast<int>(v.size());
    return Add(n);
  }
  if (f == "random" || f == "uniform" || f == "random_uniform" || f == "normal" ||
      f == "random_normal") {
    if (!arity(0, 4)) return -1;
    std::vector<int> v;
    if (!args(v)) return -1;
    Node n;
    n.op = Op::kRandom;
    n.value = (f == "normal" || f == "random_normal") ? 1 : 0;
    if (v.size() > 2) v.resize(2);  // the seed argument: streams are seeded per run
    n.a = List(v);
    n.b = static_cast<int>(v.size());
    n.c = prog_.random_streams++;
    return Add(n);
  }
  if (f == "exprnd" || f == "lognormal") return LowerDistribution(e, ctx);
  if (f == "inf") return arity(0, 0) ? Const(INFINITY) : -1;
  if (f == "lookup" && argc == 2 && e.args[0]->kind == Expr::Kind::kName) {
    Expr call;
    call.kind = Expr::Kind::kCall;
    call.name = e.args[0]->name;
    call.pos = e.pos;
    call.args.push_back(e.args[1]->Clone());
    return LowerCall(call, ctx);
  }
  if (kStateful.count(f)) return LowerStateful(e, f, ctx);
  if (f == "active_initial") {
    Error(ctx, e.pos,
          "ACTIVE_INITIAL must be the whole equation of an auxiliary or flow, not part of one");
    return -1;
  }
  const Macro* macro = nullptr;
  for (const Macro& m : project_.macros) {
    if (CanonicalName(m.name) == f) macro = &m;
  }
  // A variable may share a macro's name (the call is the macro's unless the variable is a gf).
  if (VarInfo* v = Resolve(f, ctx.scope); v && (v->var->gf || !macro)) {
    const GraphicalFunction* gf = v->var->gf ? &*v->var->gf : nullptr;
    if (!gf || argc != 1) {
      Error(ctx, e.pos,
            "'" + v->display +
                "' is called like a function but is not a graphical "
                "function of one argument");
      return -1;
    }
    if (!CheckGraphical(*gf, *v)) return -1;
    int a = Lower(*e.args[0], ctx);
    if (a < 0) return -1;
    prog_.gfs.push_back(*gf);
    Node n;
    n.op = Op::kLookup;
    n.a = a;
    n.c = static_cast<int>(prog_.gfs.size()) - 1;
    return Add(n);
  }
  if (macro) return LowerMacro(e, *macro, ctx);
  Error(ctx, e.pos, "unknown function '" + f + "'");
  return -1;
}

}  // namespace duckweed::sd
