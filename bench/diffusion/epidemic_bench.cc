// SI and SIR to completion on 1M-node graphs (issue 4): Erdős–Rényi with mean degree 10 and
// Barabási–Albert with m = 5, beta = 0.1, gamma = 0.1, 10 random seeds, one thread. The
// comparison with graph-tool in the same run is bench/diffusion/run.sh.
#include <benchmark/benchmark.h>

#include <map>

#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/diffusion/seeding.h"
#include "duckweed/network/generators.h"

namespace duckweed::diffusion {
namespace {

const network::Graph& Graph1M(int kind) {
  static std::map<int, network::Graph> cache;
  auto it = cache.find(kind);
  if (it == cache.end()) {
    auto g = kind == 0 ? network::ErdosRenyiGnm(1000000, 5000000, 42)
                       : network::BarabasiAlbert(1000000, 5, 42);
    it = cache.emplace(kind, std::move(g).value()).first;
  }
  return it->second;
}

// range(0): 0 = Erdős–Rényi, 1 = Barabási–Albert; range(1): 0 = SI, 1 = SIR.
void BM_Epidemic1M(benchmark::State& state) {
  const network::Graph& g = Graph1M(static_cast<int>(state.range(0)));
  const auto seeds = ChooseSeeds(g, {}, SeedStrategy::kRandom, 10, 7).value();
  const ModelSpec spec{
      .kind = state.range(1) == 0 ? ModelKind::kSi : ModelKind::kSir, .beta = 0.1, .gamma = 0.1};
  MonteCarloOptions options{.replicas = 1, .seed = 1, .policy = Sequential{}, .per_node = false};
  double mean = 0;
  for (auto _ : state) {
    auto mc = RunMonteCarlo(g, spec, seeds, {}, options);
    mean = mc->final_size.mean;
    ++options.seed;
  }
  state.SetLabel(std::string(state.range(0) == 0 ? "ER" : "BA") +
                 (state.range(1) == 0 ? " SI" : " SIR"));
  state.counters["final_size"] = mean;
}
BENCHMARK(BM_Epidemic1M)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
}  // namespace duckweed::diffusion

BENCHMARK_MAIN();
