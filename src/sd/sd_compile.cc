// Symbol table, slot allocation, per-variable compilation and dependency ordering.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>

#include "duckweed/core/memory.h"
#include "duckweed/core/number.h"
#include "duckweed/sd/sd_names.h"
#include "duckweed/sd/sd_simulate.h"
#include "sd/sd_bytecode.h"
#include "sd/sd_compiler.h"

namespace duckweed::sd {
namespace {

constexpr int kMaxModuleDepth = 32;
// Module instances in all (a module of 10 modules of 10 modules ... multiplies): each costs a
// scope of long dotted names; real models have a few hundred.
constexpr int kMaxModuleInstances = 100000;
// A run keeps every saved step in memory: more steps than this is a sim_specs typo, not a model.
constexpr double kMaxSteps = 1e8;

std::string JoinDisplay(const std::vector<const DimInfo*>& dims, int flat) {
  std::vector<std::string> parts(dims.size());
  for (int k = static_cast<int>(dims.size()) - 1; k >= 0; --k) {
    int n = static_cast<int>(dims[k]->element_keys.size());
    parts[k] = DisplayName(dims[k]->dim->elements[flat % n]);
    flat /= n;
  }
  std::string out = "[";
  for (size_t k = 0; k < parts.size(); ++k) out += (k ? "," : "") + parts[k];
  return out + "]";
}

// A list of plain numbers separated by commas or semicolons ("1, 2, 3"), as xmutil writes
// arrayed constants; empty when the text is anything else.
std::vector<double> NumberList(const std::string& text) {
  std::vector<double> out;
  if (text.find_first_of(",;") == std::string::npos) return out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find_first_of(",;", i);
    if (j == std::string::npos) j = text.size();
    std::string item = text.substr(i, j - i);
    size_t b = item.find_first_not_of(" \t\n\r");
    if (b != std::string::npos) {
      item = item.substr(b, item.find_last_not_of(" \t\n\r") - b + 1);
      char* end = nullptr;
      double v = std::strtod(item.c_str(), &end);
      if (*end != '\0') return {};
      out.push_back(v);
    }
    i = j + 1;
  }
  return out;
}

}  // namespace

int DimInfo::Find(const std::string& element_key) const {
  auto it = index.find(element_key);
  return it == index.end() ? -1 : it->second;
}

int Compiler::Add(Node n) {
  prog_.nodes.push_back(n);
  return static_cast<int>(prog_.nodes.size()) - 1;
}
int Compiler::Const(double v) {
  Node n;
  n.op = Op::kConst;
  n.value = v;
  return Add(n);
}
int Compiler::SlotRef(int slot) {
  Node n;
  n.op = Op::kSlot;
  n.a = slot;
  return Add(n);
}
int Compiler::Binary(Op op, int a, int b) {
  if (a < 0 || b < 0) return -1;
  Node n;
  n.op = op;
  n.a = a;
  n.b = b;
  return Add(n);
}
int Compiler::Chain(const std::vector<int>& operands, const std::vector<Op>& ops) {
  if (std::any_of(operands.begin(), operands.end(), [](int n) { return n < 0; })) return -1;
  if (operands.size() <= kMaxNestedChain) {
    int acc = operands[0];
    for (size_t i = 0; i < ops.size(); ++i) acc = Binary(ops[i], acc, operands[i + 1]);
    return acc;
  }
  std::vector<int> items = {operands[0]};
  for (size_t i = 0; i < ops.size(); ++i) {
    items.push_back(static_cast<int>(ops[i]));
    items.push_back(operands[i + 1]);
  }
  Node n;
  n.op = Op::kChain;
  n.a = List(items);
  n.b = static_cast<int>(ops.size());
  return Add(n);
}
std::optional<double> Compiler::ConstantValue(int node) {
  std::function<bool(int)> constant = [&](int k) {
    if (k < 0) return true;
    const Node& n = prog_.nodes[k];
    switch (n.op) {
      case Op::kConst:
        return true;
      case Op::kSlot:
      case Op::kStep:
      case Op::kRamp:
      case Op::kPulse:
      case Op::kDelay:
      case Op::kRandom:
      case Op::kLookup:
        return false;
      case Op::kSum:
      case Op::kMean:
      case Op::kMin:
      case Op::kMax:
      case Op::kProd:
      case Op::kStddev:
        for (int i = 0; i < n.b; ++i) {
          if (!constant(prog_.lists[n.a + i])) return false;
        }
        return true;
      case Op::kChain:
        for (int i = 0; i <= n.b; ++i) {
          if (!constant(ChainOperand(prog_, n, i))) return false;
        }
        return true;
      default:
        return constant(n.a) && constant(n.b) && constant(n.c);
    }
  };
  if (node < 0 || !constant(node)) return std::nullopt;
  double slots[4] = {0, 0, 0, 0};
  RunState state;
  return Eval(prog_, node, slots, state);
}
int Compiler::List(const std::vector<int>& items) {
  int start = static_cast<int>(prog_.lists.size());
  prog_.lists.insert(prog_.lists.end(), items.begin(), items.end());
  return start;
}
int Compiler::NewSlot(SlotKind kind, std::string key) {
  Slot s;
  s.kind = kind;
  s.key = std::move(key);
  prog_.slots.push_back(std::move(s));
  return static_cast<int>(prog_.slots.size()) - 1;
}

