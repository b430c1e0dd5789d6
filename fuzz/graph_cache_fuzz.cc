// libFuzzer target: the binary graph cache reader (.dwg, network/graph_cache.h) on hostile files
// must never crash, hang, read out of bounds or allocate beyond the file's size. The input is the
// file; unless the first byte of the header's reserved word is odd, the target repairs what a
// random file would almost never get right (magic, version, byte order, payload size, checksum),
// so that hostile offsets, targets, weights, channels and labels reach the CSR validation. A
// graph that loads must satisfy the CSR invariants.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "duckweed/network/graph_cache.h"
#include "network/graph_cache_checksum.h"

namespace {

uint64_t Padded(uint64_t bytes) { return (bytes + 7) / 8 * 8; }

// Header fields at their offsets (graph_cache.cc): magic 0, version 8, flags 12, n 16, m 24,
// payload bytes 32, checksum 40, byte order 48, reserved 52.
void Put32(std::vector<uint8_t>& f, size_t at, uint32_t v) { std::memcpy(&f[at], &v, 4); }
void Put64(std::vector<uint8_t>& f, size_t at, uint64_t v) { std::memcpy(&f[at], &v, 8); }
uint64_t Get64(const std::vector<uint8_t>& f, size_t at) {
  uint64_t v;
  std::memcpy(&v, &f[at], 8);
  return v;
}

void Repair(std::vector<uint8_t>& file) {
  std::memcpy(file.data(), "DWGRAPH", 8);
  Put32(file, 8, 1);
  Put32(file, 48, 0x01020304);
  uint32_t flags;
  std::memcpy(&flags, &file[12], 4);
  flags &= 7;
  Put32(file, 12, flags);
  const uint64_t n = Get64(file, 16) % 4096, m = Get64(file, 24) % 16384;  // small graphs
  Put64(file, 16, n);
  Put64(file, 24, m);
  std::vector<uint64_t> arrays = {(n + 1) * 8, m * 4};
  if (flags & 1) arrays.push_back(m * 4);
  if (flags & 2) arrays.push_back(m);
  if (flags & 4) arrays.push_back(n * 8);
  uint64_t payload = 0;
  for (uint64_t a : arrays) payload += Padded(a);
  file.resize(64 + payload, 0);
  Put64(file, 32, payload);
  duckweed::network::internal::Checksum sum;
  uint64_t at = 64;
  for (uint64_t a : arrays) {
    sum.Update(&file[at], a);
    at += Padded(a);
  }
  Put64(file, 40, sum.Value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> file(data, data + size);
  if (file.size() >= 64 && (file[52] & 1) == 0) Repair(file);
  static const std::string path = "/tmp/duckweed-graph-cache-fuzz-" + std::to_string(getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  const bool written = file.empty() || std::fwrite(file.data(), 1, file.size(), f) == file.size();
  std::fclose(f);
  if (!written) return 0;
  auto read = duckweed::network::ReadGraphCache(path);
  if (read.ok()) {
    const auto& g = read->graph;
    for (duckweed::network::NodeId u = 0; u < g.node_count(); ++u) {
      for (duckweed::network::NodeId v : g.OutNeighbors(u)) {
        if (v >= g.node_count()) __builtin_trap();
      }
    }
    if (!read->labels.empty() && read->labels.size() != g.node_count()) __builtin_trap();
  }
  return 0;
}
