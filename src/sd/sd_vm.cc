// The bytecode interpreter: one switch per instruction over the register file. Each case
// computes what the matching case of Eval (sd_eval.cc) computes, operation for operation.
#include <algorithm>
#include <cmath>

#include "sd/sd_builtins.h"
#include "sd/sd_bytecode.h"
#include "sd/sd_reduce.h"

namespace duckweed::sd {
namespace {

double Chain(const int32_t* items, int n, const double* r) {
  double acc = r[items[0]];
  for (int i = 0; i < n; ++i) {
    double x = r[items[2 + 2 * i]];
    switch (static_cast<VmOp>(items[1 + 2 * i])) {
      case VmOp::kAdd:
        acc = acc + x;
        break;
      case VmOp::kSub:
        acc = acc - x;
        break;
      case VmOp::kMul:
        acc = acc * x;
        break;
      default:
        acc = acc / x;
        break;
    }
  }
  return acc;
}

double Reduce(VmOp op, const int32_t* items, int n, const double* r) {
  return ReduceValues(op, n, [&](int i) { return r[items[i]]; });
}

}  // namespace

void Exec(const Bytecode& code, Block block, const Program& p, double* r, RunState& state) {
  const Instr* instrs = code.code.data();
  const int32_t* lists = code.lists.data();
  for (int32_t pc = block.begin; pc < block.end; ++pc) {
    const Instr& in = instrs[pc];
    double* out = r + in.dst;
    switch (in.op) {
      case VmOp::kMove:
        *out = r[in.a];
        break;
      case VmOp::kNeg:
        *out = -r[in.a];
        break;
      case VmOp::kNot:
        *out = r[in.a] == 0 ? 1 : 0;
        break;
      case VmOp::kAdd:
        *out = r[in.a] + r[in.b];
        break;
      case VmOp::kSub:
        *out = r[in.a] - r[in.b];
        break;
      case VmOp::kMul:
        *out = r[in.a] * r[in.b];
        break;
      case VmOp::kDiv:
        *out = r[in.a] / r[in.b];
        break;
      case VmOp::kPow:
        *out = std::pow(r[in.a], r[in.b]);
        break;
      case VmOp::kMod:
        *out = std::fmod(r[in.a], r[in.b]);
        break;
      case VmOp::kLt:
        *out = r[in.a] < r[in.b];
        break;
      case VmOp::kGt:
        *out = r[in.a] > r[in.b];
        break;
      case VmOp::kLe:
        *out = r[in.a] <= r[in.b];
        break;
      case VmOp::kGe:
        *out = r[in.a] >= r[in.b];
        break;
      case VmOp::kEq:
        *out = r[in.a] == r[in.b];
        break;
      case VmOp::kNe:
        *out = r[in.a] != r[in.b];
        break;
      case VmOp::kAnd:
        *out = r[in.a] != 0 && r[in.b] != 0;
        break;
      case VmOp::kOr:
        *out = r[in.a] != 0 || r[in.b] != 0;
        break;
      case VmOp::kFn1:
        *out = ApplyFn1(in.fn, r[in.a]);
        break;
      case VmOp::kFn2:
        *out = ApplyFn2(in.fn, r[in.a], r[in.b]);
        break;
      case VmOp::kLookup:
        *out = LookupValue(p.gfs[in.c], r[in.a]);
        break;
      case VmOp::kChain:
        *out = Chain(lists + in.a, in.b, r);
        break;
      case VmOp::kSum:
      case VmOp::kMean:
      case VmOp::kMin:
      case VmOp::kMax:
      case VmOp::kProd:
      case VmOp::kStddev:
        *out = Reduce(in.op, lists + in.a, in.b, r);
        break;
      case VmOp::kStep:
        *out = r[kTimeSlot] + r[kDtSlot] / 2 > r[in.b] ? r[in.a] : 0;
        break;
      case VmOp::kRamp: {
        double t = r[kTimeSlot];
        if (in.c >= 0) t = std::min(t, r[in.c]);
        *out = t > r[in.b] ? r[in.a] * (t - r[in.b]) : 0;
        break;
      }
      case VmOp::kPulse:
        *out = PulseValue(r[kTimeSlot], r[kDtSlot], r[in.a], r[in.b], in.c >= 0 ? r[in.c] : 0);
        break;
      case VmOp::kSafeDiv: {
        double den = r[in.b];
        *out = den == 0 ? (in.c >= 0 ? r[in.c] : 0) : r[in.a] / den;
        break;
      }
      case VmOp::kJumpIfZero:
        if (r[in.a] == 0) pc = in.b - 1;
        break;
      case VmOp::kJump:
        pc = in.b - 1;
        break;
      case VmOp::kTree:
        *out = Eval(p, in.a, r, state);
        break;
      default:
        __builtin_unreachable();  // the builder emits only the operations above
    }
  }
}

}  // namespace duckweed::sd
