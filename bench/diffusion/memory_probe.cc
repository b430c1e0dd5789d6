// Memory of issue 4's target, "a 1M-node, 10M-edge graph held in under 200 MB", measured as the
// peak resident set (VmHWM) of a fresh process, so that the generator's scratch does not count:
//
//   diffusion_memory_probe write FILE   builds the undirected G(n = 1M, m = 10M) (seed 2; 20M
//                                       arcs) and writes its binary cache
//   diffusion_memory_probe load FILE    loads the cache, then runs 10 SI replicas (beta = 0.1,
//                                       10 seeds) and 10 IC replicas (weighted cascade) on one
//                                       thread, and prints one JSON object: CSR bytes, and peak
//                                       RSS at start, after the load, after SI, after IC.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/diffusion/monte_carlo.h"
#include "duckweed/network/generators.h"
#include "duckweed/network/graph_cache.h"

namespace dw = duckweed;

namespace {

constexpr dw::network::NodeId kNodes = 1'000'000;
constexpr uint64_t kEdges = 10'000'000;

// Peak resident set size of this process so far, in MB (Linux /proc; -1 when unavailable).
double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

int Write(const char* path) {
  auto g = dw::network::ErdosRenyiGnm(kNodes, kEdges, 2);
  if (!g.ok()) return std::fprintf(stderr, "%s\n", g.status().ToString().c_str()), 1;
  const dw::core::Status written = dw::network::WriteGraphCache(path, *g);
  if (!written.ok()) return std::fprintf(stderr, "%s\n", written.ToString().c_str()), 1;
  return 0;
}

int Load(const char* path) {
  const double at_start = PeakRssMb();
  auto cached = dw::network::ReadGraphCache(path);
  if (!cached.ok()) return std::fprintf(stderr, "%s\n", cached.status().ToString().c_str()), 1;
  const dw::network::Graph& g = cached->graph;
  const double after_load = PeakRssMb();
  const std::vector<dw::network::NodeId> seeds = {1,      10,     100,    1000,   10000,
                                                  100000, 200000, 400000, 600000, 800000};
  const dw::diffusion::ModelSpec spec{.kind = dw::diffusion::ModelKind::kSi, .beta = 0.1};
  auto mc = dw::diffusion::RunMonteCarlo(
      g, spec, seeds, {},
      {.replicas = 10, .seed = 1, .policy = dw::diffusion::Sequential{}, .per_node = false});
  if (!mc.ok()) return std::fprintf(stderr, "%s\n", mc.status().ToString().c_str()), 1;
  const double after_si = PeakRssMb();
  // IC (weighted cascade) compiles its own arc layout: the compact one at this size (plan.h).
  const dw::diffusion::ModelSpec ic{.kind = dw::diffusion::ModelKind::kIndependentCascade,
                                    .weighted_cascade = true};
  auto mc_ic = dw::diffusion::RunMonteCarlo(
      g, ic, seeds, {},
      {.replicas = 10, .seed = 1, .policy = dw::diffusion::Sequential{}, .per_node = false});
  if (!mc_ic.ok()) return std::fprintf(stderr, "%s\n", mc_ic.status().ToString().c_str()), 1;
  const double csr_mb =
      static_cast<double>(g.offsets().size_bytes() + g.targets().size_bytes()) / (1024.0 * 1024.0);
  const nlohmann::json j = {{"nodes", g.node_count()},
                            {"arcs", g.arc_count()},
                            {"edges_undirected", g.arc_count() / 2},
                            {"csr_MiB", csr_mb},
                            {"peak_rss_start_MiB", at_start},
                            {"peak_rss_after_load_MiB", after_load},
                            {"peak_rss_after_si_MiB", after_si},
                            {"peak_rss_after_ic_MiB", PeakRssMb()},
                            {"si_final_size_mean", mc->final_size.mean},
                            {"ic_final_size_mean", mc_ic->final_size.mean},
                            {"limit_MiB", 200}};
  std::printf("%s\n", j.dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc == 3 ? argv[1] : "";
  if (mode == "write") return Write(argv[2]);
  if (mode == "load") return Load(argv[2]);
  std::fprintf(stderr, "usage: %s write|load FILE\n", argv[0]);
  return 2;
}