void Compiler::Error(const LowerCtx& ctx, int pos, std::string message) {
  int line = 0, col = 0;
  if (ctx.eqn) {
    auto [l, c] = LineColumn(ctx.eqn->text, pos);
    line = ctx.eqn->line ? ctx.eqn->line + l - 1 : 0;
    col = l == 1 && ctx.eqn->column ? ctx.eqn->column + c - 1 : c;
    std::string text = ctx.eqn->text;
    size_t b = text.find_first_not_of(" \t\r\n");
    text = b == std::string::npos ? "" : text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    message += " (at character " +
               std::to_string(pos + 1 - static_cast<int>(b == std::string::npos ? 0 : b)) +
               " of '" + text + "')";
  }
  std::string field = ctx.var ? ctx.var->display : "";
  // An apply-to-all equation is lowered once per element: say each problem once.
  if (!reported_.insert(fmt::format("{}:{}:{}:{}", line, col, field, message)).second) return;
  sink_.Add(core::Location{project_.source, line, col, field}, std::move(message));
}

void Compiler::Error(const VarInfo& v, int line, std::string message) {
  if (!reported_.insert(fmt::format("{}:0:{}:{}", line, v.display, message)).second) return;
  sink_.Add(core::Location{project_.source, line, 0, v.display}, std::move(message));
}

const DimInfo* Compiler::FindDim(const std::string& key) const {
  for (const DimInfo& d : dims_) {
    if (d.key == key) return &d;
  }
  return nullptr;
}

VarInfo* Compiler::Resolve(const std::string& name, const std::string& scope) {
  auto it = symbols_.find(scope + name);
  if (it == symbols_.end() && !scope.empty()) it = symbols_.find(name);
  return it == symbols_.end() ? nullptr : &vars_[it->second];
}

void Compiler::BuildDimensions() {
  dims_.reserve(project_.dimensions.size());
  for (const Dimension& d : project_.dimensions) {
    DimInfo info;
    info.key = CanonicalName(d.name);
    info.dim = &d;
    for (const std::string& e : d.elements) {
      info.index.emplace(CanonicalName(e), static_cast<int>(info.element_keys.size()));
      info.element_keys.push_back(CanonicalName(e));
    }
    dims_.push_back(std::move(info));
  }
}

