#include "duckweed/diffusion/compare.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "diffusion/calendar_json.h"
#include "duckweed/core/csv.h"
#include "run_parameters.h"

namespace duckweed::diffusion {
namespace {

using nlohmann::ordered_json;

ordered_json Number(double x) { return std::isfinite(x) ? ordered_json(x) : ordered_json(nullptr); }

// Every channel file covers the places 0..rows-1 of the nodes table.
core::Result<uint32_t> PlaceCount(const std::string& nodes_path) {
  DUCKWEED_ASSIGN_OR_RETURN(const core::CsvTable table, core::ReadCsvFile(nodes_path));
  return static_cast<uint32_t>(table.row_count());
}

}  // namespace

core::Result<std::vector<ChannelOutcome>> ExecuteComparison(const CompareRequest& request) {
  RunRequest r = request.run;
  r.nodes_path = request.places_prefix + ".nodes.csv";
  r.undirected = true;
  r.dense_ids = true;
  DUCKWEED_ASSIGN_OR_RETURN(const uint32_t places, PlaceCount(r.nodes_path));
  std::vector<ChannelOutcome> outcomes;
  for (const std::string& channel : request.channels) {
    r.graph_path = fmt::format("{}.{}.edges", request.places_prefix, channel);
    DUCKWEED_ASSIGN_OR_RETURN(network::EdgeList list, ReadRunGraph(r, places));
    DUCKWEED_ASSIGN_OR_RETURN(NodeTable nodes, ReadNodeTable(r.nodes_path, list));
    DUCKWEED_ASSIGN_OR_RETURN(RunOutcome run, ExecuteRunOn(list, std::move(nodes), r));
    outcomes.push_back({channel, std::move(run)});
  }
  return outcomes;
}

std::string ComparisonJson(const CompareRequest& request,
                           const std::vector<ChannelOutcome>& outcomes) {
  ordered_json j;
  j["command"] = "duckweed diffuse compare";
  j["version"] = "0.1.0";
  j["places"] = request.places_prefix;
  j["model"] = DescribeModel(request.run.spec);
  j["replicas"] = request.run.options.replicas;
  j["seed"] = request.run.options.seed;
  j["max_steps"] = request.run.spec.max_steps;
  j["parameters"] = internal::RunParametersJson(request.run.spec, request.run.options);
  if (request.run.calibrated) {
    j["calibrated_model"] = internal::CalibratedModelJson(*request.run.calibrated);
  }
  ordered_json channels = ordered_json::array();
  for (const ChannelOutcome& c : outcomes) {
    if (c.run.calendar) {
      ordered_json channel = {{"channel", c.channel},
                              {"graph", c.run.inputs.graph_path},
                              {"nodes", c.run.inputs.nodes},
                              {"arcs", c.run.inputs.arcs},
                              {"seeds", c.run.calendar->seeds}};
      channel.update(internal::CalendarJson(*c.run.calendar, "places"));
      channel["threads"] = c.run.calendar->threads_used;
      channel["simulate_seconds"] = c.run.timings.simulate_seconds;
      channels.push_back(std::move(channel));
      continue;
    }
    const MonteCarloResult& m = c.run.result;
    ordered_json reach = ordered_json::array();
    for (const ReachSummary& r : m.reach) {
      reach.push_back({{"fraction", r.fraction},
                       {"replicas_reached", r.replicas_reached},
                       {"mean_step", Number(r.mean_step)},
                       {"median_step", Number(r.median_step)}});
    }
    ordered_json curve = ordered_json::array();
    for (const StepSummary& s : m.curve) curve.push_back(s.mean_adopted);
    ordered_json seeds = ordered_json::array();
    for (network::NodeId s : m.seeds) seeds.push_back(s);
    channels.push_back(
        {{"channel", c.channel},
         {"graph", c.run.inputs.graph_path},
         {"nodes", c.run.inputs.nodes},
         {"arcs", c.run.inputs.arcs},
         {"seeds", seeds},
         {"final_size", {{"mean", m.final_size.mean}, {"stderr", m.final_size.stderr_mean}}},
         {"reach", reach},
         {"mean_curve", curve},
         {"threads", m.threads_used},
         {"processes", m.processes},
         {"simulate_seconds", c.run.timings.simulate_seconds},
         {"total_seconds", c.run.timings.total_seconds}});
  }
  j["channels"] = channels;
  return j.dump(1) + "\n";
}

namespace {

// Calendar runs: the places reached by the last year and the year of each reach level.
std::string CalendarComparisonTable(const std::vector<ChannelOutcome>& outcomes) {
  const CalendarResult& first = *outcomes.front().run.calendar;
  std::string out = fmt::format("{:<14} {:>9} {:>20}", "network", "arcs",
                                fmt::format("places by {}", first.years.back().year));
  for (const YearReach& r : first.reach) {
    out += fmt::format(" {:>17}", fmt::format("{:.0f}% by (90%)", 100 * r.fraction));
  }
  out += "\n";
  for (const ChannelOutcome& c : outcomes) {
    const CalendarResult& m = *c.run.calendar;
    const YearSummary& last = m.years.back();
    out += fmt::format("{:<14} {:>9} {:>20}", c.channel, c.run.inputs.arcs,
                       fmt::format("{:.0f} ({}-{})", last.mean, last.lo, last.hi));
    for (const YearReach& r : m.reach) {
      std::string cell = "later";
      if (r.median) {
        cell = fmt::format("{} ({}-{})", *r.median, *r.lo,
                           r.hi ? fmt::format("{}", *r.hi) : std::string("later"));
      }
      out += fmt::format(" {:>17}", cell);
    }
    out += "\n";
  }
  for (const ChannelOutcome& c : outcomes) {
    const std::string text = DescribeReach(*c.run.calendar, "places");
    size_t begin = 0;
    for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', begin)) {
      out += c.channel + ": " + text.substr(begin, end + 1 - begin);
      begin = end + 1;
    }
  }
  return out;
}

}  // namespace

std::string ComparisonTable(const std::vector<ChannelOutcome>& outcomes) {
  if (outcomes.empty()) return "";
  if (outcomes.front().run.calendar) return CalendarComparisonTable(outcomes);
  std::string out = fmt::format("{:<14} {:>9} {:>16}", "network", "arcs", "final size");
  for (const ReachSummary& r : outcomes.front().run.result.reach) {
    out += fmt::format(" {:>13}", fmt::format("step to {:.0f}%", 100 * r.fraction));
  }
  out += "\n";
  for (const ChannelOutcome& c : outcomes) {
    const MonteCarloResult& m = c.run.result;
    out += fmt::format("{:<14} {:>9} {:>16}", c.channel, c.run.inputs.arcs,
                       fmt::format("{:.1f} ± {:.1f}", m.final_size.mean, m.final_size.stderr_mean));
    for (const ReachSummary& r : m.reach) {
      const std::string cell =
          r.replicas_reached == 0 ? std::string("never")
          : r.replicas_reached < m.replicas
              ? fmt::format("{:.1f} ({}%)", r.mean_step, 100 * r.replicas_reached / m.replicas)
              : fmt::format("{:.1f}", r.mean_step);
      out += fmt::format(" {:>13}", cell);
    }
    out += "\n";
  }
  return out;
}

}  // namespace duckweed::diffusion
