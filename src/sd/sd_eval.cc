// The evaluator of compiled expression nodes: one switch over a flat arena, children by index.
#include <algorithm>
#include <cmath>

#include "sd/sd_builtins.h"
#include "sd/sd_program.h"
#include "sd/sd_reduce.h"

namespace duckweed::sd {

double ApplyFn1(Fn fn, double x) {
  switch (fn) {
    case Fn::kAbs:
      return std::fabs(x);
    case Fn::kSqrt:
      return std::sqrt(x);
    case Fn::kExp:
      return std::exp(x);
    case Fn::kLn:
      return std::log(x);
    case Fn::kLog10:
      return std::log10(x);
    case Fn::kSin:
      return std::sin(x);
    case Fn::kCos:
      return std::cos(x);
    case Fn::kTan:
      return std::tan(x);
    case Fn::kAsin:
      return std::asin(x);
    case Fn::kAcos:
      return std::acos(x);
    case Fn::kAtan:
      return std::atan(x);
    case Fn::kSinh:
      return std::sinh(x);
    case Fn::kCosh:
      return std::cosh(x);
    case Fn::kTanh:
      return std::tanh(x);
    case Fn::kInt:
      return std::floor(x);
    case Fn::kTrunc:
      return std::trunc(x);
    case Fn::kRound:
      return std::round(x);
    case Fn::kSign:
      return x > 0 ? 1 : x < 0 ? -1 : 0;
    default:
      return NAN;
  }
}

double ApplyFn2(Fn fn, double x, double y) {
  switch (fn) {
    case Fn::kMin2:
      return std::min(x, y);
    case Fn::kMax2:
      return std::max(x, y);
    case Fn::kLogBase:
      return std::log(x) / std::log(y);
    case Fn::kAtan2:
      return std::atan2(x, y);
    default:
      return NAN;
  }
}

double BinaryValue(Op op, double x, double y) {
  switch (op) {
    case Op::kAdd:
      return x + y;
    case Op::kSub:
      return x - y;
    case Op::kMul:
      return x * y;
    case Op::kDiv:
      return x / y;
    case Op::kPow:
      return std::pow(x, y);
    case Op::kMod:
      return std::fmod(x, y);
    case Op::kLt:
      return x < y;
    case Op::kGt:
      return x > y;
    case Op::kLe:
      return x <= y;
    case Op::kGe:
      return x >= y;
    case Op::kEq:
      return x == y;
    case Op::kNe:
      return x != y;
    case Op::kAnd:
      return x != 0 && y != 0;
    case Op::kOr:
      return x != 0 || y != 0;
    default:
      return NAN;
  }
}

namespace {

// A flat chain, left to right, in a loop; AND and OR skip their right operand as the binary
// nodes do.
double EvalChain(const Program& p, const Node& node, const double* s, RunState& st) {
  double acc = Eval(p, ChainOperand(p, node, 0), s, st);
  for (int i = 0; i < node.b; ++i) {
    Op op = ChainOp(p, node, i);
    if (op == Op::kAnd && acc == 0) continue;
    if (op == Op::kOr && acc != 0) {
      acc = 1;
      continue;
    }
    acc = BinaryValue(op, acc, Eval(p, ChainOperand(p, node, i + 1), s, st));
  }
  return acc;
}

double Reduce(const Program& p, const Node& node, const double* s, RunState& st) {
  const int* items = p.lists.data() + node.a;
  return ReduceValues(node.op, node.b, [&](int i) { return Eval(p, items[i], s, st); });
}

double Arg(const Program& p, const Node& node, int i, const double* s, RunState& st) {
  return Eval(p, p.lists[node.a + i], s, st);
}

double EvalDelay(const Program& p, const Node& node, const double* s, RunState& st) {
  const std::vector<double>& hist = st.delay_history[node.c];
  double delay = Eval(p, node.b, s, st);
  double target = s[kTimeSlot] - delay;
  double start = s[kStartSlot], dt = s[kDtSlot];
  if (target < start - 1e-9 * dt) {
    const DelayBuffer& buf = p.delays[node.c];
    if (buf.init_node >= 0) return Eval(p, buf.init_node, s, st);
    return hist.empty() ? Eval(p, node.a, s, st) : hist.front();
  }
  double k = std::floor((target - start) / dt + 1e-6);
  size_t idx = static_cast<size_t>(k);
  if (idx >= hist.size()) return Eval(p, node.a, s, st);
  return hist[idx];
}

double EvalRandom(const Program& p, const Node& node, const double* s, RunState& st) {
  core::Rng& rng = st.rngs[node.c];
  double a = node.b > 0 ? Arg(p, node, 0, s, st) : 0;
  double b = node.b > 1 ? Arg(p, node, 1, s, st) : 1;
  if (node.value == 0) return a + (b - a) * rng.Uniform();
  double u1 = std::max(rng.Uniform(), 1e-300), u2 = rng.Uniform();
  return a + b * std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

}  // namespace

double Eval(const Program& p, int n, const double* s, RunState& st) {
  const Node& node = p.nodes[n];
  switch (node.op) {
    case Op::kConst:
      return node.value;
    case Op::kSlot:
      return s[node.a];
    case Op::kNeg:
      return -Eval(p, node.a, s, st);
    case Op::kNot:
      return Eval(p, node.a, s, st) == 0 ? 1 : 0;
    case Op::kAdd:
      return Eval(p, node.a, s, st) + Eval(p, node.b, s, st);
    case Op::kSub:
      return Eval(p, node.a, s, st) - Eval(p, node.b, s, st);
    case Op::kMul:
      return Eval(p, node.a, s, st) * Eval(p, node.b, s, st);
    case Op::kDiv:
      return Eval(p, node.a, s, st) / Eval(p, node.b, s, st);
    case Op::kPow:
      return std::pow(Eval(p, node.a, s, st), Eval(p, node.b, s, st));
    case Op::kMod: {
      double x = Eval(p, node.a, s, st), y = Eval(p, node.b, s, st);
      return std::fmod(x, y);  // sign of the dividend, as the suite's outputs show
    }
    case Op::kLt:
      return Eval(p, node.a, s, st) < Eval(p, node.b, s, st);
    case Op::kGt:
      return Eval(p, node.a, s, st) > Eval(p, node.b, s, st);
    case Op::kLe:
      return Eval(p, node.a, s, st) <= Eval(p, node.b, s, st);
    case Op::kGe:
      return Eval(p, node.a, s, st) >= Eval(p, node.b, s, st);
    case Op::kEq:
      return Eval(p, node.a, s, st) == Eval(p, node.b, s, st);
    case Op::kNe:
      return Eval(p, node.a, s, st) != Eval(p, node.b, s, st);
    case Op::kAnd:
      return Eval(p, node.a, s, st) != 0 && Eval(p, node.b, s, st) != 0;
    case Op::kOr:
      return Eval(p, node.a, s, st) != 0 || Eval(p, node.b, s, st) != 0;
    case Op::kIf:
      return Eval(p, node.a, s, st) != 0 ? Eval(p, node.b, s, st) : Eval(p, node.c, s, st);
    case Op::kFn1:
      return ApplyFn1(node.fn, Eval(p, node.a, s, st));
    case Op::kFn2:
      return ApplyFn2(node.fn, Eval(p, node.a, s, st), Eval(p, node.b, s, st));
    case Op::kLookup:
      return LookupValue(p.gfs[node.c], Eval(p, node.a, s, st));
    case Op::kSum:
    case Op::kMean:
    case Op::kMin:
    case Op::kMax:
    case Op::kProd:
    case Op::kStddev:
      return Reduce(p, node, s, st);
    case Op::kStep:
      return s[kTimeSlot] + s[kDtSlot] / 2 > Arg(p, node, 1, s, st) ? Arg(p, node, 0, s, st) : 0;
    case Op::kRamp: {
      double slope = Arg(p, node, 0, s, st), start = Arg(p, node, 1, s, st);
      double t = s[kTimeSlot];
      if (node.b > 2) t = std::min(t, Arg(p, node, 2, s, st));
      return t > start ? slope * (t - start) : 0;
    }
    case Op::kPulse: {
      double magnitude = Arg(p, node, 0, s, st), first = Arg(p, node, 1, s, st);
      double interval = node.b > 2 ? Arg(p, node, 2, s, st) : 0;
      return PulseValue(s[kTimeSlot], s[kDtSlot], magnitude, first, interval);
    }
    case Op::kSafeDiv: {
      double den = Eval(p, node.b, s, st);
      if (den == 0) return node.c >= 0 ? Eval(p, node.c, s, st) : 0;
      return Eval(p, node.a, s, st) / den;
    }
    case Op::kDelay:
      return EvalDelay(p, node, s, st);
    case Op::kRandom:
      return EvalRandom(p, node, s, st);
    case Op::kChain:
      return EvalChain(p, node, s, st);
  }
  return NAN;
}

void CollectSlotReads(const Program& p, int node, std::vector<int>& out) {
  if (node < 0) return;
  const Node& n = p.nodes[node];
  switch (n.op) {
    case Op::kConst:
      return;
    case Op::kSlot:
      out.push_back(n.a);
      return;
    case Op::kSum:
    case Op::kMean:
    case Op::kMin:
    case Op::kMax:
    case Op::kProd:
    case Op::kStddev:
    case Op::kStep:
    case Op::kRamp:
    case Op::kPulse:
    case Op::kRandom:
      for (int i = 0; i < n.b; ++i) CollectSlotReads(p, p.lists[n.a + i], out);
      return;
    case Op::kLookup:
      CollectSlotReads(p, n.a, out);
      return;
    case Op::kChain:
      for (int i = 0; i <= n.b; ++i) CollectSlotReads(p, ChainOperand(p, n, i), out);
      return;
    case Op::kDelay:
      CollectSlotReads(p, n.a, out);
      CollectSlotReads(p, n.b, out);
      if (p.delays[n.c].init_node >= 0) CollectSlotReads(p, p.delays[n.c].init_node, out);
      return;
    default:
      CollectSlotReads(p, n.a, out);
      CollectSlotReads(p, n.b, out);
      CollectSlotReads(p, n.c, out);
  }
}

}  // namespace duckweed::sd