void Compiler::Instantiate(const Model& model, const std::string& scope,
                           const std::string& display_scope, int depth) {
  for (const Variable& v : model.variables) {
    if (too_large_) return;  // modules within modules can multiply without end: stop counting
    std::string key = scope + CanonicalName(v.name);
    std::string display = display_scope + DisplayName(v.name);
    if (v.kind == Variable::Kind::kModule) {
      if (++module_instances_ > kMaxModuleInstances) {
        sink_.Add(core::Location{project_.source, v.line, 0, display},
                  fmt::format("more than {} module instances (modules within modules multiply); "
                              "the model is refused",
                              kMaxModuleInstances));
        too_large_ = true;
        return;
      }
      const Model* sub = nullptr;
      for (const Model& m : project_.models) {
        if (!m.name.empty() && CanonicalName(m.name) == CanonicalName(v.module_model)) sub = &m;
      }
      if (!sub || depth >= kMaxModuleDepth) {
        sink_.Add(core::Location{project_.source, v.line, 0, display},
                  sub ? "modules nested too deeply (a module includes itself?)"
                      : "module refers to a model '" + v.module_model + "' that is not defined");
        continue;
      }
      Instantiate(*sub, key + ".", display + ".", depth + 1);
      for (const auto& [to, from] : v.connections) {
        std::string target = CanonicalName(to);
        std::string own_prefix = CanonicalName(v.name) + ".";
        if (target.starts_with(own_prefix)) target = target.substr(own_prefix.size());
        std::string source = from.starts_with(".") ? scope + CanonicalName(from.substr(1))
                                                   : scope + CanonicalName(from);
        aliases_[key + "." + target] = source;
      }
      continue;
    }
    if (symbols_.count(key)) {
      sink_.Add(core::Location{project_.source, v.line, 0, display},
                "variable defined twice in the same model");
      continue;
    }
    VarInfo info;
    info.var = &v;
    info.key = key;
    info.display = display;
    info.scope = scope;
    double count = 1;  // in double: two large dimensions overflow an int
    for (const std::string& d : v.dims) {
      const DimInfo* dim = FindDim(CanonicalName(d));
      if (!dim) {
        sink_.Add(core::Location{project_.source, v.line, 0, display},
                  "unknown dimension '" + d + "'");
        continue;
      }
      info.dims.push_back(dim);
      count *= static_cast<double>(dim->element_keys.size());
    }
    if (!Count(count, v, display)) return;
    info.count = static_cast<int>(count);
    symbols_[key] = static_cast<int>(vars_.size());
    vars_.push_back(std::move(info));
  }
}

bool Compiler::ProgramTooLarge(const LowerCtx& ctx, int pos) {
  if (too_large_) return true;
  double bytes = static_cast<double>(prog_.nodes.size()) * sizeof(Node) +
                 static_cast<double>(prog_.lists.size()) * sizeof(int);
  if (core::FitsMemory(bytes * 4)) return false;
  Error(ctx, pos,
        fmt::format("the compiled equations reach {} nodes and {} list entries by here (arrays "
                    "summed per element, macros within macros); the whole model would need more "
                    "than {}",
                    prog_.nodes.size(), prog_.lists.size(), core::MemoryNeedText(bytes * 4)));
  too_large_ = true;
  return true;
}

bool Compiler::Count(double scalars, const Variable& v, const std::string& display) {
  scalars_ += scalars;
  if (core::FitsMemory(scalars_ * kBytesPerScalar)) return true;
  sink_.Add(core::Location{project_.source, v.line, 0, display},
            fmt::format("the model has {:.0f} scalar variables after array and module expansion "
                        "by here; compiling it would need {}",
                        scalars_, core::MemoryNeedText(scalars_ * kBytesPerScalar)));
  too_large_ = true;
  return false;
}

void Compiler::AllocateSlots() {
  for (const char* name : {"time", "dt", "starttime", "stoptime"}) NewSlot(SlotKind::kTime, name);
  for (auto& [target, source] : aliases_) {
    auto it = symbols_.find(target);
    if (it != symbols_.end()) vars_[it->second].alias_of = source;
  }
  for (VarInfo& v : vars_) {
    v.base = static_cast<int>(prog_.slots.size());
    SlotKind kind = v.var->kind == Variable::Kind::kStock && v.alias_of.empty() ? SlotKind::kStock
                                                                                : SlotKind::kAux;
    for (int i = 0; i < v.count; ++i) {
      std::string suffix = v.dims.empty() ? "" : JoinDisplay(v.dims, i);
      int slot = NewSlot(kind, v.key + CanonicalName(suffix));
      prog_.slots[slot].display = v.display + suffix;
      prog_.outputs.push_back(slot);
    }
  }
}

