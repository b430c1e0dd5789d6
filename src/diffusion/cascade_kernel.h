// Internal: one replica of the independent cascade (model.h, kIndependentCascade) and of the
// linear threshold model. Both are "push" processes over the frontier of nodes adopted at the
// previous step. Scratch arrays are reused across replicas; a node is "seen in this replica" when
// its stamp equals the replica's epoch, so nothing is cleared between replicas.
#ifndef DUCKWEED_SRC_DIFFUSION_CASCADE_KERNEL_H_
#define DUCKWEED_SRC_DIFFUSION_CASCADE_KERNEL_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "plan.h"

namespace duckweed::diffusion::internal {

class EpochStamps {
 public:
  explicit EpochStamps(size_t n) : stamp_(n, 0) {}
  void NextEpoch() {
    if (++epoch_ == 0) {  // wrapped: forget everything once every 2^32 replicas
      std::fill(stamp_.begin(), stamp_.end(), 0);
      epoch_ = 1;
    }
  }
  bool Seen(network::NodeId v) const { return stamp_[v] == epoch_; }
  void Mark(network::NodeId v) { stamp_[v] = epoch_; }
  // Raw access for the inner loops, where the compiler cannot keep members in registers.
  uint32_t* data() { return stamp_.data(); }
  uint32_t epoch() const { return epoch_; }

