#include "duckweed/network/edge_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "duckweed/core/file.h"
#include "network/big_vector.h"
#include "network/csr_builder.h"
#include "network/read_file.h"

namespace duckweed::network {
namespace {

constexpr uint64_t kMaxNodes = std::numeric_limits<NodeId>::max();

struct Token {
  std::string_view text;
  int column = 0;  // 1-based
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Splits [begin, end) into at most 4 blank-separated tokens (a 4th means "too many").
int Tokenize(const char* begin, const char* end, Token (&tokens)[4]) {
  int count = 0;
  const char* p = begin;
  while (count < 4) {
    while (p < end && IsBlank(*p)) ++p;
    if (p == end) break;
    const char* start = p;
    while (p < end && !IsBlank(*p)) ++p;
    tokens[count++] = {{start, static_cast<size_t>(p - start)},
                       static_cast<int>(start - begin) + 1};
  }
  return count;
}

// Raw per-line values before ids are mapped.
struct RawEdges {
  std::vector<uint64_t> sources;
  std::vector<uint64_t> targets;
  std::vector<float> weights;
  uint64_t max_label = 0;
};

class Parser {
 public:
  Parser(const std::string& source, const EdgeListOptions& options)
      : source_(source), options_(options), sink_(options.max_diagnostics) {}

  void Run(std::string_view text);
  core::DiagnosticSink& sink() { return sink_; }
  RawEdges& raw() { return raw_; }
  EdgeListStats& stats() { return stats_; }
  int line_count() const { return line_; }

 private:
  void Error(int column, std::string message) {
    core::Location where;
    where.source = source_;
    where.line = line_;
    where.column = column;
    sink_.Add(std::move(where), std::move(message));
  }
  bool ParseId(const Token& token, uint64_t& out);
  bool ParseWeight(const Token& token, float& out);
  void Line(const char* begin, const char* end);
  void TakeHeader();
  void CheckIdentityRange();

