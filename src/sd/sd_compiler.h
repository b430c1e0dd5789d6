// Internal: the compiler from the neutral model to the flat program. sd_compile.cc builds the
// symbol table (modules flattened, arrays sized) and orders the program; sd_lower.cc lowers
// equations to nodes, including array subscripts and the stateful builtins.
#ifndef DUCKWEED_SD_SD_COMPILER_H_
#define DUCKWEED_SD_SD_COMPILER_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "duckweed/core/status.h"
#include "sd/sd_ast.h"
#include "sd/sd_program.h"

namespace duckweed::sd {

// True when `text` is empty or only white space.
inline bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

struct DimInfo {
  std::string key;
  const Dimension* dim = nullptr;
  std::vector<std::string> element_keys;       // canonical element names
  std::unordered_map<std::string, int> index;  // element key -> first position
  // The position of an element, or -1. O(1): a linear scan made SUM over a large array, once per
  // element of an apply-to-all equation, cubic.
  int Find(const std::string& element_key) const;
};

struct VarInfo {
  const Variable* var = nullptr;
  std::string key;      // canonical, module-qualified
  std::string display;  // module-qualified display name
  std::string scope;    // canonical prefix, "" or "hares."
  std::vector<const DimInfo*> dims;
  int base = -1;
  int count = 1;
  std::string alias_of;  // connected module input: key of the source
};

// One dimension bound to one element while lowering an arrayed equation.
struct Binding {
  std::string dim;      // dimension key
  std::string element;  // element key
  int index = 0;        // index in that dimension
};

struct LowerCtx {
  const VarInfo* var = nullptr;
  const Equation* eqn = nullptr;
  std::string scope;
  std::vector<Binding> env;
  const std::map<std::string, int>* params = nullptr;  // macro parameters -> nodes
  std::string hidden_prefix;                           // key prefix of hidden slots
  int macro_depth = 0;
};

class Compiler {
 public:
  explicit Compiler(const Project& project) : project_(project) {}
  core::Result<Program> Run();

  // sd_lower.cc
  int Lower(const Expr& e, LowerCtx& ctx);

 private:
  // sd_compile.cc
  void BuildDimensions();
  void Instantiate(const Model& model, const std::string& scope, const std::string& display_scope,
                   int depth);
  // Adds `scalars` (array elements) to the model's size; false, with a diagnostic at `v`, once
  // the estimate passes the memory budget.
  bool Count(double scalars, const Variable& v, const std::string& display);
  void AllocateSlots();
  void CompileVariable(VarInfo& v);
  void CompileElement(VarInfo& v, int index, const Equation& eqn,
                      const std::optional<GraphicalFunction>& gf, std::vector<Binding> env);
  void CompileStock(VarInfo& v, int index);
  void Order();
  void DropConstants();
  void OrderSlots(const std::vector<int>& candidates, bool init, std::vector<int>& order);
  void CollectReads(int node, std::vector<int>& out) const;
  bool CheckGraphical(const GraphicalFunction& gf, const VarInfo& v);
  std::vector<Binding> BindingsFor(const VarInfo& v, int flat) const;

  // sd_lower.cc
  int LowerName(const Expr& e, LowerCtx& ctx);
  int LowerCall(const Expr& e, LowerCtx& ctx);
  int LowerReduction(const Expr& e, Op op, LowerCtx& ctx);
  int LowerStateful(const Expr& e, const std::string& fn, LowerCtx& ctx);
  int LowerMacro(const Expr& e, const Macro& macro, LowerCtx& ctx);
  // An equation that is ACTIVE_INITIAL(active, initial): returns the active node and sets `init`;
  // any other equation is lowered as is. sd_macro.cc.
  int LowerActiveInitial(const Expr& e, LowerCtx& ctx, int& init);
  // EXPRND and LOGNORMAL from uniform and normal draws. sd_random.cc.
  int LowerDistribution(const Expr& e, LowerCtx& ctx);
  int ElementIndex(const Expr& arg, const DimInfo& dim, const LowerCtx& ctx);
  int FlatIndex(const VarInfo& v, const Expr& e, LowerCtx& ctx);
  void CollectIterationDims(const Expr& e, const LowerCtx& ctx, std::vector<const DimInfo*>& out);
  const Expr* Parse(const Equation& eqn, const VarInfo& v);

 public:
  // Shared helpers.
  int Add(Node n);
  int Const(double v);
  int SlotRef(int slot);
  int Binary(Op op, int a, int b);
  // operands[0] ops[0] operands[1] ... left to right: nested binary nodes up to kMaxNestedChain
  // operands (the common case, unchanged), one kChain node beyond, so that no pass recurses
  // along a long sum and a program tree is at most about kMaxEquationDepth x kMaxNestedChain
  // deep. Same values either way. -1 if an operand is -1.
  // REQUIRES: ops.size() + 1 == operands.size() > 0.
  int Chain(const std::vector<int>& operands, const std::vector<Op>& ops);
  static constexpr size_t kMaxNestedChain = 16;
  int List(const std::vector<int>& items);
  // The value of a subtree that reads no slot, clock, history or random stream (folded as Eval
  // would compute it); nullopt for any other.
  std::optional<double> ConstantValue(int node);
  int NewSlot(SlotKind kind, std::string key);
  void Error(const LowerCtx& ctx, int pos, std::string message);
  void Error(const VarInfo& v, int line, std::string message);
  VarInfo* Resolve(const std::string& name, const std::string& scope);
  const DimInfo* FindDim(const std::string& key) const;

  const Project& project_;
  Program prog_;
  core::DiagnosticSink sink_{200};
  std::vector<DimInfo> dims_;
  std::vector<VarInfo> vars_;
  std::map<std::string, int> symbols_;
  std::map<std::string, std::string> aliases_;  // target key -> source key
  std::map<const Equation*, ExprPtr> parsed_;
  std::map<const Equation*, bool> parse_failed_;
  int hidden_counter_ = 0;
  // Scalars after array expansion so far, and whether they passed the memory budget: each costs
  // a slot with its names, nodes, bytecode and registers, about kBytesPerScalar.
  static constexpr double kBytesPerScalar = 400;
  // The program's nodes and lists may take a quarter of the budget (their vectors double when
  // they grow): an apply-to-all SUM over a large array per element multiplies them.
  bool ProgramTooLarge(const LowerCtx& ctx, int pos);
  int macro_expansions_ = 0;
  double scalars_ = 0;
  int module_instances_ = 0;
  bool too_large_ = false;
  std::set<std::string> reported_;  // diagnostics already in sink_, to say each once
};

}  // namespace duckweed::sd

#endif  // DUCKWEED_SD_SD_COMPILER_H_