 private:
  std::vector<uint32_t> stamp_;
  uint32_t epoch_ = 0;
};

// The independent cascade's scratch.
struct CascadeScratch {
  explicit CascadeScratch(size_t n)
      : adopted_flag(n + 1, 0), adopted_nodes(n + 1), stream(kStreamArcs + kBlockArcs) {
    adopted_flag[n] = 1;  // the inert padding arcs' target: never adopts
  }
  // One byte per node (15 KB for NetHEPT: stays in L1), cleared after each replica by walking
  // the adopted nodes, plus the padding target's permanent 1; the adopted nodes in order.
  std::vector<uint8_t> adopted_flag;
  std::vector<network::NodeId> adopted_nodes;
  // Frontier arcs gathered for one loop (see RunCascadeReplica), copied in blocks of
  // kBlockArcs words, so the buffer has a block of slack past kStreamArcs.
  static constexpr size_t kBlockArcs = 8, kStreamArcs = 4096;
  std::vector<uint64_t> stream;
};

// The linear threshold model's scratch.
struct ThresholdScratch {
  explicit ThresholdScratch(size_t n) : active(n), touched(n), threshold(n), weight_sum(n) {}
  EpochStamps active;
  EpochStamps touched;  // theta and weight_sum are valid this replica
  std::vector<double> threshold;
  std::vector<double> weight_sum;
  std::vector<network::NodeId> frontier;
  std::vector<network::NodeId> next;
};

// Seeds adopt at step 0; returns the number adopted.
template <class Observer>
uint32_t PlantSeeds(const Plan& plan, EpochStamps& active, std::vector<network::NodeId>& frontier,
                    Observer& obs) {
  frontier.clear();
  for (network::NodeId s : plan.seeds) {
    active.Mark(s);
    frontier.push_back(s);
    obs.Adopt(s, 0);
  }
  const auto adopted = static_cast<uint32_t>(frontier.size());
  obs.Step(0, adopted, adopted);
  return adopted;
}

// The linear threshold model's step: decide(arc, v) says whether v adopts at t+1.
template <class Decide, class Observer>
void RunFrontier(const Plan& plan, ThresholdScratch& s, Decide&& decide, Observer& obs) {
  const network::ArcIndex* offsets = plan.graph->offsets().data();
  const network::NodeId* targets = plan.graph->targets().data();
  uint32_t* stamp = s.active.data();
  const uint32_t epoch = s.active.epoch();
  uint32_t adopted = PlantSeeds(plan, s.active, s.frontier, obs);
  for (uint32_t t = 0; t < plan.spec.max_steps && !s.frontier.empty(); ++t) {
    s.next.clear();
    for (network::NodeId u : s.frontier) {
      const network::ArcIndex end = offsets[u + 1];
      for (network::ArcIndex a = offsets[u]; a < end; ++a) {
        const network::NodeId v = targets[a];
        if (stamp[v] == epoch || !decide(a, v)) continue;
        stamp[v] = epoch;
        s.next.push_back(v);
      }
    }
    if (s.next.empty()) break;
    for (network::NodeId v : s.next) obs.Adopt(v, t + 1);
    adopted += static_cast<uint32_t>(s.next.size());
    obs.Step(t + 1, adopted, adopted);
    s.frontier.swap(s.next);
  }
}

// Trials of the arcs w[0, count) (count even): each 64-bit draw serves two arcs (31 bits each;
// see Plan::cascade_arcs). No data-dependent branch: every arc writes its target after the
// adopted nodes and advances the count only on success, so a success (about one arc in seven on
// NetHEPT) costs no misprediction. `flag` has a permanent 1 at node_count for the inert arcs.
inline void TryArcs(const uint64_t* w, size_t count, core::Rng& gen, uint8_t* flag,
                    network::NodeId* all, size_t& size) {
  size_t adopted = size;
  for (size_t k = 0; k < count; k += 2) {
    const uint64_t bits = gen.Next();
    const uint64_t w0 = w[k], w1 = w[k + 1];
    const auto v0 = static_cast<network::NodeId>(w0), v1 = static_cast<network::NodeId>(w1);
    const uint8_t c0 = (flag[v0] == 0) & ((static_cast<uint32_t>(bits) >> 1) < (w0 >> 32));
    all[adopted] = v0;
    flag[v0] |= c0;
    adopted += c0;
    const uint8_t c1 = (flag[v1] == 0) & ((bits >> 33) < (w1 >> 32));
    all[adopted] = v1;
    flag[v1] |= c1;
    adopted += c1;
  }
  size = adopted;
}

// The compact layout's trials of the arcs [b, e) of one node: the same pairing and draws as
// TryArcs on the packed words (an odd last arc pairs with an inert one), the targets read from
// the graph's CSR and the thresholds by target node or by arc.
template <bool kByNode>
inline void TryCompactArcs(const network::NodeId* targets, const uint32_t* threshold,
                           network::ArcIndex b, network::ArcIndex e, core::Rng& gen, uint8_t* flag,
                           network::NodeId* all, size_t& size) {
  size_t adopted = size;
  const auto try_arc = [&](network::ArcIndex a, uint32_t draw31) {
    const network::NodeId v = targets[a];
    const uint8_t c = (flag[v] == 0) & (draw31 < threshold[kByNode ? v : a]);
    all[adopted] = v;
    flag[v] |= c;
    adopted += c;
  };
  network::ArcIndex a = b;
  for (; a + 1 < e; a += 2) {
    const uint64_t bits = gen.Next();
    try_arc(a, static_cast<uint32_t>(bits) >> 1);
    try_arc(a + 1, static_cast<uint32_t>(bits >> 33));
  }
  if (a < e) try_arc(a, static_cast<uint32_t>(gen.Next()) >> 1);
  size = adopted;
}

// The cascade on the compact layout (large graphs, where memory matters more than the packed
// layout's gather): frontier nodes in order, each node's arcs in order, as RunCascadeReplica.
template <bool kByNode, class Observer>
void RunCompactCascade(const Plan& plan, core::Rng& rng, CascadeScratch& s, Observer& obs) {
  const network::ArcIndex* offsets = plan.graph->offsets().data();
  const network::NodeId* targets = plan.graph->targets().data();
  const uint32_t* threshold = plan.cascade_threshold.data();
  uint8_t* flag = s.adopted_flag.data();
  network::NodeId* all = s.adopted_nodes.data();
  core::Rng gen = rng;
  size_t size = 0;
  for (network::NodeId seed : plan.seeds) {
    flag[seed] = 1;
    all[size++] = seed;
    obs.Adopt(seed, 0);
  }
  obs.Step(0, static_cast<uint32_t>(size), static_cast<uint32_t>(size));
  size_t begin = 0;
  for (uint32_t t = 0; t < plan.spec.max_steps; ++t) {
    const size_t end = size;
    for (size_t i = begin; i < end; ++i) {
      const network::NodeId u = all[i];
      TryCompactArcs<kByNode>(targets, threshold, offsets[u], offsets[u + 1], gen, flag, all, size);
    }
    if (size == end) break;
    for (size_t i = end; i < size; ++i) obs.Adopt(all[i], t + 1);
    obs.Step(t + 1, static_cast<uint32_t>(size), static_cast<uint32_t>(size));
    begin = end;
  }
  for (size_t i = 0; i < size; ++i) flag[all[i]] = 0;
}

// The cascade's own loop (the hottest in the module). A frontier node has a handful of arcs, so
// looping over each node's arcs would mispredict its loop exit once per node (a third of the
// time on NetHEPT). Instead the arcs of many frontier nodes are first gathered into one stream,
// one 64-byte block copy per node (Plan::cascade_arcs has the slack for it), and the stream is
// tried in one loop. The generator is a local copy, so that its state stays in registers.
template <class Observer>
void RunCascadeReplica(const Plan& plan, core::Rng& rng, CascadeScratch& s, Observer& obs) {
  if (!plan.packed()) {
    return plan.threshold_by_node ? RunCompactCascade<true>(plan, rng, s, obs)
                                  : RunCompactCascade<false>(plan, rng, s, obs);
  }
  constexpr size_t kBlock = CascadeScratch::kBlockArcs;
  const network::ArcIndex* offsets = plan.cascade_offsets.data();
  const uint64_t* arcs = plan.cascade_arcs.data();
  uint8_t* flag = s.adopted_flag.data();
  network::NodeId* all = s.adopted_nodes.data();  // node_count + 1 slots: one spare write
  uint64_t* stream = s.stream.data();
  core::Rng gen = rng;
  size_t size = 0;
  for (network::NodeId seed : plan.seeds) {
    flag[seed] = 1;
    all[size++] = seed;
    obs.Adopt(seed, 0);
  }
  obs.Step(0, static_cast<uint32_t>(size), static_cast<uint32_t>(size));
  // The frontier of step t is all[begin, end): nodes are appended in adoption order.
  size_t begin = 0;
  for (uint32_t t = 0; t < plan.spec.max_steps; ++t) {
    const size_t end = size;
    size_t len = 0;  // arcs gathered in the stream, in frontier order
    for (size_t i = begin; i < end; ++i) {
      const network::NodeId u = all[i];
      const network::ArcIndex b = offsets[u], e = offsets[u + 1];
      const size_t degree = e - b;
      if (len + degree > CascadeScratch::kStreamArcs) {
        TryArcs(stream, len, gen, flag, all, size);
        len = 0;
        if (degree > CascadeScratch::kStreamArcs) {  // a hub: tried in place
          TryArcs(arcs + b, degree, gen, flag, all, size);
          continue;
        }
      }
      std::memcpy(stream + len, arcs + b, kBlock * sizeof(uint64_t));
      for (size_t k = kBlock; k < degree; k += kBlock) {
        std::memcpy(stream + len + k, arcs + b + k, kBlock * sizeof(uint64_t));
      }
      len += degree;
    }
    TryArcs(stream, len, gen, flag, all, size);
    if (size == end) break;
    for (size_t i = end; i < size; ++i) obs.Adopt(all[i], t + 1);
    obs.Step(t + 1, static_cast<uint32_t>(size), static_cast<uint32_t>(size));
    begin = end;
  }
  for (size_t i = 0; i < size; ++i) flag[all[i]] = 0;
}

// Thresholds are drawn lazily, on a node's first exposure: the same law as drawing all of them
// up front, at a cost proportional to the nodes reached.
template <class Observer>
void RunThresholdReplica(const Plan& plan, core::Rng& rng, ThresholdScratch& s, Observer& obs) {
  s.active.NextEpoch();
  s.touched.NextEpoch();
  const double* weight = plan.arc_weight.data();
  RunFrontier(
      plan, s,
      [&](network::ArcIndex a, network::NodeId v) {
        if (!s.touched.Seen(v)) {
          s.touched.Mark(v);
          s.threshold[v] = 1.0 - rng.Uniform();  // uniform in (0,1]
          s.weight_sum[v] = 0.0;
        }
        s.weight_sum[v] += weight[a];
        return s.weight_sum[v] >= s.threshold[v];
      },
      obs);
}

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_CASCADE_KERNEL_H_
