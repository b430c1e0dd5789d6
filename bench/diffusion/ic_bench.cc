// Independent cascade Monte Carlo on NetHEPT (weighted cascade, the 50 reference seeds), one
// thread. Goal (issue 4): at most 30 µs per replica; peers on this kind of machine: numpy
// frontier 291 µs, graph-tool 3.97 ms (bench/diffusion/run.sh measures graph-tool in the same run).
#include <benchmark/benchmark.h>

#include "bench_graphs.h"
#include "duckweed/diffusion/monte_carlo.h"

namespace duckweed::diffusion {
namespace {

void BM_IcNetHept(benchmark::State& state) {
  static const auto nethept = bench::LoadNetHept();
  if (!nethept) {
    state.SkipWithError("NetHEPT absent");
    return;
  }
  const ModelSpec spec{.kind = ModelKind::kIndependentCascade, .weighted_cascade = true};
  const uint64_t replicas = state.range(0);
  MonteCarloOptions options{
      .replicas = replicas, .seed = 1, .policy = Sequential{}, .per_node = false};
  double mean = 0;
  for (auto _ : state) {
    auto mc = RunMonteCarlo(nethept->graph, spec, nethept->seeds, {}, options);
    mean = mc->final_size.mean;
    ++options.seed;
  }
  state.counters["mean_spread"] = mean;
  state.counters["us_per_replica"] =
      benchmark::Counter(static_cast<double>(state.iterations() * replicas) / 1e6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_IcNetHept)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace duckweed::diffusion

BENCHMARK_MAIN();
