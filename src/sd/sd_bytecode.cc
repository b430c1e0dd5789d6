// Lowering of the program's expression trees to register bytecode (sd_bytecode.h).
#include "sd/sd_bytecode.h"

#include <algorithm>
#include <bit>
#include <map>

namespace duckweed::sd {
namespace {

// Operations lowered one to one: tree op -> bytecode op.
bool DirectOp(Op op, VmOp& out) {
  static const std::map<Op, VmOp> kDirect = {
      {Op::kNeg, VmOp::kNeg}, {Op::kNot, VmOp::kNot},   {Op::kAdd, VmOp::kAdd},
      {Op::kSub, VmOp::kSub}, {Op::kMul, VmOp::kMul},   {Op::kDiv, VmOp::kDiv},
      {Op::kPow, VmOp::kPow}, {Op::kMod, VmOp::kMod},   {Op::kLt, VmOp::kLt},
      {Op::kGt, VmOp::kGt},   {Op::kLe, VmOp::kLe},     {Op::kGe, VmOp::kGe},
      {Op::kEq, VmOp::kEq},   {Op::kNe, VmOp::kNe},     {Op::kAnd, VmOp::kAnd},
      {Op::kOr, VmOp::kOr},   {Op::kFn1, VmOp::kFn1},   {Op::kFn2, VmOp::kFn2},
      {Op::kSum, VmOp::kSum}, {Op::kMean, VmOp::kMean}, {Op::kMin, VmOp::kMin},
      {Op::kMax, VmOp::kMax}, {Op::kProd, VmOp::kProd}, {Op::kStddev, VmOp::kStddev},
  };
  auto it = kDirect.find(op);
  if (it == kDirect.end()) return false;
  out = it->second;
  return true;
}

bool IsList(Op op) {
  switch (op) {
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
      return true;
    default:
      return false;
  }
}

class Builder {
 public:
  explicit Builder(const Program& p)
      : p_(p), flags_(p.nodes.size(), kUnknown), zeros_(p.slots.size(), 0.0) {
    out_.registers = static_cast<int32_t>(p.slots.size());
  }

  Bytecode Build() {
    out_.aux.begin = Here();
    for (int slot : p_.aux_order) {
      int r = Emit(p_.slots[slot].step_node, slot);
      if (r != slot) Push(Instr{VmOp::kMove, Fn::kAbs, slot, r});
    }
    out_.aux.end = Here();
    out_.derivatives =
        EmitAll(p_.stocks, out_.derivative_base, [&](int s) { return p_.slots[s].step_node; });
    out_.states = EmitAll(p_.states, out_.state_base, [&](int s) { return p_.slots[s].step_node; });
    std::vector<int> delays(p_.delays.size());
    for (size_t i = 0; i < delays.size(); ++i) delays[i] = static_cast<int>(i);
    out_.delays = EmitAll(delays, out_.delay_base, [&](int i) { return p_.delays[i].input_node; });
    out_.fusable = p_.random_streams == 0 && p_.delays.empty() &&
                   out_.aux.end == out_.derivatives.begin &&
                   std::none_of(out_.code.begin(), out_.code.end(),
                                [](const Instr& in) { return in.op == VmOp::kTree; });
    return std::move(out_);
  }

 private:
  // Node flags: whether a subtree has side effects or history (stays a tree) and whether it
  // depends on the run (reads a slot or the clock; otherwise it folds to a constant).
  enum : uint8_t { kUnknown = 0, kKnown = 1, kImpure = 2, kVarying = 4 };

  // Emits the equations of `items` with results in consecutive registers from `base`.
  template <typename NodeOf>
  Block EmitAll(const std::vector<int>& items, int32_t& base, NodeOf node_of) {
    base = out_.registers;
    out_.registers += static_cast<int32_t>(items.size());
    Block b;
    b.begin = Here();
    for (size_t i = 0; i < items.size(); ++i) {
      int node = node_of(items[i]);
      int dst = base + static_cast<int>(i);
      int r = node < 0 ? Constant(0) : Emit(node, dst);
      if (r != dst) Push(Instr{VmOp::kMove, Fn::kAbs, dst, r});
    }
    b.end = Here();
    return b;
  }

  int32_t Here() const { return static_cast<int32_t>(out_.code.size()); }

  int Push(Instr in) {
    out_.code.push_back(in);
    return in.dst;
  }

  int Temp() { return out_.registers++; }
  int Out(int dst) { return dst >= 0 ? dst : Temp(); }

  int Constant(double v) {
    uint64_t bits = std::bit_cast<uint64_t>(v);
    auto it = constants_.find(bits);
    if (it != constants_.end()) return it->second;
    int r = Temp();
    out_.constants.emplace_back(r, v);
    return constants_[bits] = r;
  }

