// Macros (XMILE 1.0 <macro>): a call is inlined with its arguments bound to the parameters. A
// macro with its own variables gets one private copy of them per call site (hidden slots), so a
// stock inside a macro keeps a separate state for each call.
#include <fmt/format.h>

#include "duckweed/sd/sd_names.h"
#include "sd/sd_compiler.h"

namespace duckweed::sd {
namespace {

constexpr int kMaxMacroDepth = 16;
constexpr int kMaxMacroExpansions = 100000;

}  // namespace

int Compiler::LowerMacro(const Expr& e, const Macro& macro, LowerCtx& ctx) {
  if (e.args.size() != macro.params.size()) {
    Error(ctx, e.pos,
          "macro '" + macro.name + "' takes " + std::to_string(macro.params.size()) +
              " arguments, found " + std::to_string(e.args.size()));
    return -1;
  }
  if (ctx.macro_depth >= kMaxMacroDepth) {
    Error(ctx, e.pos, "macros call each other too deeply (a macro calls itself?)");
    return -1;
  }
  // Each call expands the macro's body again; calls within calls multiply.
  if (++macro_expansions_ > kMaxMacroExpansions) {
    if (macro_expansions_ > kMaxMacroExpansions + 1) return -1;  // said once
    Error(ctx, e.pos,
          fmt::format("more than {} macro expansions (macros that call macros multiply); the "
                      "model is refused",
                      kMaxMacroExpansions));
    return -1;
  }
  if (ProgramTooLarge(ctx, e.pos)) return -1;
  std::map<std::string, int> names;
  for (size_t i = 0; i < e.args.size(); ++i) {
    int a = Lower(*e.args[i], ctx);
    if (a < 0) return -1;
    names[CanonicalName(macro.params[i])] = a;
  }
  // The macro's own variables: one hidden slot each for this call site.
  std::string prefix =
      ctx.hidden_prefix + "#" + CanonicalName(macro.name) + std::to_string(hidden_counter_++) + ".";
  std::vector<int> slots;
  for (const Variable& v : macro.variables) {
    if (!v.dims.empty() || v.gf) {
      Error(ctx, e.pos,
            "macro '" + macro.name + "': variable '" + v.name +
                "' is arrayed or a graphical function, which macros do not support");
      return -1;
    }
    int slot = NewSlot(v.kind == Variable::Kind::kStock ? SlotKind::kStock : SlotKind::kAux,
                       prefix + CanonicalName(v.name));
    slots.push_back(slot);
    names[CanonicalName(v.name)] = SlotRef(slot);
  }
  LowerCtx inner = ctx;
  inner.params = &names;
  inner.macro_depth = ctx.macro_depth + 1;
  auto lower_text = [&](const Equation& eqn, const std::string& what) {
    ParseOutcome parsed = ParseEquation(eqn.text);
    if (!parsed.expr) {
      Error(ctx, e.pos,
            "macro '" + macro.name + "': " + what + " has an invalid equation: " +
                (parsed.errors.empty() ? "" : parsed.errors[0].message));
      return -1;
    }
    return Lower(*parsed.expr, inner);
  };
  bool ok = true;
  for (size_t i = 0; i < macro.variables.size(); ++i) {
    const Variable& v = macro.variables[i];
    inner.hidden_prefix = prog_.slots[slots[i]].key;
    int node = lower_text(v.eqn, "variable '" + v.name + "'");
    if (node < 0) {
      ok = false;
      continue;
    }
    Slot& slot = prog_.slots[slots[i]];
    slot.init_node = node;
    if (slot.kind != SlotKind::kStock) {
      slot.step_node = node;
      continue;
    }
    int deriv = Const(0);
    for (const auto* flows : {&v.inflows, &v.outflows}) {
      for (const std::string& f : *flows) {
        auto it = names.find(CanonicalName(f));
        if (it == names.end()) {
          Error(ctx, e.pos,
                "macro '" + macro.name + "': flow '" + f + "' of stock '" + v.name +
                    "' is not a variable of the macro");
          ok = false;
          continue;
        }
        deriv = Binary(flows == &v.inflows ? Op::kAdd : Op::kSub, deriv, it->second);
      }
    }
    prog_.slots[slots[i]].step_node = deriv;
  }
  if (!ok) return -1;
  inner.hidden_prefix = prefix;
  // Without an <eqn>, the macro's value is its variable named like the macro (as xmutil writes).
  if (IsBlank(macro.eqn.text)) {
    auto it = names.find(CanonicalName(macro.name));
    if (it != names.end() && !macro.variables.empty()) return it->second;
    Error(ctx, e.pos, "macro '" + macro.name + "' has no equation");
    return -1;
  }
  return lower_text(macro.eqn, "its result");
}

int Compiler::LowerActiveInitial(const Expr& e, LowerCtx& ctx, int& init) {
  if (e.kind != Expr::Kind::kCall || e.name != "active_initial") return Lower(e, ctx);
  if (e.args.size() != 2) {
    Error(ctx, e.pos,
          "function 'active_initial' takes 2 arguments (active, initial), found " +
              std::to_string(e.args.size()));
    return -1;
  }
  int active = Lower(*e.args[0], ctx);
  init = Lower(*e.args[1], ctx);
  return active < 0 || init < 0 ? -1 : active;
}

}  // namespace duckweed::sd
