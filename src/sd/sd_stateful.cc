// Stateful builtins become hidden stocks (SMTH*, DELAY1/3/N, TREND, FORCST), held states
// (INIT, PREVIOUS) or a history buffer (DELAY, a fixed pipeline delay).
#include <fmt/format.h>

#include "duckweed/core/number.h"
#include "sd/sd_compiler.h"

namespace duckweed::sd {
namespace {

struct Shape {
  const char* name;
  size_t min_args, max_args;
};
constexpr Shape kShapes[] = {
    {"smth1", 2, 3},   {"smooth", 2, 3},   {"smth3", 2, 3},  {"smooth3", 2, 3},  {"smthn", 3, 4},
    {"smoothn", 3, 4}, {"delay1", 2, 3},   {"delay3", 2, 3}, {"delayn", 3, 4},   {"trend", 2, 3},
    {"forcst", 3, 4},  {"forecast", 3, 4}, {"init", 1, 1},   {"previous", 1, 2}, {"delay", 2, 3},
};

}  // namespace

int Compiler::LowerStateful(const Expr& e, const std::string& f, LowerCtx& ctx) {
  size_t argc = e.args.size();
  for (const Shape& s : kShapes) {
    if (f == s.name && (argc < s.min_args || argc > s.max_args)) {
      Error(ctx, e.pos,
            "function '" + f + "' takes " + std::to_string(s.min_args) + " to " +
                std::to_string(s.max_args) + " arguments, found " + std::to_string(argc));
      return -1;
    }
  }
  std::vector<int> a;
  for (const auto& arg : e.args) {
    a.push_back(Lower(*arg, ctx));
    if (a.back() < 0) return -1;
  }
  auto hidden = [&](SlotKind kind) {
    return NewSlot(kind, ctx.hidden_prefix + "#" + f + std::to_string(hidden_counter_++));
  };
  auto order_of = [&](size_t i) -> int {
    const Node& n = prog_.nodes[a[i]];
    if (n.op != Op::kConst || n.value < 1 || n.value != static_cast<int>(n.value) ||
        n.value > 1000) {
      Error(ctx, e.args[i]->pos, "the order of '" + f + "' must be a whole number from 1 to 1000");
      return -1;
    }
    return static_cast<int>(n.value);
  };
  int input = a[0];
  if (f == "init") {
    int s = hidden(SlotKind::kState);
    prog_.slots[s].init_node = input;
    return SlotRef(s);
  }
  if (f == "previous") {
    int s = hidden(SlotKind::kState);
    prog_.slots[s].init_node = argc > 1 ? a[1] : input;
    prog_.slots[s].step_node = input;
    return SlotRef(s);
  }
  int tau = a[1];
  // A time that is a constant of the equation must make sense: a negative fixed delay, or a zero
  // or negative averaging or delay time (a division by it), would give NaN in every row.
  if (std::optional<double> time = ConstantValue(tau)) {
    bool fixed = f == "delay";
    if (fixed ? !(*time >= 0) : !(*time > 0)) {
      Error(ctx, e.args[1]->pos,
            fmt::format("the {} time of '{}' must be {}, found {}",
                        f.starts_with("delay") ? "delay" : "averaging", f,
                        fixed ? "zero or more" : "more than zero", core::FormatNumber(*time)));
      return -1;
    }
  }
  if (f == "delay") {
    DelayBuffer buf;
    buf.input_node = input;
    buf.init_node = argc > 2 ? a[2] : -1;
    prog_.delays.push_back(buf);
    Node n;
    n.op = Op::kDelay;
    n.a = input;
    n.b = a[1];
    n.c = static_cast<int>(prog_.delays.size()) - 1;
    return Add(n);
  }
  if (f == "smth1" || f == "smooth" || f == "smth3" || f == "smooth3" || f == "smthn" ||
      f == "smoothn") {
    bool nth = f == "smthn" || f == "smoothn";
    int order = f == "smth1" || f == "smooth" ? 1 : nth ? order_of(2) : 3;
    if (order < 0) return -1;
    size_t init_arg = nth ? 3 : 2;
    int init = argc > init_arg ? a[init_arg] : input;
    int stage_tau = order == 1 ? tau : Binary(Op::kDiv, tau, Const(order));
    int prev = input;
    for (int k = 0; k < order; ++k) {
      int s = hidden(SlotKind::kStock);
      prog_.slots[s].init_node = init;
      prog_.slots[s].step_node = Binary(Op::kDiv, Binary(Op::kSub, prev, SlotRef(s)), stage_tau);
      prev = SlotRef(s);
    }
    return prev;
  }
  if (f == "delay1" || f == "delay3" || f == "delayn") {
    int order = f == "delay1" ? 1 : f == "delay3" ? 3 : order_of(2);
    if (order < 0) return -1;
    size_t init_arg = f == "delayn" ? 3 : 2;
    int init = argc > init_arg ? a[init_arg] : input;
    int stage_tau = order == 1 ? tau : Binary(Op::kDiv, tau, Const(order));
    int inflow = input;
    for (int k = 0; k < order; ++k) {
      int s = hidden(SlotKind::kStock);
      prog_.slots[s].init_node = Binary(Op::kMul, init, stage_tau);
      int outflow = Binary(Op::kDiv, SlotRef(s), stage_tau);
      prog_.slots[s].step_node = Binary(Op::kSub, inflow, outflow);
      inflow = outflow;
    }
    return inflow;
  }
  // TREND and FORCST: a first-order average of the input, and the fractional change rate.
  size_t init_arg = f == "trend" ? 2 : 3;
  int initial_trend = argc > init_arg ? a[init_arg] : Const(0);
  int s = hidden(SlotKind::kStock);
  prog_.slots[s].init_node =
      Binary(Op::kDiv, input, Binary(Op::kAdd, Const(1), Binary(Op::kMul, initial_trend, tau)));
  prog_.slots[s].step_node = Binary(Op::kDiv, Binary(Op::kSub, input, SlotRef(s)), tau);
  Node trend;
  trend.op = Op::kSafeDiv;
  trend.a = Binary(Op::kSub, input, SlotRef(s));
  trend.b = Binary(Op::kMul, SlotRef(s), tau);
  int t = Add(trend);
  if (f == "trend") return t;
  return Binary(Op::kMul, input, Binary(Op::kAdd, Const(1), Binary(Op::kMul, t, a[2])));
}

}  // namespace duckweed::sd
