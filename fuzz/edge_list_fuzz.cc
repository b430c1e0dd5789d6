// libFuzzer target: the SNAP edge-list reader must never crash, hang or read out of bounds; the
// first byte picks the options, so every combination of direction, dedup, header and weights is
// hit. Identity ids are left out: `0 4000000000` legitimately asks for 4e9 nodes, which is an
// allocation failure (exit 3), not a parser bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duckweed/network/edge_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duckweed::network;
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  EdgeListOptions options;
  options.directed = (flags & 1) != 0;
  options.drop_self_loops = (flags & 2) != 0;
  options.dedup = (flags & 4) != 0;
  options.header = static_cast<HeaderLine>((flags >> 4) % 3);
  options.weights = static_cast<WeightColumn>((flags >> 6) % 3);
  options.max_diagnostics = 8;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto list = ParseEdgeList(text, "fuzz.edges", options);
  if (!list.ok()) return 0;
  // Every node has a label that maps back to it.
  for (NodeId u = 0; u < list->graph.node_count(); ++u) {
    auto found = list->FindNode(list->Label(u));
    if (!found || *found != u) __builtin_trap();
  }
  return 0;
}