  const std::string& source_;
  const EdgeListOptions& options_;
  core::DiagnosticSink sink_;
  RawEdges raw_;
  EdgeListStats stats_;
  int line_ = 0;
  int fields_ = 0;  // field count of edge lines, fixed by the first edge line
  int fields_line_ = 0;
  bool first_pending_ = false;   // kAuto: the first data line might still be a header
  bool header_guessed_ = false;  // kAuto took the first data line as a header
  int header_line_ = 0;
  int max_label_line_ = 0;  // where raw_.max_label first appears
  int max_label_column_ = 0;
};

bool Parser::ParseId(const Token& token, uint64_t& out) {
  const char* b = token.text.data();
  const char* e = b + token.text.size();
  const auto [ptr, ec] = std::from_chars(b, e, out);
  if (ec == std::errc() && ptr == e) return true;
  if (ec == std::errc::result_out_of_range) {
    Error(token.column, fmt::format("node id '{}' is too large (max {})", token.text,
                                    std::numeric_limits<uint64_t>::max()));
  } else {
    Error(token.column,
          fmt::format("expected a non-negative integer node id, found '{}'", token.text));
  }
  return false;
}

bool Parser::ParseWeight(const Token& token, float& out) {
  const char* b = token.text.data();
  const char* e = b + token.text.size();
  double value = 0;
  const auto [ptr, ec] = std::from_chars(b, e, value);
  if (ec == std::errc() && ptr == e && std::isfinite(value)) {
    out = static_cast<float>(value);
    return true;
  }
  Error(token.column, fmt::format("expected a finite number as weight, found '{}'", token.text));
  return false;
}

void Parser::TakeHeader() {
  if (raw_.sources.size() != 1) return;  // the candidate line was malformed: already reported
  stats_.header_nodes = raw_.sources.front();
  stats_.header_lines = raw_.targets.front();
  header_line_ = fields_line_;
  header_guessed_ = true;
  raw_.sources.clear();
  raw_.targets.clear();
  raw_.weights.clear();
  raw_.max_label = 0;
  max_label_line_ = max_label_column_ = 0;
  fields_ = 0;
  stats_.data_lines = 0;
}

void Parser::Line(const char* begin, const char* end) {
  Token tokens[4];
  const int count = Tokenize(begin, end, tokens);
  if (count == 0 || tokens[0].text[0] == '#' || tokens[0].text[0] == '%') return;
  if (count == 4) {
    Error(tokens[3].column,
          fmt::format("expected at most 3 fields (u v [w]), found '{}'", tokens[3].text));
    return;
  }
  if (count == 1) {
    Error(static_cast<int>(end - begin) + 1, "expected 2 or 3 fields (u v [w]), found 1");
    return;
  }
  const bool first_line = stats_.data_lines == 0 && !stats_.header_nodes;
  if (first_pending_) {
    first_pending_ = false;
    if (count == 3 && fields_ == 2) TakeHeader();
  }
  const bool is_header = first_line && options_.header == HeaderLine::kNodeAndLineCount;
  if (fields_ == 0 && !is_header) {
    fields_ = count;
    fields_line_ = line_;
  } else if (!is_header && count != fields_) {
    Error(tokens[count - 1].column,
          fmt::format("expected {} fields like line {}, found {}", fields_, fields_line_, count));
    return;
  }
  if (count == 2 && options_.weights == WeightColumn::kRequire && !is_header) {
    Error(static_cast<int>(end - begin) + 1, "expected a weight as third field, found none");
    return;
  }
  uint64_t u = 0, v = 0;
  float w = 0;
  bool ok = ParseId(tokens[0], u);
  ok = ParseId(tokens[1], v) && ok;
  if (count == 3) ok = ParseWeight(tokens[2], w) && ok;
  if (!ok) return;
  if (is_header) {
    stats_.header_nodes = u;
    stats_.header_lines = v;
    header_line_ = line_;
    return;
  }
  if (options_.ids == IdMapping::kIdentity && stats_.header_nodes &&
      std::max(u, v) >= *stats_.header_nodes) {
    Error(tokens[u >= *stats_.header_nodes ? 0 : 1].column,
          fmt::format("node id {} out of range: the header declares {} nodes", std::max(u, v),
                      *stats_.header_nodes));
    return;
  }
  raw_.sources.push_back(u);
  raw_.targets.push_back(v);
  if (count == 3 && options_.weights != WeightColumn::kIgnore) raw_.weights.push_back(w);
  if (raw_.sources.size() == 1 || std::max(u, v) > raw_.max_label) {
    raw_.max_label = std::max(u, v);
    max_label_line_ = line_;
    max_label_column_ = tokens[u >= v ? 0 : 1].column;
  }
  ++stats_.data_lines;
  first_pending_ = first_line && options_.header == HeaderLine::kAuto && count == 2;
}

void Parser::Run(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  // One pass to count lines bounds the edge count, so the arrays never regrow.
  const size_t lines = static_cast<size_t>(std::count(p, end, '\n')) + 1;
  internal::ReserveBig(raw_.sources, lines);
  internal::ReserveBig(raw_.targets, lines);
  internal::ReserveBig(raw_.weights, lines);  // address space only until written
  if (text.size() >= 3 && std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  while (p < end) {
    ++line_;
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', end - p));
    if (eol == nullptr) eol = end;
    const char* line_end = (eol > p && eol[-1] == '\r') ? eol - 1 : eol;
    Line(p, line_end);
    p = eol + 1;
  }
  if (options_.ids == IdMapping::kIdentity) CheckIdentityRange();
  if (stats_.header_lines && *stats_.header_lines != stats_.data_lines) {
    core::Location where;
    where.source = source_;
    where.line = header_line_;
    where.column = 1;
    sink_.Add(where, header_guessed_
                         ? fmt::format("a 2-field first line before 3-field lines is read as an "
                                       "'n m' header, but it declares {} edge lines and {} follow; "
                                       "fix the header or give every line the same fields",
                                       *stats_.header_lines, stats_.data_lines)
                         : fmt::format("the header declares {} edge lines, found {}",
                                       *stats_.header_lines, stats_.data_lines));
  }
}

// Identity ids allocate one node per id up to the largest: beyond the documented cap
// (edge_list.h) a stray huge id would allocate gigabytes of empty nodes, so it is bad input.
void Parser::CheckIdentityRange() {
  const uint64_t cap = IdentityNodeCap(raw_.sources.size());
  const auto explain = [&] {
    return fmt::format(
        "identity ids allow up to {} nodes for {} edge lines ({} per line + {}); "
        "use compact ids",
        cap, raw_.sources.size(), kIdentityNodesPerLine, kIdentityNodesFloor);
  };
  core::Location where;
  where.source = source_;
  if (stats_.header_nodes && *stats_.header_nodes > cap) {
    where.line = header_line_;
    where.column = 1;
    sink_.Add(where,
              fmt::format("the header declares {} nodes: {}", *stats_.header_nodes, explain()));
  } else if (!raw_.sources.empty() && raw_.max_label >= cap) {
    where.line = max_label_line_;
    where.column = max_label_column_;
    sink_.Add(where, fmt::format("node id {} is too large: {}", raw_.max_label, explain()));
  }
}

// Maps input ids to dense node ids; fills labels for kCompact.
core::Result<NodeId> MapIds(RawEdges& raw, const EdgeListOptions& options,
                            const EdgeListStats& stats, const std::string& source,
                            std::vector<uint64_t>& labels) {
  core::Location where;
  where.source = source;
  if (options.ids == IdMapping::kIdentity) {
    uint64_t n = raw.sources.empty() ? 0 : raw.max_label + 1;
    if (stats.header_nodes) n = std::max(n, *stats.header_nodes);
    if (n > kMaxNodes) {
      return core::Status::InvalidInput(
          fmt::format("node id {} too large for identity ids (max {}); use compact ids", n - 1,
                      kMaxNodes - 1),
          where);
    }
    return static_cast<NodeId>(n);
  }
  const size_t m = raw.sources.size();
  if (raw.max_label <= 4 * m + 1024) {  // dense enough for a rank table
    std::vector<NodeId> rank(raw.max_label + 2, 0);
    for (size_t i = 0; i < m; ++i) rank[raw.sources[i] + 1] = rank[raw.targets[i] + 1] = 1;
    for (uint64_t id = 0; id <= raw.max_label; ++id) {
      if (rank[id + 1]) labels.push_back(id);
      rank[id + 1] += rank[id];
    }
    for (size_t i = 0; i < m; ++i) {
      raw.sources[i] = rank[raw.sources[i]];
      raw.targets[i] = rank[raw.targets[i]];
    }
  } else {
    labels.reserve(2 * m);
    labels.insert(labels.end(), raw.sources.begin(), raw.sources.end());
    labels.insert(labels.end(), raw.targets.begin(), raw.targets.end());
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    const auto find = [&](uint64_t id) {
      return static_cast<uint64_t>(std::lower_bound(labels.begin(), labels.end(), id) -
                                   labels.begin());
    };
    for (size_t i = 0; i < m; ++i) {
      raw.sources[i] = find(raw.sources[i]);
      raw.targets[i] = find(raw.targets[i]);
    }
  }
  labels.shrink_to_fit();
  if (labels.size() > kMaxNodes) {
    return core::Status::InvalidInput(
        fmt::format("{} distinct nodes, more than the {} supported", labels.size(), kMaxNodes),
        where);
  }
  return static_cast<NodeId>(labels.size());
}

}  // namespace

std::optional<NodeId> EdgeList::FindNode(uint64_t label) const {
  if (labels.empty()) {
    if (label < graph.node_count()) return static_cast<NodeId>(label);
    return std::nullopt;
  }
  const auto it = std::lower_bound(labels.begin(), labels.end(), label);
  if (it == labels.end() || *it != label) return std::nullopt;
  return static_cast<NodeId>(it - labels.begin());
}

core::Result<EdgeList> ParseEdgeList(std::string_view text, const std::string& source,
                                     const EdgeListOptions& options) {
  Parser parser(source, options);
  parser.Run(text);
  if (!parser.sink().empty()) return parser.sink().ToStatus();
  EdgeList out;
  RawEdges& raw = parser.raw();
  DUCKWEED_ASSIGN_OR_RETURN(const NodeId n,
                            MapIds(raw, options, parser.stats(), source, out.labels));
  internal::EdgeBuffer edges;
  internal::ReserveBig(edges.sources, raw.sources.size());
  edges.sources.assign(raw.sources.begin(), raw.sources.end());
  std::vector<uint64_t>().swap(raw.sources);
  internal::ReserveBig(edges.targets, raw.targets.size());
  edges.targets.assign(raw.targets.begin(), raw.targets.end());
  std::vector<uint64_t>().swap(raw.targets);
  edges.weights = std::move(raw.weights);
  internal::CsrCounts counts;
  out.graph = internal::BuildCsr(n, edges,
                                 {.symmetrize = !options.directed,
                                  .drop_self_loops = options.drop_self_loops,
                                  .dedup = options.dedup},
                                 &counts);
  out.stats = parser.stats();
  out.stats.self_loops_dropped = counts.self_loops_dropped;
  out.stats.duplicate_arcs_dropped = counts.duplicate_arcs_dropped;
  return out;
}

core::Result<EdgeList> ReadEdgeListFile(const std::filesystem::path& path,
                                        const EdgeListOptions& options) {
  DUCKWEED_ASSIGN_OR_RETURN(const std::string text, core::ReadFile(path));
  return ParseEdgeList(text, path.string(), options);
}

core::Status WriteEdgeListFile(const std::filesystem::path& path, const Graph& graph,
                               const std::vector<uint64_t>& labels, bool undirected) {
  std::string out =
      fmt::format("# duckweed edge list: {} nodes, {} arcs, {}\n", graph.node_count(),
                  graph.arc_count(), undirected ? "undirected (each edge once)" : "directed");
  const auto label = [&](NodeId u) { return labels.empty() ? uint64_t{u} : labels[u]; };
  const auto weights = graph.weights();
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    for (ArcIndex a = graph.ArcBegin(u); a < graph.ArcEnd(u); ++a) {
      const NodeId v = graph.targets()[a];
      if (undirected && v < u) continue;
      if (weights.empty()) {
        fmt::format_to(std::back_inserter(out), "{} {}\n", label(u), label(v));
      } else {
        fmt::format_to(std::back_inserter(out), "{} {} {}\n", label(u), label(v), weights[a]);
      }
    }
  }
  return core::WriteFileAtomic(path, out);
}

}  // namespace duckweed::network
