// One side of the SI/SIR peer comparison (bench/diffusion/run.sh): builds the 1M-node graph of
// issue 4 (Erdős–Rényi with mean degree 10, or Barabási–Albert with m = 5; seed 42), writes its
// edges as uint32 pairs for graph-tool, runs R replicas of duckweed on one thread and prints the
// same JSON as peer_graph_tool.py (final sizes, CPU seconds per replica).
//
// Usage: diffusion_peer_compare er|ba si|sir REPLICAS OUT_DIR [NODES]
#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/diffusion/seeding.h"
#include "duckweed/network/generators.h"

namespace dw = duckweed;

namespace {

dw::core::Result<dw::network::Graph> MakeGraph(const std::string& kind, uint32_t n) {
  if (kind == "er") return dw::network::ErdosRenyiGnm(n, uint64_t{n} * 5, 42);
  return dw::network::BarabasiAlbert(n, 5, 42);
}

void WriteEdges(const dw::network::Graph& g, const std::filesystem::path& path) {
  std::vector<uint32_t> pairs;
  for (dw::network::NodeId u = 0; u < g.node_count(); ++u) {
    for (dw::network::NodeId v : g.OutNeighbors(u)) {
      if (u < v) pairs.insert(pairs.end(), {u, v});
    }
  }
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(pairs.data()), pairs.size() * sizeof(uint32_t));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s er|ba si|sir REPLICAS OUT_DIR [NODES]\n", argv[0]);
    return 2;
  }
  const std::string kind = argv[1], model = argv[2];
  const uint64_t replicas = std::stoull(argv[3]);
  const std::filesystem::path out = argv[4];
  const uint32_t n = argc > 5 ? static_cast<uint32_t>(std::stoul(argv[5])) : 1000000;
  auto graph = MakeGraph(kind, n);
  if (!graph.ok()) {
    std::fprintf(stderr, "%s\n", graph.status().ToString().c_str());
    return 1;
  }
  const auto edges = out / fmt::format("{}_{}.u32", kind, n);
  if (!std::filesystem::exists(edges)) WriteEdges(*graph, edges);
  auto seeds = dw::diffusion::ChooseSeeds(*graph, {}, dw::diffusion::SeedStrategy::kRandom, 10, 7);
  dw::diffusion::ModelSpec spec{
      .kind = model == "si" ? dw::diffusion::ModelKind::kSi : dw::diffusion::ModelKind::kSir,
      .beta = 0.1,
      .gamma = 0.1};
  dw::diffusion::MonteCarloOptions options{
      .replicas = replicas, .seed = 1, .policy = dw::diffusion::Sequential{}, .per_node = false};
  const std::clock_t start = std::clock();
  auto mc = dw::diffusion::RunMonteCarlo(*graph, spec, *seeds, {}, options);
  const double cpu = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  if (!mc.ok()) {
    std::fprintf(stderr, "%s\n", mc.status().ToString().c_str());
    return 1;
  }
  nlohmann::json j = {{"tool", "duckweed"},
                      {"model", model},
                      {"graph", kind},
                      {"nodes", n},
                      {"arcs", graph->arc_count()},
                      {"edges_file", edges.string()},
                      {"seeds", *seeds},
                      {"replicas", replicas},
                      {"mean", mc->final_size.mean},
                      {"stderr", mc->final_size.stderr_mean},
                      {"seconds_per_replica", cpu / static_cast<double>(replicas)},
                      {"final_sizes", mc->final_sizes}};
  std::printf("%s\n", j.dump().c_str());
  return 0;
}
