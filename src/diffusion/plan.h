// Internal: a model compiled against one graph once per run, so that the replica kernels only
// read flat arrays (probabilities as 32-bit thresholds, per-node factors, in-degrees).
#ifndef DUCKWEED_SRC_DIFFUSION_PLAN_H_
#define DUCKWEED_SRC_DIFFUSION_PLAN_H_

#include <cstdint>
#include <vector>

#include "duckweed/core/random.h"
#include "duckweed/diffusion/model.h"
#include "duckweed/network/graph.h"

namespace duckweed::diffusion::internal {

// Probabilities are quantised to multiples of 2^-32: a trial with threshold t succeeds when a
// uniform 32-bit draw r satisfies r < t, and kAlways (p = 1) always succeeds.
inline constexpr uint32_t kAlways = 0xFFFFFFFFu;
uint32_t ToThreshold(double p);
// The cascade kernel's 31-bit form: a trial succeeds when a uniform 31-bit draw r satisfies
// r < t, t in [0, 2^31]; one comparison, no special case for p = 1.
uint32_t ToThreshold31(double p);
inline bool Passes(uint32_t draw, uint32_t threshold) {
  return (draw < threshold) | (threshold == kAlways);  // bitwise: no branch in hot loops
}

// Two 32-bit draws per 64-bit output of the stream; deterministic for a given stream. Works on a
// copy of the generator (so its state can live in registers in hot loops): the caller's Rng does
// not advance.
class Draws32 {
 public:
  explicit Draws32(const core::Rng& rng) : rng_(rng) {}
  uint32_t Next() {
    if (spare_ != 0) {
      spare_ = 0;
      return static_cast<uint32_t>(buffer_ >> 32);
    }
    buffer_ = rng_.Next();
    spare_ = 1;
    return static_cast<uint32_t>(buffer_);
  }

 private:
  core::Rng rng_;
  uint64_t buffer_ = 0;
  uint64_t spare_ = 0;  // not bool: a char-typed member may alias anything and defeats registers
};

struct Plan {
  const network::Graph* graph = nullptr;
  ModelSpec spec;
  std::vector<network::NodeId> seeds;  // de-duplicated
  std::vector<double> factor;          // per node; empty means all 1
  std::vector<uint32_t> in_degree;
  // Threshold: per-arc weight w(u,v) * f(v). (The cascade's per-arc probabilities live only in
  // cascade_arcs; IMM's reverse sampler derives its own from ArcProbability.)
  std::vector<double> arc_weight;
  // Cascade, laid out for its kernel: the out-arcs of u are cascade_arcs[cascade_offsets[u],
  // cascade_offsets[u + 1]), one word per arc, target | ToThreshold31(p) << 32 (one load per arc),
  // padded to an even count with inert arcs (target node_count, threshold 0) so that every 64-bit
  // draw serves exactly two arcs and the inner loop has no odd tail; 8 inert words follow the
  // last node's arcs (slack for the kernel's 64-byte block copies).
  std::vector<network::ArcIndex> cascade_offsets;
  std::vector<uint64_t> cascade_arcs;
  // Cascade, compact layout (large graphs: ArcLayout): the graph's own CSR targets, and the
  // ToThreshold31 of each arc, indexed by target node when p(u,v) * f(v) depends on v only
  // (weighted cascade or one probability: 4 bytes per node), else by arc. Trials pair up and
  // draw exactly as in the packed layout, so both give the same results.
  std::vector<uint32_t> cascade_threshold;
  bool threshold_by_node = false;
  bool packed() const { return !cascade_arcs.empty(); }
  // Epidemics without factors: threshold of 1 - (1 - beta)^m for m = 0..max in-degree.
  std::vector<uint32_t> infection_by_count;
  // Epidemics with factors: log(1 - beta * f(v)) per node.
  std::vector<double> log_escape;
  uint32_t gamma_threshold = 0;

  double Factor(network::NodeId v) const { return factor.empty() ? 1.0 : factor[v]; }
};

// Which per-arc arrays a cascade plan builds. kForward: the packed layout (one 8-byte word per
// arc: fastest) up to kPackedArcLimit arcs, the compact one above (nothing per arc, or 4 bytes,
// on top of the graph's CSR: a 10M-edge graph stays well under 200 MB). kReverseOnly: none (IMM
// samples reverse arcs and builds its own). The threshold model's weights are built in all cases.
enum class ArcLayout { kForward, kPacked, kCompact, kReverseOnly };
inline constexpr uint64_t kPackedArcLimit = uint64_t{1} << 22;

// True when the cascade's p(u,v) * f(v) depends on the target v only.
bool ProbabilityByTarget(const ModelSpec& spec);

// Builds the plan. REQUIRES: the spec, seeds and factors were validated.
Plan Compile(const network::Graph& graph, const ModelSpec& spec, std::vector<network::NodeId> seeds,
             std::vector<double> factor, ArcLayout layout = ArcLayout::kForward);

// p(u,v) * f(v) of arc `arc` (u -> v) for the cascade and threshold models.
double ArcProbability(const Plan& plan, network::ArcIndex arc, network::NodeId v);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_PLAN_H_