std::vector<Binding> Compiler::BindingsFor(const VarInfo& v, int flat) const {
  std::vector<Binding> env(v.dims.size());
  for (int k = static_cast<int>(v.dims.size()) - 1; k >= 0; --k) {
    int n = static_cast<int>(v.dims[k]->element_keys.size());
    env[k] = Binding{v.dims[k]->key, v.dims[k]->element_keys[flat % n], flat % n};
    flat /= n;
  }
  return env;
}

bool Compiler::CheckGraphical(const GraphicalFunction& gf, const VarInfo& v) {
  for (size_t i = 1; i < gf.xs.size(); ++i) {
    if (!(gf.xs[i] >= gf.xs[i - 1])) {
      Error(v, gf.line,
            "graphical function x values must be sorted ascending; x[" + std::to_string(i) +
                "] = " + std::to_string(gf.xs[i]) + " follows " + std::to_string(gf.xs[i - 1]));
      return false;
    }
  }
  if (gf.xs.empty() || gf.xs.size() != gf.ys.size()) {
    Error(v, gf.line, "graphical function has no usable points");
    return false;
  }
  return true;
}

void Compiler::CompileStock(VarInfo& v, int index) {
  auto flow_slot = [&](const std::string& name, bool out) {
    VarInfo* f = Resolve(CanonicalName(name), v.scope);
    if (!f) {
      Error(v, v.var->line,
            std::string(out ? "outflow" : "inflow") + " '" + name +
                "' is not a variable of the model");
      return -1;
    }
    if (f->count != 1 && f->count != v.count) {
      Error(v, v.var->line, "flow '" + name + "' has dimensions that do not match the stock's");
      return -1;
    }
    return f->base + (f->count == 1 ? 0 : index);
  };
  std::vector<int> terms = {Const(0)};  // 0 + inflows - outflows, left to right
  std::vector<Op> ops;
  for (const std::string& in : v.var->inflows) {
    int s = flow_slot(in, false);
    if (s < 0) continue;
    prog_.slots[v.base + index].inflows.push_back(s);
    terms.push_back(SlotRef(s));
    ops.push_back(Op::kAdd);
  }
  for (const std::string& out : v.var->outflows) {
    int s = flow_slot(out, true);
    if (s < 0) continue;
    prog_.slots[v.base + index].outflows.push_back(s);
    terms.push_back(SlotRef(s));
    ops.push_back(Op::kSub);
  }
  prog_.slots[v.base + index].step_node = Chain(terms, ops);
  prog_.slots[v.base + index].non_negative = v.var->non_negative;
}

