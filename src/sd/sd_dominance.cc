// Loops That Matter: link scores from partial changes between consecutive saved states, loop
// scores as their products, relative scores normalised over all loops (sd_dominance.h).
#include "duckweed/sd/sd_dominance.h"

#include <cmath>
#include <map>
#include <utility>

#include "sd/sd_loop_graph.h"
#include "sd/sd_program.h"
#include "sd/sd_trace.h"

namespace duckweed::sd {
namespace {

struct Link {
  int from, to;
};

double Sign(double x) { return x > 0 ? 1 : x < 0 ? -1 : 0; }

// Scores every distinct link of the loops between two states of the slots.
class LinkScorer {
 public:
  LinkScorer(const Program& p, std::vector<Link> links) : p_(p), links_(std::move(links)) {
    state_.delay_history.resize(p.delays.size());
    for (int i = 0; i < p.random_streams; ++i) {
      state_.rngs.push_back(core::Rng::ForStream(1, static_cast<uint64_t>(i)));
    }
  }

  // scores[i] = LS(links[i]) from `before` to `after`.
  void Score(const std::vector<double>& before, const double* after, std::vector<double>& scores) {
    mixed_ = before;
    scores.resize(links_.size());
    for (size_t i = 0; i < links_.size(); ++i) {
      const Link& l = links_[i];
      double dx = after[l.from] - before[l.from];
      int node = p_.slots[l.to].step_node;
      double f0 = Value(l.to, node, before.data());
      double df = Value(l.to, node, after) - f0;
      if (dx == 0 || df == 0 || node < 0) {
        scores[i] = 0;
        continue;
      }
      mixed_[l.from] = after[l.from];
      double dxf = Eval(p_, node, mixed_.data(), state_) - f0;
      mixed_[l.from] = before[l.from];
      scores[i] = std::fabs(dxf / df) * Sign(dxf) * Sign(dx);
    }
  }

 private:
  // An auxiliary's value is its slot; a stock's equation is its net flow, a held state's its
  // next value.
  double Value(int slot, int node, const double* slots) {
    if (p_.slots[slot].kind == SlotKind::kAux || node < 0) return slots[slot];
    return Eval(p_, node, slots, state_);
  }

  const Program& p_;
  std::vector<Link> links_;
  std::vector<double> mixed_;
  RunState state_;
};

std::vector<DominanceInterval> DominantIntervals(const LoopDominance& d) {
  std::vector<DominanceInterval> out;
  for (size_t k = 0; k < d.times.size(); ++k) {
    int best = -1;
    double best_abs = 0;
    for (size_t l = 0; l < d.relative.size(); ++l) {
      double a = std::fabs(d.relative[l][k]);
      if (a > best_abs) {
        best_abs = a;
        best = static_cast<int>(l);
      }
    }
    if (!out.empty() && out.back().loop == best) {
      out.back().to = d.times[k];
    } else {
      out.push_back(DominanceInterval{d.times[k], d.times[k], best});
    }
  }
  return out;
}

}  // namespace

LoopDominance AnalyseLoopDominance(const CompiledModel& model, const RunOptions& options,
                                   size_t max_loops) {
  const Program& p = model.program();
  LoopPaths paths = FindLoopPaths(model, max_loops);
  LoopDominance out;
  out.truncated = paths.truncated;
  out.loops = NameLoops(p, paths).loops;
  out.ids = LoopIds(out.loops);

  // Each loop as indices into the distinct links.
  std::map<std::pair<int, int>, int> link_index;
  std::vector<Link> links;
  std::vector<std::vector<int>> loop_links;
  for (const LoopPath& path : paths.loops) {
    std::vector<int> ids;
    for (size_t i = 0; i < path.slots.size(); ++i) {
      auto key = std::make_pair(path.slots[i], path.slots[(i + 1) % path.slots.size()]);
      auto [it, added] = link_index.emplace(key, static_cast<int>(links.size()));
      if (added) links.push_back(Link{key.first, key.second});
      ids.push_back(it->second);
    }
    loop_links.push_back(std::move(ids));
  }

  out.relative.resize(paths.loops.size());
  LinkScorer scorer(p, std::move(links));
  std::vector<double> previous, link_scores, loop_scores(paths.loops.size());
  RunTraced(model, options, [&](const double* slots) {
    if (!previous.empty()) {
      out.times.push_back(slots[kTimeSlot]);
      scorer.Score(previous, slots, link_scores);
      double total = 0;
      for (size_t l = 0; l < loop_links.size(); ++l) {
        double score = 1;
        for (int link : loop_links[l]) score *= link_scores[link];
        loop_scores[l] = score;
        total += std::fabs(score);
      }
      for (size_t l = 0; l < loop_links.size(); ++l) {
        out.relative[l].push_back(total > 0 ? loop_scores[l] / total : 0);
      }
    }
    previous.assign(slots, slots + p.slots.size());
  });
  out.dominant = DominantIntervals(out);
  if (out.dominant.empty()) out.dominant.push_back(DominanceInterval{});
  return out;
}

}  // namespace duckweed::sd