  uint8_t Flags(int node) {
    if (node < 0) return kKnown;
    if (flags_[node] != kUnknown) return flags_[node];
    const Node& n = p_.nodes[node];
    uint8_t f = kKnown;
    auto child = [&](int c) { f |= Flags(c) & (kImpure | kVarying); };
    VmOp direct;
    switch (n.op) {
      case Op::kConst:
        break;
      case Op::kSlot:
        f |= kVarying;
        break;
      case Op::kRandom:
      case Op::kDelay:
        f |= kImpure | kVarying;
        break;
      case Op::kLookup:
        child(n.a);
        break;
      case Op::kStep:
      case Op::kRamp:
      case Op::kPulse:
        f |= kVarying;
        for (int i = 0; i < n.b; ++i) child(p_.lists[n.a + i]);
        break;
      case Op::kIf:
      case Op::kSafeDiv:
        child(n.a);
        child(n.b);
        child(n.c);
        break;
      case Op::kChain:
        for (int i = 0; i <= n.b; ++i) child(ChainOperand(p_, n, i));
        break;
      default:
        if (!DirectOp(n.op, direct)) {
          f |= kImpure | kVarying;  // an operation this lowering does not know: keep the tree
        } else if (IsList(n.op)) {
          for (int i = 0; i < n.b; ++i) child(p_.lists[n.a + i]);
        } else {
          child(n.a);
          child(n.b);
        }
    }
    return flags_[node] = f;
  }

  // Emits the code of `node` and returns the register that holds its value; the last
  // instruction writes `dst` when dst >= 0 (then the result is dst unless the node is a slot or
  // a constant).
  int Emit(int node, int dst) {
    const Node& n = p_.nodes[node];
    if (n.op == Op::kConst) return Constant(n.value);
    if (n.op == Op::kSlot) return n.a;
    uint8_t f = Flags(node);
    if (f & kImpure) return Push(Instr{VmOp::kTree, Fn::kAbs, Out(dst), node});
    if (!(f & kVarying)) return Constant(Eval(p_, node, zeros_.data(), scratch_));
    switch (n.op) {
      case Op::kIf:
        return EmitIf(n, dst);
      case Op::kLookup:
        return Push(Instr{VmOp::kLookup, Fn::kAbs, Out(dst), Emit(n.a, -1), -1, n.c});
      case Op::kStep:
      case Op::kRamp:
      case Op::kPulse: {
        VmOp op = n.op == Op::kStep ? VmOp::kStep : n.op == Op::kRamp ? VmOp::kRamp : VmOp::kPulse;
        int r0 = Emit(p_.lists[n.a], -1);
        int r1 = Emit(p_.lists[n.a + 1], -1);
        int r2 = n.b > 2 ? Emit(p_.lists[n.a + 2], -1) : -1;
        return Push(Instr{op, Fn::kAbs, Out(dst), r0, r1, r2});
      }
      case Op::kSafeDiv: {
        int ra = Emit(n.a, -1), rb = Emit(n.b, -1);
        int rc = n.c >= 0 ? Emit(n.c, -1) : -1;
        return Push(Instr{VmOp::kSafeDiv, Fn::kAbs, Out(dst), ra, rb, rc});
      }
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv:
        return EmitChain(node, dst);
      case Op::kChain:
        return EmitFlatChain(n, dst);
      default:
        break;
    }
    VmOp op;
    DirectOp(n.op, op);
    if (IsList(n.op)) {
      std::vector<int32_t> regs;
      for (int i = 0; i < n.b; ++i) regs.push_back(Emit(p_.lists[n.a + i], -1));
      int start = static_cast<int>(out_.lists.size());
      out_.lists.insert(out_.lists.end(), regs.begin(), regs.end());
      return Push(Instr{op, Fn::kAbs, Out(dst), start, n.b});
    }
    int ra = Emit(n.a, -1);
    int rb = n.b >= 0 ? Emit(n.b, -1) : -1;
    return Push(Instr{op, n.fn, Out(dst), ra, rb});
  }

  int EmitIf(const Node& n, int dst) {
    int cond = Emit(n.a, -1);
    int r = Out(dst);
    size_t skip = out_.code.size();
    Push(Instr{VmOp::kJumpIfZero, Fn::kAbs, kTimeSlot, cond});  // jumps write nothing
    int then_reg = Emit(n.b, r);
    if (then_reg != r) Push(Instr{VmOp::kMove, Fn::kAbs, r, then_reg});
    size_t done = out_.code.size();
    Push(Instr{VmOp::kJump, Fn::kAbs, kTimeSlot});
    out_.code[skip].b = Here();
    int else_reg = Emit(n.c, r);
    if (else_reg != r) Push(Instr{VmOp::kMove, Fn::kAbs, r, else_reg});
    out_.code[done].b = Here();
    return r;
  }

