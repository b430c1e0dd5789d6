// `duckweed graph ...`: inspect, convert and generate graphs (the network module).
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/verbs.h"
#include "duckweed/network/generators.h"
#include "duckweed/network/graph_file.h"
#include "duckweed/network/graph_ops.h"
#include "duckweed/network/places.h"

namespace duckweed::cli {

void RegisterGraphPlacesVerb(CLI::App& graph, CliContext& ctx);  // verbs_graph_places.cc

namespace {

using network::EdgeList;
using network::EdgeListOptions;
using network::Graph;

struct ReadFlags {
  std::string file;
  bool undirected = false;
  bool dedup = false;
  bool drop_self_loops = false;
  bool identity_ids = false;
  bool ignore_weights = false;
  std::string header = "auto";
};

void AddReadFlags(CLI::App* cmd, ReadFlags& f) {
  cmd->add_option("file", f.file, "Edge list (u v [w] lines, # comments) or .dwg cache")
      ->required();
  cmd->add_flag("--undirected", f.undirected, "Each line is an edge stored in both directions");
  cmd->add_flag("--dedup", f.dedup, "Collapse parallel edges into the first one listed");
  cmd->add_flag("--drop-self-loops", f.drop_self_loops, "Skip u u lines");
  cmd->add_flag("--identity-ids", f.identity_ids,
                "Node i is id i (n = max id + 1) instead of compacting the ids in sorted order");
  cmd->add_flag("--ignore-weights", f.ignore_weights, "Drop a third column");
  cmd->add_option("--header", f.header, "auto, none or counts (a first line 'n m')")
      ->check(CLI::IsMember({"auto", "none", "counts"}));
}

EdgeListOptions ToOptions(const ReadFlags& f) {
  EdgeListOptions o;
  o.directed = !f.undirected;
  o.dedup = f.dedup;
  o.drop_self_loops = f.drop_self_loops;
  o.ids = f.identity_ids ? network::IdMapping::kIdentity : network::IdMapping::kCompact;
  o.weights = f.ignore_weights ? network::WeightColumn::kIgnore : network::WeightColumn::kAuto;
  o.header = f.header == "none"     ? network::HeaderLine::kNone
             : f.header == "counts" ? network::HeaderLine::kNodeAndLineCount
                                    : network::HeaderLine::kAuto;
  return o;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

nlohmann::json SummaryJson(const Graph& g) {
  const network::GraphSummary s = network::Summarize(g);
  nlohmann::json j = {
      {"nodes", s.nodes},
      {"arcs", s.arcs},
      {"symmetric", s.symmetric},
      {"weighted", s.weighted},
      {"self_loops", s.self_loops},
      {"isolated_nodes", s.isolated},
      {"out_degree",
       {{"min", s.min_out_degree}, {"mean", s.mean_out_degree}, {"max", s.max_out_degree}}},
      {"max_in_degree", s.max_in_degree},
      {"memory_bytes", g.offsets().size_bytes() + g.targets().size_bytes() +
                           g.weights().size_bytes() + g.channels().size_bytes()}};
  if (s.tagged) {
    const network::ChannelCounts c = network::CountChannels(g);
    j["channels"] = {{"concentric", c.concentric},
                     {"institutional", c.institutional},
                     {"long_range", c.long_range}};
  }
  return j;
}

void PrintSummary(const nlohmann::json& j, bool json) {
  if (json) {
    fmt::print("{}\n", j.dump(2));
    return;
  }
  for (const auto& [key, value] : j.items()) {
    fmt::print("{:<24} {}\n", key, value.is_string() ? value.get<std::string>() : value.dump());
  }
}

core::Status InfoVerb(const ReadFlags& f, bool json) {
  const auto start = std::chrono::steady_clock::now();
  DUCKWEED_ASSIGN_OR_RETURN(EdgeList list, network::ReadGraphFile(f.file, ToOptions(f)));
  nlohmann::json j = {{"file", f.file}, {"read_seconds", SecondsSince(start)}};
  j.update(SummaryJson(list.graph));
  if (list.stats.data_lines > 0) {
    j["edge_lines"] = list.stats.data_lines;
    j["self_loops_dropped"] = list.stats.self_loops_dropped;
    j["duplicate_arcs_dropped"] = list.stats.duplicate_arcs_dropped;
  }
  PrintSummary(j, json);
  return core::Status::Ok();
}

core::Status ConvertVerb(const ReadFlags& f, const std::string& out, bool json) {
  const auto start = std::chrono::steady_clock::now();
  DUCKWEED_ASSIGN_OR_RETURN(EdgeList list, network::ReadGraphFile(f.file, ToOptions(f)));
  const double read_seconds = SecondsSince(start);
  const auto write_start = std::chrono::steady_clock::now();
  DUCKWEED_RETURN_IF_ERROR(
      network::WriteGraphFile(out, list.graph, list.labels, network::IsSymmetric(list.graph)));
  const nlohmann::json j = {{"file", f.file},
                            {"out", out},
                            {"nodes", list.graph.node_count()},
                            {"arcs", list.graph.arc_count()},
                            {"read_seconds", read_seconds},
                            {"write_seconds", SecondsSince(write_start)}};
  if (json) {
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("{}: {} nodes, {} arcs -> {}\n", f.file, list.graph.node_count(),
               list.graph.arc_count(), out);
  }
  return core::Status::Ok();
}

struct GenerateFlags {
  uint32_t n = 1000;
  double p = -1;
  uint64_t m = 0;
  uint32_t k = 4;
  double beta = 0.1;
  uint32_t scale = 10;
  uint64_t edges = 8192;
  double a = 0.57, b = 0.19, c = 0.19;
  bool directed = false;
  bool undirected = false;
  uint64_t seed = 1;
  std::string out;
};

core::Status FinishGenerated(const std::string& model, core::Result<Graph> made,
                             const GenerateFlags& f, double seconds, bool json) {
  if (!made.ok()) return made.status();
  const Graph& g = *made;
  if (!f.out.empty()) {
    DUCKWEED_RETURN_IF_ERROR(network::WriteGraphFile(f.out, g, {}, network::IsSymmetric(g)));
  }
  nlohmann::json j = {{"model", model}, {"seed", f.seed}, {"generate_seconds", seconds}};
  if (!f.out.empty()) j["out"] = f.out;
  j.update(SummaryJson(g));
  PrintSummary(j, json);
  return core::Status::Ok();
}

void RegisterGenerate(CLI::App* graph, CliContext& ctx) {
  auto* gen = graph->add_subcommand("generate", "Random graphs with a seed (er, ba, ws, rmat)");
  gen->require_subcommand(1);
  auto f = std::make_shared<GenerateFlags>();
  const auto common = [&](CLI::App* cmd) {
    cmd->add_option("--seed", f->seed, "Random seed (default 1)");
    cmd->add_option("--out", f->out, "Write the graph (.dwg: binary cache, else edge list)");
  };
  const auto run = [f, &ctx](const char* model, auto make) {
    return ctx.Bind([f, &ctx, model, make] {
      const auto start = std::chrono::steady_clock::now();
      core::Result<Graph> g = make(*f);
      return FinishGenerated(model, std::move(g), *f, SecondsSince(start), ctx.json);
    });
  };
  auto* er = gen->add_subcommand("er", "Erdős–Rényi G(n,p) (--p) or G(n,m) (--m)");
  er->add_option("--n", f->n, "Nodes")->required();
  auto* p_opt = er->add_option("--p", f->p, "Probability of each pair");
  auto* m_opt = er->add_option("--m", f->m, "Number of edges");
  p_opt->excludes(m_opt);
  er->add_flag("--directed", f->directed, "Ordered pairs");
  common(er);
  er->callback(run("er", [](const GenerateFlags& o) -> core::Result<Graph> {
    if (o.p >= 0) return network::ErdosRenyiGnp(o.n, o.p, o.seed, o.directed);
    if (o.m > 0) return network::ErdosRenyiGnm(o.n, o.m, o.seed, o.directed);
    return core::Status::Usage("graph generate er needs --p or --m");
  }));
  auto* ba = gen->add_subcommand("ba", "Barabási–Albert preferential attachment");
  ba->add_option("--n", f->n, "Nodes")->required();
  ba->add_option("--m", f->m, "Edges per new node")->required();
  common(ba);
  ba->callback(run("ba", [](const GenerateFlags& o) {
    return network::BarabasiAlbert(o.n, static_cast<uint32_t>(std::min<uint64_t>(o.m, UINT32_MAX)),
                                   o.seed);
  }));
  auto* ws = gen->add_subcommand("ws", "Watts–Strogatz small world");
  ws->add_option("--n", f->n, "Nodes")->required();
  ws->add_option("--k", f->k, "Ring degree (even)")->required();
  ws->add_option("--beta", f->beta, "Rewiring probability")->required();
  common(ws);
  ws->callback(run("ws", [](const GenerateFlags& o) {
    return network::WattsStrogatz(o.n, o.k, o.beta, o.seed);
  }));
  auto* rmat =
      gen->add_subcommand("rmat", "R-MAT (Chakrabarti et al.), self-loops and repeats dropped");
  rmat->add_option("--scale", f->scale, "log2 of the node count")->required();
  rmat->add_option("--edges", f->edges, "Edges drawn")->required();
  rmat->add_option("--a", f->a, "Quadrant probability a (0.57)");
  rmat->add_option("--b", f->b, "Quadrant probability b (0.19)");
  rmat->add_option("--c", f->c, "Quadrant probability c (0.19)");
  rmat->add_flag("--undirected", f->undirected, "Store each edge both ways");
  common(rmat);
  rmat->callback(run("rmat", [](const GenerateFlags& o) {
    return network::Rmat({.scale = o.scale,
                          .edges = o.edges,
                          .a = o.a,
                          .b = o.b,
                          .c = o.c,
                          .directed = !o.undirected,
                          .simple = true},
                         o.seed);
  }));
}

}  // namespace

void RegisterNetworkVerbs(CLI::App& app, CliContext& ctx) {
  auto* graph =
      app.add_subcommand("graph", "Graphs: inspect, convert to the binary cache, generate");
  graph->require_subcommand(1);
  auto flags = std::make_shared<ReadFlags>();
  auto out = std::make_shared<std::string>();

  auto* info = graph->add_subcommand("info", "Counts and degree statistics of a graph file");
  AddReadFlags(info, *flags);
  info->callback(ctx.Bind([flags, &ctx] { return InfoVerb(*flags, ctx.json); }));

  auto* convert = graph->add_subcommand(
      "convert", "Read a graph and write it as a .dwg cache (fast reload) or an edge list");
  AddReadFlags(convert, *flags);
  convert->add_option("--out", *out, "Output: X.dwg for the binary cache, else an edge list")
      ->required();
  convert->callback(ctx.Bind([flags, out, &ctx] { return ConvertVerb(*flags, *out, ctx.json); }));

  RegisterGenerate(graph, ctx);
  RegisterGraphPlacesVerb(*graph, ctx);
}

}  // namespace duckweed::cli
