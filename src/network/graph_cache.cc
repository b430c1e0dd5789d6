#include "duckweed/network/graph_cache.h"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "duckweed/core/file.h"
#include "network/big_vector.h"
#include "network/graph_cache_checksum.h"
#include "network/read_file.h"

namespace duckweed::network {
namespace {

using internal::Checksum;

constexpr char kMagic[8] = {'D', 'W', 'G', 'R', 'A', 'P', 'H', '\0'};
constexpr uint32_t kByteOrderMark = 0x01020304;
constexpr uint32_t kHasWeights = 1;
constexpr uint32_t kHasChannels = 2;
constexpr uint32_t kHasLabels = 4;

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t flags;
  uint64_t node_count;
  uint64_t arc_count;
  uint64_t payload_bytes;
  uint64_t checksum;
  uint32_t byte_order;
  uint32_t reserved0;
  uint64_t reserved1;
};
static_assert(sizeof(Header) == 64);

uint64_t Padded(uint64_t bytes) { return (bytes + 7) / 8 * 8; }

struct Segment {
  const void* data;
  uint64_t bytes;
};

core::Status Bad(const std::filesystem::path& path, const std::string& message) {
  core::Location where;
  where.source = path.string();
  return core::Status::InvalidInput(fmt::format("not a valid duckweed graph cache: {}", message),
                                    where);
}

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

core::Status WriteSegment(core::OutputFile& out, const Segment& s) {
  static constexpr char kZeros[8] = {};
  DUCKWEED_RETURN_IF_ERROR(out.Write({static_cast<const char*>(s.data), s.bytes}));
  return out.Write({kZeros, Padded(s.bytes) - s.bytes});
}

template <typename T>
bool ReadArray(std::FILE* f, std::vector<T>& out, uint64_t count, Checksum& sum) {
  internal::ResizeBig(out, count);
  const uint64_t bytes = count * sizeof(T);
  if (bytes > 0 && std::fread(out.data(), 1, bytes, f) != bytes) return false;
  char pad[8] = {};
  const uint64_t pad_bytes = Padded(bytes) - bytes;
  if (pad_bytes > 0 && std::fread(pad, 1, pad_bytes, f) != pad_bytes) return false;
  sum.Update(out.data(), bytes);
  return true;
}

}  // namespace

core::Status WriteGraphCache(const std::filesystem::path& path, const Graph& graph,
                             std::span<const uint64_t> labels) {
  if (!labels.empty() && labels.size() != graph.node_count()) {
    return core::Status::Internal(
        fmt::format("{} labels for {} nodes", labels.size(), graph.node_count()));
  }
  const uint64_t m = graph.arc_count();
  std::vector<Segment> segments = {{graph.offsets().data(), graph.offsets().size_bytes()},
                                   {graph.targets().data(), graph.targets().size_bytes()}};
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.version = kGraphCacheVersion;
  header.node_count = graph.node_count();
  header.arc_count = m;
  header.byte_order = kByteOrderMark;
  if (graph.has_weights()) {
    header.flags |= kHasWeights;
    segments.push_back({graph.weights().data(), graph.weights().size_bytes()});
  }
  if (!graph.channels().empty()) {
    header.flags |= kHasChannels;
    segments.push_back({graph.channels().data(), graph.channels().size_bytes()});
  }
  if (!labels.empty()) {
    header.flags |= kHasLabels;
    segments.push_back({labels.data(), labels.size_bytes()});
  }
  Checksum sum;
  for (const Segment& s : segments) {
    header.payload_bytes += Padded(s.bytes);
    sum.Update(s.data, s.bytes);
  }
  header.checksum = sum.Value();

  DUCKWEED_ASSIGN_OR_RETURN(core::OutputFile out, core::OutputFile::Open(path));
  DUCKWEED_RETURN_IF_ERROR(out.Write({reinterpret_cast<const char*>(&header), sizeof header}));
  for (const Segment& s : segments) DUCKWEED_RETURN_IF_ERROR(WriteSegment(out, s));
  return out.Commit();
}

core::Result<CachedGraph> ReadGraphCache(const std::filesystem::path& path) {
  File f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return internal::IoErrorFor(path, "cannot open for reading");
  Header h{};
  if (std::fread(&h, sizeof h, 1, f.get()) != 1) return Bad(path, "shorter than its header");
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0) return Bad(path, "wrong magic bytes");
  if (h.byte_order != kByteOrderMark) return Bad(path, "written with another byte order");
  if (h.version != kGraphCacheVersion) {
    return Bad(path, fmt::format("format version {}, this build reads version {}", h.version,
                                 kGraphCacheVersion));
  }
  if (h.node_count >= UINT32_MAX || h.arc_count > (uint64_t{1} << 40)) {
    return Bad(path, "implausible node or arc count");
  }
  const uint64_t n = h.node_count;
  const uint64_t m = h.arc_count;
  uint64_t expected = Padded((n + 1) * 8) + Padded(m * 4);
  if (h.flags & kHasWeights) expected += Padded(m * 4);
  if (h.flags & kHasChannels) expected += Padded(m);
  if (h.flags & kHasLabels) expected += Padded(n * 8);
  std::error_code ec;
  const uint64_t file_size = std::filesystem::file_size(path, ec);
  if (h.payload_bytes != expected) {
    return Bad(path, fmt::format("header says {} payload bytes but {} nodes and {} arcs need {} "
                                 "(altered header)",
                                 h.payload_bytes, n, m, expected));
  }
  if (ec || file_size != sizeof h + expected) {
    return Bad(path, fmt::format("expected {} bytes for {} nodes and {} arcs, found {} "
                                 "(truncated or altered)",
                                 sizeof h + expected, n, m, file_size));
  }
  Graph::Parts parts;
  CachedGraph out;
  Checksum sum;
  bool ok =
      ReadArray(f.get(), parts.offsets, n + 1, sum) && ReadArray(f.get(), parts.targets, m, sum);
  if (ok && (h.flags & kHasWeights)) ok = ReadArray(f.get(), parts.weights, m, sum);
  if (ok && (h.flags & kHasChannels)) ok = ReadArray(f.get(), parts.channels, m, sum);
  if (ok && (h.flags & kHasLabels)) ok = ReadArray(f.get(), out.labels, n, sum);
  if (!ok) return internal::IoErrorFor(path, "read failed");
  if (sum.Value() != h.checksum) return Bad(path, "checksum mismatch (corrupted)");
  const core::Status valid = Graph::Validate(parts);
  if (!valid.ok()) return Bad(path, valid.message());
  out.graph = Graph::FromParts(std::move(parts));
  return out;
}

bool IsGraphCacheFile(const std::filesystem::path& path) {
  File f(std::fopen(path.c_str(), "rb"), &std::fclose);
  char magic[8];
  return f && std::fread(magic, 1, 8, f.get()) == 8 && std::memcmp(magic, kMagic, 8) == 0;
}

}  // namespace duckweed::network