void Compiler::CompileElement(VarInfo& v, int index, const Equation& eqn,
                              const std::optional<GraphicalFunction>& gf,
                              std::vector<Binding> env) {
  LowerCtx ctx;
  ctx.var = &v;
  ctx.eqn = &eqn;
  ctx.scope = v.scope;
  ctx.env = std::move(env);
  if (ProgramTooLarge(ctx, 0)) return;
  ctx.hidden_prefix = prog_.slots[v.base + index].key;
  int slot = v.base + index;
  int node = -1;
  const Expr* expr = nullptr;
  bool gf_ok = gf && CheckGraphical(*gf, v);
  std::string trimmed = eqn.text;
  trimmed.erase(0, trimmed.find_first_not_of(" \t\n\r"));
  int init = -1;  // a separate initial value: ACTIVE INITIAL or <init_eqn>
  if (gf && trimmed.empty()) {
    node = SlotRef(kTimeSlot);
  } else {
    expr = Parse(eqn, v);
    if (expr) node = LowerActiveInitial(*expr, ctx, init);
  }
  if (init < 0 && v.var->kind != Variable::Kind::kStock && !IsBlank(v.var->init_eqn.text)) {
    ctx.eqn = &v.var->init_eqn;
    if (const Expr* init_expr = Parse(v.var->init_eqn, v)) init = Lower(*init_expr, ctx);
    if (init < 0) return;
  }
  if (node >= 0 && gf) {
    if (!gf_ok) return;
    prog_.gfs.push_back(*gf);
    Node n;
    n.op = Op::kLookup;
    n.a = node;
    n.c = static_cast<int>(prog_.gfs.size()) - 1;
    node = Add(n);
  }
  if (node < 0) return;
  if (v.var->kind == Variable::Kind::kFlow && v.var->non_negative) {
    Node n;
    n.op = Op::kFn2;
    n.fn = Fn::kMax2;
    n.a = node;
    n.b = Const(0);
    node = Add(n);
  }
  prog_.slots[slot].init_node = init >= 0 ? init : node;
  // A constant equation that is NaN (0/0, SQRT(-1)) is undefined by construction; INF() and 1/0
  // are values a model may mean (a bound), printed Inf.
  if (std::optional<double> value = ConstantValue(prog_.slots[slot].init_node);
      value && std::isnan(*value)) {
    Error(v, eqn.line,
          fmt::format("the {} is NaN for every run (0/0 or a function outside its domain); a "
                      "model cannot start from it",
                      prog_.slots[slot].kind == SlotKind::kStock ? "initial value" : "equation"));
    return;
  }
  if (prog_.slots[slot].kind == SlotKind::kStock) {
    CompileStock(v, index);
  } else {
    prog_.slots[slot].step_node = node;
  }
}

void Compiler::CompileVariable(VarInfo& v) {
  if (!v.alias_of.empty()) {
    VarInfo* src = Resolve(v.alias_of, "");
    if (!src) {
      Error(v, v.var->line,
            "module input is connected to '" + v.alias_of + "', which is not a variable");
      return;
    }
    for (int i = 0; i < v.count; ++i) {
      int node = SlotRef(src->base + (src->count == 1 ? 0 : i % src->count));
      prog_.slots[v.base + i].init_node = node;
      prog_.slots[v.base + i].step_node = node;
    }
    return;
  }
  const Variable& var = *v.var;
  if (!v.dims.empty() && !var.elements.empty()) {
    std::vector<bool> seen(v.count, false);
    int position = 0;
    for (const ElementDef& el : var.elements) {
      if (el.subscript.empty() && position < v.count) {
        seen[position] = true;
        CompileElement(v, position, el.eqn, el.gf ? el.gf : var.gf, BindingsFor(v, position));
        ++position;
        continue;
      }
      if (el.subscript.size() != v.dims.size()) {
        Error(v, el.eqn.line,
              "element subscript has " + std::to_string(el.subscript.size()) +
                  " parts; the variable has " + std::to_string(v.dims.size()) + " dimensions");
        continue;
      }
      int flat = 0;
      bool ok = true;
      for (size_t k = 0; k < v.dims.size(); ++k) {
        int idx = v.dims[k]->Find(CanonicalName(el.subscript[k]));
        if (idx < 0) {
          Error(v, el.eqn.line,
                "'" + el.subscript[k] + "' is not an element of dimension '" +
                    v.dims[k]->dim->name + "'");
          ok = false;
          break;
        }
        flat = flat * static_cast<int>(v.dims[k]->element_keys.size()) + idx;
      }
      if (!ok) continue;
      seen[flat] = true;
      CompileElement(v, flat, el.eqn, el.gf ? el.gf : var.gf, BindingsFor(v, flat));
    }
    for (int i = 0; i < v.count; ++i) {
      if (!seen[i]) {
        Error(v, var.line, "element " + JoinDisplay(v.dims, i) + " has no equation");
      }
    }
    return;
  }
  if (!v.dims.empty()) {
    std::vector<double> list = NumberList(var.eqn.text);
    if (!list.empty()) {
      if (static_cast<int>(list.size()) != v.count) {
        Error(v, var.eqn.line,
              "the list gives " + std::to_string(list.size()) + " values for " +
                  std::to_string(v.count) + " elements");
        return;
      }
      for (int i = 0; i < v.count; ++i) {
        Equation eq{std::to_string(list[i]), var.eqn.line};
        int node = Const(list[i]);
        prog_.slots[v.base + i].init_node = node;
        if (prog_.slots[v.base + i].kind == SlotKind::kStock) {
          CompileStock(v, i);
        } else {
          prog_.slots[v.base + i].step_node = node;
        }
      }
      return;
    }
  }
  for (int i = 0; i < v.count; ++i) CompileElement(v, i, var.eqn, var.gf, BindingsFor(v, i));
}

