// Feedback loops: the causal graph of the compiled program's slots, link polarity from the sign
// of a finite-difference partial derivative at the initial state, elementary cycles by DFS.
#include <algorithm>
#include <cmath>

#include "duckweed/sd/sd_analysis.h"
#include "sd/sd_loop_graph.h"
#include "sd/sd_program.h"

namespace duckweed::sd {
namespace {

struct Edge {
  int to;
  int sign;
};

// Sign of d(node)/d(slot `from`) at `base`, by a relative central difference. `base` is restored
// before returning (taken by reference: a copy per link made large models quadratic).
int LinkSign(const Program& p, int node, int from, std::vector<double>& base, RunState& st) {
  double x = base[from];
  double h = 1e-6 * std::max(1.0, std::fabs(x));
  base[from] = x + h;
  double up = Eval(p, node, base.data(), st);
  base[from] = x - h;
  double down = Eval(p, node, base.data(), st);
  base[from] = x;
  double d = up - down;
  if (!std::isfinite(d) || std::fabs(d) <= 1e-12 * std::max(std::fabs(up), 1.0)) return 0;
  return d > 0 ? 1 : -1;
}

std::string Name(const Slot& s) { return s.display.empty() ? s.key : s.display; }

}  // namespace

LoopPaths FindLoopPaths(const CompiledModel& model, size_t max_loops) {
  const Program& p = model.program();
  size_t n = p.slots.size();
  // The initial state, as a run would compute it.
  std::vector<double> base(n, 0.0);
  base[kTimeSlot] = p.specs.start;
  base[kDtSlot] = p.specs.dt;
  base[kStartSlot] = p.specs.start;
  base[kStopSlot] = p.specs.stop;
  RunState st;
  st.delay_history.resize(p.delays.size());
  for (int i = 0; i < p.random_streams; ++i) st.rngs.push_back(core::Rng::ForStream(1, i));
  for (int s : p.init_order) base[s] = Eval(p, p.slots[s].init_node, base.data(), st);

  // States along the run, for links whose sign is zero at the start (a flat MIN, an empty stock):
  // the first non-zero sign over the initial state and ten saved states decides.
  std::vector<std::vector<double>> states = {base};
  SimResults run = model.Run();
  for (int k = 1; k <= 10 && !run.times.empty(); ++k) {
    size_t row = (run.times.size() - 1) * k / 10;
    std::vector<double> s = base;
    for (size_t c = 0; c < p.outputs.size(); ++c) s[p.outputs[c]] = run.At(row, c);
    s[kTimeSlot] = run.times[row];
    states.push_back(std::move(s));
  }
  auto sign_of = [&](int node, int from) {
    for (std::vector<double>& s : states) {
      int sign = LinkSign(p, node, from, s, st);
      if (sign != 0) return sign;
    }
    return 0;
  };

  std::vector<std::vector<Edge>> out(n);
  for (size_t s = 0; s < n; ++s) {
    const Slot& slot = p.slots[s];
    if (slot.kind == SlotKind::kTime || slot.step_node < 0) continue;
    std::vector<int> reads;
    CollectSlotReads(p, slot.step_node, reads);
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    for (int r : reads) {
      if (p.slots[r].kind == SlotKind::kTime) continue;
      out[r].push_back(Edge{static_cast<int>(s), sign_of(slot.step_node, r)});
    }
  }

  // Elementary cycles through each root, visiting only larger slots, with an explicit stack of
  // (slot, next edge) so that a loop through a million variables does not recurse that deep.
  LoopPaths report;
  std::vector<int> path, signs;
  std::vector<char> on_path(n, 0);
  std::vector<std::pair<int, size_t>> stack;
  for (size_t root = 0; root < n && !report.truncated; ++root) {
    path = {static_cast<int>(root)};
    signs.clear();
    on_path[root] = 1;
    stack.assign(1, {static_cast<int>(root), 0});
    while (!stack.empty() && !report.truncated) {
      auto& [v, next] = stack.back();
      if (next == out[v].size()) {
        if (stack.size() > 1) {
          on_path[v] = 0;
          path.pop_back();
          signs.pop_back();
        }
        stack.pop_back();
        continue;
      }
      const Edge& e = out[v][next++];
      if (e.to == static_cast<int>(root)) {
        LoopPath loop;
        loop.polarity = e.sign;
        for (int s : signs) loop.polarity *= s;
        loop.slots = path;
        report.loops.push_back(std::move(loop));
        if (report.loops.size() >= max_loops) report.truncated = true;
        continue;
      }
      if (e.to < static_cast<int>(root) || on_path[e.to]) continue;
      on_path[e.to] = 1;
      path.push_back(e.to);
      signs.push_back(e.sign);
      stack.emplace_back(e.to, 0);
    }
    for (int s : path) on_path[s] = 0;
  }
  return report;
}

LoopReport FindLoops(const CompiledModel& model, size_t max_loops) {
  return NameLoops(model.program(), FindLoopPaths(model, max_loops));
}

LoopReport NameLoops(const Program& p, const LoopPaths& paths) {
  LoopReport report;
  report.truncated = paths.truncated;
  for (const LoopPath& path : paths.loops) {
    FeedbackLoop loop;
    for (int s : path.slots) loop.variables.push_back(Name(p.slots[s]));
    loop.polarity = path.polarity;
    report.loops.push_back(std::move(loop));
  }
  return report;
}

std::vector<std::string> LoopIds(const std::vector<FeedbackLoop>& loops) {
  std::vector<std::string> ids;
  int r = 0, b = 0, u = 0;
  for (const FeedbackLoop& l : loops) {
    ids.push_back(l.polarity > 0   ? "R" + std::to_string(++r)
                  : l.polarity < 0 ? "B" + std::to_string(++b)
                                   : "U" + std::to_string(++u));
  }
  return ids;
}

}  // namespace duckweed::sd
