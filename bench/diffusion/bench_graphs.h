// Graphs shared by the diffusion benchmarks: NetHEPT as the IMM papers prepare it (from
// $DUCKWEED_SHARED_DATA, never copied), and the 1M-node generators of the issue.
#ifndef DUCKWEED_BENCH_DIFFUSION_BENCH_GRAPHS_H_
#define DUCKWEED_BENCH_DIFFUSION_BENCH_GRAPHS_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/file.h"
#include "duckweed/network/edge_list.h"

namespace duckweed::bench {

inline std::filesystem::path SharedData() {
  const char* env = std::getenv("DUCKWEED_SHARED_DATA");
  return env ? std::filesystem::path(env) : std::filesystem::path("../shared/data");
}

struct NetHept {
  network::Graph graph;
  std::vector<network::NodeId> seeds;
};

// Node ids are kept (identity mapping) so the reference seeds apply directly.
inline std::optional<NetHept> LoadNetHept() {
  const auto dir = SharedData() / "graphs";
  auto list =
      network::ReadEdgeListFile(dir / "NetHEPT.txt", {.directed = false,
                                                      .drop_self_loops = true,
                                                      .dedup = true,
                                                      .ids = network::IdMapping::kIdentity,
                                                      .weights = network::WeightColumn::kIgnore});
  auto text = core::ReadFile(dir / "nethept_ic_reference.json");
  if (!list.ok() || !text.ok()) {
    std::fprintf(stderr, "NetHEPT reference data absent under %s\n", dir.c_str());
    return std::nullopt;
  }
  auto seeds = nlohmann::json::parse(*text)["seeds_k50"].get<std::vector<network::NodeId>>();
  return NetHept{std::move(list->graph), std::move(seeds)};
}

}  // namespace duckweed::bench

#endif  // DUCKWEED_BENCH_DIFFUSION_BENCH_GRAPHS_H_