const Expr* Compiler::Parse(const Equation& eqn, const VarInfo& v) {
  auto it = parsed_.find(&eqn);
  if (it != parsed_.end()) return it->second.get();
  if (parse_failed_.count(&eqn)) return nullptr;
  ParseOutcome out = ParseEquation(eqn.text);
  if (!out.expr) {
    LowerCtx ctx;
    ctx.var = &v;
    ctx.eqn = &eqn;
    for (const ParseError& e : out.errors) Error(ctx, e.pos, e.message);
    parse_failed_[&eqn] = true;
    return nullptr;
  }
  return (parsed_[&eqn] = std::move(out.expr)).get();
}

void Compiler::CollectReads(int node, std::vector<int>& out) const {
  CollectSlotReads(prog_, node, out);
}

// Depth-first topological order with an explicit stack (a chain of a million auxiliaries must
// not recurse a million deep); a cycle is reported once with the names along it.
void Compiler::OrderSlots(const std::vector<int>& candidates, bool init, std::vector<int>& order) {
  std::vector<char> state(prog_.slots.size(), 0);  // 0 new, 1 on stack, 2 done
  std::vector<char> wanted(prog_.slots.size(), 0);
  for (int s : candidates) wanted[s] = 1;
  struct Frame {
    int slot;
    std::vector<int> reads;
    size_t next = 0;
  };
  std::vector<Frame> stack;
  bool reported = false;
  auto report_cycle = [&](int s) {
    reported = true;
    auto it = std::find_if(stack.begin(), stack.end(), [s](const Frame& f) { return f.slot == s; });
    std::string names;
    for (; it != stack.end(); ++it) {
      const Slot& sl = prog_.slots[it->slot];
      names += (sl.display.empty() ? sl.key : sl.display) + " -> ";
    }
    names += prog_.slots[s].display.empty() ? prog_.slots[s].key : prog_.slots[s].display;
    sink_.Add(core::Location{project_.source, 0, 0, prog_.slots[s].display},
              std::string("circular definition") + (init ? " in initial values" : "") +
                  " without a stock: " + names);
  };
  auto push = [&](int s) {
    state[s] = 1;
    Frame f{s, {}};
    CollectReads(init ? prog_.slots[s].init_node : prog_.slots[s].step_node, f.reads);
    stack.push_back(std::move(f));
  };
  for (int root : candidates) {
    if (state[root] != 0) continue;
    push(root);
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next < top.reads.size()) {
        int r = top.reads[top.next++];
        if (!wanted[r] || state[r] == 2) continue;
        if (state[r] == 1) {
          if (!reported) report_cycle(r);
          continue;
        }
        push(r);
        continue;
      }
      state[top.slot] = 2;
      order.push_back(top.slot);
      stack.pop_back();
    }
  }
}

void Compiler::Order() {
  std::vector<int> init_candidates, aux_candidates;
  for (int s = 0; s < static_cast<int>(prog_.slots.size()); ++s) {
    const Slot& slot = prog_.slots[s];
    if (slot.kind == SlotKind::kTime) continue;
    if (slot.init_node >= 0) init_candidates.push_back(s);
    if (slot.kind == SlotKind::kAux && slot.step_node >= 0) aux_candidates.push_back(s);
    if (slot.kind == SlotKind::kStock) {
      prog_.stocks.push_back(s);
      if (slot.non_negative) prog_.limited_stocks.push_back(s);
    }
    if (slot.kind == SlotKind::kState && slot.step_node >= 0) prog_.states.push_back(s);
  }
  size_t before = sink_.count();
  OrderSlots(init_candidates, true, prog_.init_order);
  if (sink_.count() > before) return;  // the same cycle would be reported twice
  OrderSlots(aux_candidates, false, prog_.aux_order);
  DropConstants();
}

