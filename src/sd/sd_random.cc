// Random distributions built from the uniform and normal draws (Op::kRandom): EXPRND by
// inversion, LOGNORMAL as exp of a normal whose parameters give the requested mean and standard
// deviation (XMILE's LOGNORMAL(mean, stddev) describes the log-normal variable itself).
#include "sd/sd_compiler.h"

namespace duckweed::sd {
namespace {

Node Fn1Node(Fn fn, int a) {
  Node n;
  n.op = Op::kFn1;
  n.fn = fn;
  n.a = a;
  return n;
}

}  // namespace

int Compiler::LowerDistribution(const Expr& e, LowerCtx& ctx) {
  bool exprnd = e.name == "exprnd";
  size_t params = exprnd ? 1 : 2;
  if (e.args.size() < params || e.args.size() > params + 1) {
    Error(ctx, e.pos,
          "function '" + e.name + "' takes " + std::to_string(params) + " to " +
              std::to_string(params + 1) + " arguments, found " + std::to_string(e.args.size()));
    return -1;
  }
  std::vector<int> v;
  for (size_t i = 0; i < params; ++i) {
    v.push_back(Lower(*e.args[i], ctx));
    if (v.back() < 0) return -1;
  }
  // The seed argument is ignored: streams are seeded per run and call site.
  auto draw = [&](double kind, std::vector<int> args) {
    Node n;
    n.op = Op::kRandom;
    n.value = kind;
    n.a = List(args);
    n.b = static_cast<int>(args.size());
    n.c = prog_.random_streams++;
    return Add(n);
  };
  if (exprnd) {
    // -mean * ln(1 - U), U uniform on [0, 1).
    int u = draw(0, {Const(0), Const(1)});
    int ln = Add(Fn1Node(Fn::kLn, Binary(Op::kSub, Const(1), u)));
    return Binary(Op::kMul, Binary(Op::kSub, Const(0), v[0]), ln);
  }
  // sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2.
  int ratio = Binary(Op::kDiv, v[1], v[0]);
  int var = Add(Fn1Node(Fn::kLn, Binary(Op::kAdd, Const(1), Binary(Op::kMul, ratio, ratio))));
  int mu = Binary(Op::kSub, Add(Fn1Node(Fn::kLn, v[0])), Binary(Op::kDiv, var, Const(2)));
  int sigma = Add(Fn1Node(Fn::kSqrt, var));
  return Add(Fn1Node(Fn::kExp, draw(1, {mu, sigma})));
}

}  // namespace duckweed::sd
