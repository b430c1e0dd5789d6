// The flat compiled program: every scalar of the model (each array element, each module
// variable, each hidden state of a SMTH/DELAY builtin) has a slot in one `double` buffer, and
// every equation is a small expression tree stored in one arena of nodes that refer to slots.
#ifndef DUCKWEED_SD_SD_PROGRAM_H_
#define DUCKWEED_SD_SD_PROGRAM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "duckweed/core/random.h"
#include "duckweed/sd/sd_model.h"

namespace duckweed::sd {

enum class Op : uint8_t {
  kConst,
  kSlot,
  kNeg,
  kNot,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kPow,
  kMod,
  kLt,
  kGt,
  kLe,
  kGe,
  kEq,
  kNe,
  kAnd,
  kOr,
  kIf,      // a ? b : c
  kFn1,     // fn(a)
  kFn2,     // fn(a, b)
  kLookup,  // gfs[c](a)
  kSum,
  kMean,
  kMin,
  kMax,
  kProd,
  kStddev,  // over lists[a .. a+b)
  kStep,
  kRamp,
  kPulse,    // args in lists[a .. a+b)
  kSafeDiv,  // a / b, or c (index, -1: 0) when b == 0
  kDelay,    // fixed delay: buffer c, input a, delay b, init lists
  kRandom,   // stream c, args in lists[a .. a+b), value = kind
  kChain,    // lists[a] op lists[a+2] op lists[a+4] ...: b binary operations applied left to
             // right, each op (lists[a+1], lists[a+3], ...) an Op from kAdd to kOr; a long
             // left-deep chain kept flat so that evaluating it never recurses along it
};

enum class Fn : uint8_t {
  kAbs,
  kSqrt,
  kExp,
  kLn,
  kLog10,
  kSin,
  kCos,
  kTan,
  kAsin,
  kAcos,
  kAtan,
  kSinh,
  kCosh,
  kTanh,
  kInt,
  kTrunc,
  kRound,
  kSign,
  kMin2,
  kMax2,
  kLogBase,
  kAtan2,
};

struct Node {
  Op op = Op::kConst;
  Fn fn = Fn::kAbs;
  int32_t a = -1, b = -1, c = -1;
  double value = 0;
};

enum class SlotKind : uint8_t { kTime, kAux, kStock, kState };

struct Slot {
  SlotKind kind = SlotKind::kAux;
  std::string key;            // canonical name, e.g. "hares.births" or "stock_a[entry_1]"
  std::string display;        // output header; empty for hidden slots
  int init_node = -1;         // value at the start (auxes: their equation)
  int step_node = -1;         // auxes: equation; stocks: derivative; states: next value (-1: held)
  bool non_negative = false;  // stocks: clamp outflows; flows: never negative
  std::vector<int> outflows;  // stocks: slots of their outflows, in priority order
  std::vector<int> inflows;
};

struct DelayBuffer {
  int input_node = -1;
  int init_node = -1;  // -1: the input's first value
};

struct Program {
  std::vector<Node> nodes;
  std::vector<int> lists;
  std::vector<GraphicalFunction> gfs;
  std::vector<Slot> slots;
  std::vector<DelayBuffer> delays;
  int random_streams = 0;
  std::vector<int> init_order;      // slots to compute at the start, in dependency order
  std::vector<int> aux_order;       // aux slots to compute at each evaluation, in dependency order
  std::vector<int> stocks;          // stock slots
  std::vector<int> states;          // state slots with a step_node
  std::vector<int> limited_stocks;  // non-negative stocks with outflows, in model order
  std::vector<int> outputs;         // slots written to results, in column order
  SimSpecs specs;
};

// Slots 0..3 are TIME, DT, STARTTIME, STOPTIME.
inline constexpr int kTimeSlot = 0;
inline constexpr int kDtSlot = 1;
inline constexpr int kStartSlot = 2;
inline constexpr int kStopSlot = 3;

// Mutable state of one run: delay histories and random streams.
struct RunState {
  std::vector<std::vector<double>> delay_history;  // one value per completed step
  std::vector<core::Rng> rngs;
  std::vector<double> spare_normal;
};

// The i-th operand (0..b) and the i-th operation (0..b-1) of a kChain node.
inline int ChainOperand(const Program& p, const Node& chain, int i) {
  return p.lists[chain.a + 2 * i];
}
inline Op ChainOp(const Program& p, const Node& chain, int i) {
  return static_cast<Op>(p.lists[chain.a + 1 + 2 * i]);
}

// The value of a binary operation kAdd..kOr on two values (kAnd and kOr give 0 or 1).
double BinaryValue(Op op, double x, double y);

// Evaluates node `n` against `slots`. Pure except for kRandom (advances its stream) and kDelay
// (reads the history).
double Eval(const Program& p, int n, const double* slots, RunState& state);

// The one- and two-argument math functions, shared by Eval and the bytecode interpreter.
double ApplyFn1(Fn fn, double x);
double ApplyFn2(Fn fn, double x, double y);

// Appends the slots that node `n` reads (directly or through its operands) to `out`. Used for the
// dependency order and for the causal graph of feedback loops.
void CollectSlotReads(const Program& p, int n, std::vector<int>& out);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_PROGRAM_H_