// An auxiliary whose equation depends on nothing that changes during a run keeps the value the
// initial pass gave it: it leaves the per-step order (constants are most of a typical model).
void Compiler::DropConstants() {
  std::vector<char> constant(prog_.slots.size(), 0);
  constant[kDtSlot] = constant[kStartSlot] = constant[kStopSlot] = 1;
  std::function<bool(int)> invariant = [&](int node) {
    if (node < 0) return true;
    const Node& n = prog_.nodes[node];
    switch (n.op) {
      case Op::kConst:
        return true;
      case Op::kSlot:
        return constant[n.a] != 0;
      case Op::kRandom:
      case Op::kStep:
      case Op::kRamp:
      case Op::kPulse:
      case Op::kDelay:
        return false;
      case Op::kSum:
      case Op::kMean:
      case Op::kMin:
      case Op::kMax:
      case Op::kProd:
      case Op::kStddev:
        for (int i = 0; i < n.b; ++i) {
          if (!invariant(prog_.lists[n.a + i])) return false;
        }
        return true;
      case Op::kLookup:
        return invariant(n.a);
      case Op::kChain:
        for (int i = 0; i <= n.b; ++i) {
          if (!invariant(ChainOperand(prog_, n, i))) return false;
        }
        return true;
      default:
        return invariant(n.a) && invariant(n.b) && invariant(n.c);
    }
  };
  std::vector<int> kept;
  for (int s : prog_.aux_order) {
    const Slot& slot = prog_.slots[s];
    if (slot.init_node == slot.step_node && invariant(slot.step_node)) {
      constant[s] = 1;
    } else {
      kept.push_back(s);
    }
  }
  prog_.aux_order = std::move(kept);
}

core::Result<Program> Compiler::Run() {
  prog_.specs = project_.specs;
  if (!(prog_.specs.dt > 0) || !(prog_.specs.stop >= prog_.specs.start)) {
    sink_.Add(core::Location{project_.source, 0, 0, "sim_specs"},
              "expected dt > 0 and stop >= start");
  } else if (const double steps = (prog_.specs.stop - prog_.specs.start) / prog_.specs.dt;
             !(steps <= kMaxSteps)) {
    sink_.Add(core::Location{project_.source, 0, 0, "sim_specs"},
              fmt::format("expected at most {:g} time steps ((stop - start) / dt), found {:g}",
                          kMaxSteps, steps));
  }
  if (!(prog_.specs.save_step >= 0) || std::isinf(prog_.specs.save_step)) {
    sink_.Add(core::Location{project_.source, 0, 0, "sim_specs"},
              fmt::format("expected a save step of at least 0 (0: every dt), found {}",
                          core::FormatNumber(prog_.specs.save_step)));
  }
  BuildDimensions();
  if (!project_.models.empty()) Instantiate(project_.models[0], "", "", 0);
  if (too_large_) return sink_.ToStatus();
  AllocateSlots();
  for (VarInfo& v : vars_) CompileVariable(v);
  if (too_large_) return sink_.ToStatus();
  Order();  // also with errors, so that circular definitions are reported with the rest
  if (!sink_.empty()) return sink_.ToStatus();
  return std::move(prog_);
}

core::Result<CompiledModel> CompiledModel::Compile(const Project& project) {
  Compiler compiler(project);
  DUCKWEED_ASSIGN_OR_RETURN(Program program, compiler.Run());
  CompiledModel model;
  model.program_ = std::make_shared<const Program>(std::move(program));
  model.code_ = std::make_shared<const Bytecode>(BuildBytecode(*model.program_));
  return model;
}

}  // namespace duckweed::sd
