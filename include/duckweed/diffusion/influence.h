// Where to plant the first stem cells: influence maximisation by IMM (Tang, Shi & Xiao, "Influence
// Maximization in Near-Linear Time: A Martingale Approach", SIGMOD 2015). Reverse-reachable (RR)
// sets are sampled until the martingale bounds hold, then k seeds are chosen greedily by
// maximum coverage; with probability >= 1 - n^-ell the expected spread of the result is at least
// (1 - 1/e - epsilon) times the optimum.
//
// Models: the independent cascade (an RR set is a reverse BFS that keeps each in-arc u->v with
// p(u,v) f(v)) and the linear threshold model (a reverse random walk that picks one in-arc u->v
// with probability w(u,v) f(v), as in Kempe et al.'s live-edge view). Arc probabilities and node
// factors exactly as in model.h / heterogeneity.h.
//
// Reproducible: RR set i draws from core::Rng::ForStream(seed, i); the result does not depend on
// the execution policy, the thread count or the number of MPI processes (tested: 1, 2, 3 threads;
// 2 and 3 ranks).
//
// Parallel work: RR sets are drawn in fixed blocks of 512, the blocks spread over the threads
// (and over the processes when options.distributor is set) and concatenated in index order; the
// greedy selection counts node occurrences and builds its inverted index with one share of the
// RR sets per thread, takes each arg max by a parallel reduction and uncovers the chosen node's
// sets in parallel. Memory: the RR sets (4 bytes per node entry, 8 per set) plus, during the
// selection, 8 bytes per node per thread and 8 per node entry.
#ifndef DUCKWEED_DIFFUSION_INFLUENCE_H_
#define DUCKWEED_DIFFUSION_INFLUENCE_H_

#include <cstdint>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/heterogeneity.h"
#include "duckweed/diffusion/model.h"
#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/graph.h"

namespace duckweed::diffusion {

struct ImmOptions {
  uint32_t k = 10;
  double epsilon = 0.5;  // approximation slack, (0, 1)
  double ell = 1.0;      // failure probability n^-ell
  uint64_t seed = 1;
  ExecutionPolicy policy = Parallel{};
  uint64_t max_rr_sets = 100'000'000;  // memory guard: InvalidInput beyond this
  // Not owned; nullptr: this process draws every RR set. Otherwise each process draws a
  // contiguous share of the RR-set blocks and the shares are all-gathered (mpi_replicas.h), so
  // every process holds the collection one process would draw, and selects the same seeds.
  ReplicaDistributor* distributor = nullptr;
};

struct ImmResult {
  std::vector<network::NodeId> seeds;  // in greedy order
  double estimated_spread = 0;         // n * (fraction of RR sets covered)
  uint64_t rr_sets = 0;
  double seconds = 0;
};

// Errors (InvalidInput): a model other than ic/lt, k == 0 or k > n, epsilon outside (0,1),
// ell <= 0, factors invalid, more than max_rr_sets RR sets needed, or RR sets that would need more
// than core::MemoryBudgetBytes() (core/memory.h): before each batch is drawn, its peak memory is
// estimated from the count (theta) times the mean RR set size measured on a pilot of up to 1,000
// sets (streams disjoint from the run's, so the pilot changes no result), and refused with the
// figure, field "epsilon". Complexity: expected
// O((k + ell)(n + m) log n / epsilon^2) (the paper's bound).
core::Result<ImmResult> InfluenceMaximization(const network::Graph& graph, const ModelSpec& spec,
                                              const NodeFactors& factors,
                                              const ImmOptions& options);

}  // namespace duckweed::diffusion

#endif  // DUCKWEED_DIFFUSION_INFLUENCE_H_
