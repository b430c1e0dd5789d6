// Internal: the register bytecode the integrator runs each step. The expression trees of a
// Program (sd_program.h) are lowered once, after compilation, to flat three-address
// instructions over one register file laid out as [slots | constants and temporaries], so that a
// step is a linear scan with one dispatch per operation instead of a recursive walk.
//
// Results are bit-identical to the tree evaluator (Eval): the same double operations in the same
// order. Constant subtrees are folded by Eval itself; subtrees with side effects or history
// (random draws, fixed delays) and operations the lowering does not know stay trees, run by one
// kTree instruction, so their evaluation order is the tree's.
#ifndef DUCKWEED_SD_SD_BYTECODE_H_
#define DUCKWEED_SD_SD_BYTECODE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "sd/sd_program.h"

namespace duckweed::sd {

enum class VmOp : uint8_t {
  kMove,  // r[dst] = r[a]
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
  kFn1,
  kFn2,
  kLookup,  // gfs[c](r[a])
  kChain,   // r[list[a]] op r[list[a+2]] op ... (b operations; list[a+1], list[a+3]... are the
            // ops, each kAdd, kSub, kMul or kDiv, applied left to right)
  kSum,     // reductions over the registers list[a .. a+b)
  kMean,
  kMin,
  kMax,
  kProd,
  kStddev,
  kStep,        // height r[a] from time r[b]
  kRamp,        // slope r[a] from r[b] until r[c] (c < 0: no end)
  kPulse,       // magnitude r[a] at r[b] every r[c] (c < 0: once)
  kSafeDiv,     // r[a] / r[b], or r[c] (c < 0: 0) when r[b] == 0
  kJumpIfZero,  // if r[a] == 0 continue at instruction b
  kJump,        // continue at instruction b
  kTree,        // r[dst] = Eval(program, node a)
};

struct Instr {
  VmOp op = VmOp::kMove;
  Fn fn = Fn::kAbs;
  int32_t dst = -1;
  int32_t a = -1, b = -1, c = -1;
};

// A contiguous range of instructions.
struct Block {
  int32_t begin = 0, end = 0;
};

struct Bytecode {
  std::vector<Instr> code;
  std::vector<int32_t> lists;                         // register lists of kChain and the reductions
  std::vector<std::pair<int32_t, double>> constants;  // register, value
  int32_t registers = 0;                              // size of the register file
  Block aux;  // the per-step auxiliaries, in dependency order, into their slots
  // The stock derivatives, the next values of held states and the inputs of fixed delays, each
  // into consecutive registers from its base, in the order of the Program's stocks, states and
  // delays (so the integrator reads them in place).
  Block derivatives, states, delays;
  int32_t derivative_base = 0, state_base = 0, delay_base = 0;
  // The derivatives block directly follows the auxiliaries and may run in the same pass: no
  // random draws, no delay histories, no trees (whose evaluation order would then matter).
  bool fusable = false;
};

// Lowers the program's per-step equations. O(program size).
Bytecode BuildBytecode(const Program& p);

// Fills the constant registers. REQUIRES: r has code.registers entries.
void LoadConstants(const Bytecode& code, double* r);

// Runs one block over the register file r (whose first p.slots.size() entries are the slots).
void Exec(const Bytecode& code, Block block, const Program& p, double* r, RunState& state);

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_BYTECODE_H_