  static bool IsArithmetic(Op op) {
    return op == Op::kAdd || op == Op::kSub || op == Op::kMul || op == Op::kDiv;
  }

  static VmOp ArithmeticOp(Op op) {
    return op == Op::kAdd   ? VmOp::kAdd
           : op == Op::kSub ? VmOp::kSub
           : op == Op::kMul ? VmOp::kMul
                            : VmOp::kDiv;
  }

  // A left-leaning chain of + - * / (a stock's inflows minus outflows, a*b/c*d) is one
  // instruction that keeps the running value in a machine register, applying the operations in
  // the tree's order, instead of storing and reloading each intermediate.
  int EmitChain(int node, int dst) {
    std::vector<std::pair<int, VmOp>> terms;  // right operands from the innermost
    int left = node;
    while (IsArithmetic(p_.nodes[left].op) && (Flags(left) & kVarying)) {
      terms.emplace_back(p_.nodes[left].b, ArithmeticOp(p_.nodes[left].op));
      left = p_.nodes[left].a;
    }
    const Node& n = p_.nodes[node];
    if (terms.size() == 1) {
      int ra = Emit(n.a, -1), rb = Emit(n.b, -1);
      return Push(Instr{ArithmeticOp(n.op), Fn::kAbs, Out(dst), ra, rb});
    }
    std::vector<int32_t> items = {Emit(left, -1)};
    for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
      int r = Emit(it->first, -1);
      items.push_back(static_cast<int32_t>(it->second));
      items.push_back(r);
    }
    int start = static_cast<int>(out_.lists.size());
    out_.lists.insert(out_.lists.end(), items.begin(), items.end());
    return Push(Instr{VmOp::kChain, Fn::kAbs, Out(dst), start, static_cast<int32_t>(terms.size())});
  }

  // A flat kChain node: its constant prefix folded (as nested nodes would fold it), the rest one
  // kChain instruction when every operation is + - * /, else one instruction per operation.
  int EmitFlatChain(const Node& n, int dst) {
    int count = n.b + 1;
    int prefix = 0;
    while (prefix < count && !(Flags(ChainOperand(p_, n, prefix)) & kVarying)) ++prefix;
    int acc = -1;
    if (prefix > 0) {
      double value = Eval(p_, ChainOperand(p_, n, 0), zeros_.data(), scratch_);
      for (int i = 1; i < prefix; ++i) {
        double x = Eval(p_, ChainOperand(p_, n, i), zeros_.data(), scratch_);
        value = BinaryValue(ChainOp(p_, n, i - 1), value, x);
      }
      acc = Constant(value);
    } else {
      acc = Emit(ChainOperand(p_, n, 0), -1);
      prefix = 1;
    }
    bool arithmetic = true;
    for (int i = prefix; i < count; ++i)
      arithmetic = arithmetic && IsArithmetic(ChainOp(p_, n, i - 1));
    if (arithmetic && count - prefix > 1) {
      std::vector<int32_t> items = {acc};
      for (int i = prefix; i < count; ++i) {
        int r = Emit(ChainOperand(p_, n, i), -1);
        items.push_back(static_cast<int32_t>(ArithmeticOp(ChainOp(p_, n, i - 1))));
        items.push_back(r);
      }
      int start = static_cast<int>(out_.lists.size());
      out_.lists.insert(out_.lists.end(), items.begin(), items.end());
      return Push(
          Instr{VmOp::kChain, Fn::kAbs, Out(dst), start, static_cast<int32_t>(count - prefix)});
    }
    for (int i = prefix; i < count; ++i) {
      int r = Emit(ChainOperand(p_, n, i), -1);
      VmOp op;
      DirectOp(ChainOp(p_, n, i - 1), op);
      acc = Push(Instr{op, Fn::kAbs, i + 1 == count ? Out(dst) : Temp(), acc, r});
    }
    return acc;
  }

  const Program& p_;
  std::vector<uint8_t> flags_;
  std::vector<double> zeros_;  // the slots a constant subtree never reads
  RunState scratch_;
  std::map<uint64_t, int> constants_;
  Bytecode out_;
};

}  // namespace

Bytecode BuildBytecode(const Program& p) { return Builder(p).Build(); }

void LoadConstants(const Bytecode& code, double* r) {
  for (const auto& [reg, value] : code.constants) r[reg] = value;
}

}  // namespace duckweed::sd
