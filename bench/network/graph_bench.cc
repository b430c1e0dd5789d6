// Network module benchmarks: text parsing and binary-cache loading of a 10M-edge graph, the
// memory held by a 1M-node 10M-edge graph, generators and the k-NN builder.
// Run: build/bench/bench/network/network_graph_bench (tools/run_bench.sh writes JSON results).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "duckweed/core/random.h"
#include "duckweed/network/edge_list.h"
#include "duckweed/network/generators.h"
#include "duckweed/network/graph_cache.h"
#include "duckweed/network/places.h"

namespace duckweed::network {
namespace {

constexpr NodeId kNodes = 1'000'000;
constexpr uint64_t kEdges = 10'000'000;

std::filesystem::path Scratch(const char* name) {
  return std::filesystem::temp_directory_path() /
         fmt::format("duckweed_bench_{}_{}", static_cast<long>(::getpid()), name);
}

// A directed G(n, m) with 10M arcs, written once as text and as a cache.
struct Files {
  std::filesystem::path text = Scratch("g10m.edges");
  std::filesystem::path cache = Scratch("g10m.dwg");
  uint64_t text_bytes = 0;
  Files() {
    const Graph g = std::move(ErdosRenyiGnm(kNodes, kEdges, 1, /*directed=*/true)).value();
    std::string out;
    out.reserve(kEdges * 15);
    for (NodeId u = 0; u < g.node_count(); ++u) {
      for (const NodeId v : g.OutNeighbors(u))
        fmt::format_to(std::back_inserter(out), "{} {}\n", u, v);
    }
    std::ofstream(text, std::ios::binary)
        .write(out.data(), static_cast<std::streamsize>(out.size()));
    text_bytes = out.size();
    (void)WriteGraphCache(cache, g);
  }
  ~Files() {
    std::error_code ec;
    std::filesystem::remove(text, ec);
    std::filesystem::remove(cache, ec);
  }
};

Files& SharedFiles() {
  static Files files;
  return files;
}

// Resident set size now, from /proc (Linux).
double RssMb() {
  std::ifstream status("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  status >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1e6;
}

void BM_ParseEdgeList10M(benchmark::State& state) {
  Files& files = SharedFiles();
  for (auto _ : state) {
    auto parsed = ReadEdgeListFile(files.text, {.ids = IdMapping::kIdentity});
    if (!parsed.ok()) state.SkipWithError(parsed.status().message().c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * files.text_bytes));
  state.counters["arcs"] = kEdges;
}
BENCHMARK(BM_ParseEdgeList10M)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ParseEdgeList10MCompactDedup(benchmark::State& state) {
  Files& files = SharedFiles();
  for (auto _ : state) {
    auto parsed =
        ReadEdgeListFile(files.text, {.directed = false, .drop_self_loops = true, .dedup = true});
    if (!parsed.ok()) state.SkipWithError(parsed.status().message().c_str());
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * files.text_bytes));
}
BENCHMARK(BM_ParseEdgeList10MCompactDedup)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_CacheLoad10M(benchmark::State& state) {
  Files& files = SharedFiles();
  const auto bytes = std::filesystem::file_size(files.cache);
  for (auto _ : state) {
    auto loaded = ReadGraphCache(files.cache);
    if (!loaded.ok()) state.SkipWithError(loaded.status().message().c_str());
    benchmark::DoNotOptimize(loaded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_CacheLoad10M)->Unit(benchmark::kMillisecond)->Iterations(10);

// The memory target: a 1M-node, 10M-edge graph held in under 200 MB. Undirected, so
// 20M arcs; the counters report the CSR bytes and the process RSS growth while it is held.
void BM_Memory1MNodes10MEdges(benchmark::State& state) {
  for (auto _ : state) {
    const double before = RssMb();
    const Graph g = std::move(ErdosRenyiGnm(kNodes, kEdges, 2)).value();
    const double after = RssMb();
    state.counters["graph_MB"] =
        static_cast<double>(g.offsets().size_bytes() + g.targets().size_bytes()) / 1e6;
    state.counters["rss_growth_MB"] = after - before;
    state.counters["arcs"] = static_cast<double>(g.arc_count());
  }
}
BENCHMARK(BM_Memory1MNodes10MEdges)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_GenerateBarabasiAlbert1M(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(BarabasiAlbert(kNodes, 5, 3));
}
BENCHMARK(BM_GenerateBarabasiAlbert1M)->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_GenerateGnp1M(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ErdosRenyiGnp(kNodes, 10.0 / kNodes, 3));
}
BENCHMARK(BM_GenerateGnp1M)->Unit(benchmark::kMillisecond)->Iterations(2);

// About the number of French communes.
void BM_KNearestCommunes(benchmark::State& state) {
  core::Rng rng = core::Rng::ForStream(1, 0);
  std::vector<Place> places(35000);
  for (size_t i = 0; i < places.size(); ++i) {
    places[i] = {.id = std::to_string(i),
                 .lat = 42.5 + 8.5 * rng.Uniform(),
                 .lon = -4.5 + 12.5 * rng.Uniform(),
                 .population = 100 + 1000 * rng.Uniform()};
  }
  for (auto _ : state) benchmark::DoNotOptimize(BuildKNearest(places, 8));
}
BENCHMARK(BM_KNearestCommunes)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace duckweed::network

BENCHMARK_MAIN();
