// Calendar runs as JSON records and terminal tables (run_record.h, calendar_json.h).
#include <fmt/format.h>

#include "diffusion/calendar_json.h"
#include "duckweed/diffusion/run_record.h"

namespace duckweed::diffusion {
namespace internal {

using nlohmann::ordered_json;

namespace {
ordered_json Year(const std::optional<int>& year) {
  return year ? ordered_json(*year) : ordered_json(nullptr);
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}
}  // namespace

ordered_json CalibratedModelJson(const CalibratedModel& model) {
  ordered_json parameters = ordered_json::array();
  for (const Parameter& p : model.parameters) {
    parameters.push_back(
        {{"name", p.name}, {"estimate", p.estimate}, {"stderr", p.standard_error}});
  }
  return {{"name", model.name},
          {"source", model.source},
          {"fit_years", {model.first_year, model.fit_until}},
          {"memory", model.memory},
          {"year_shock_sd", model.year_shock_sd},
          {"parameters", parameters}};
}

ordered_json CalendarJson(const CalendarResult& result, const std::string& what) {
  ordered_json years = ordered_json::array();
  for (const YearSummary& y : result.years) {
    years.push_back({{"year", y.year}, {"mean", y.mean}, {"lo", y.lo}, {"hi", y.hi}});
  }
  ordered_json reach = ordered_json::array();
  for (const YearReach& r : result.reach) {
    reach.push_back({{"fraction", r.fraction},
                     {"target", r.target},
                     {"replicas_reached", r.replicas_reached},
                     {"year", Year(r.median)},
                     {"lo", Year(r.lo)},
                     {"hi", Year(r.hi)}});
  }
  ordered_json sentences = ordered_json::array();
  const std::string text = DescribeReach(result, what);
  size_t begin = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', begin)) {
    sentences.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return {{"layers", result.layers},
          {"unmatched", result.unmatched},
          {"years", years},
          {"reach", reach},
          {"sentences", sentences}};
}

std::string YearsTable(const CalendarResult& result) {
  std::string out = fmt::format("{:>6} {:>10} {:>8} {:>8}\n", "year", "mean", "5%", "95%");
  for (const YearSummary& y : result.years) {
    out += fmt::format("{:>6} {:>10.1f} {:>8} {:>8}\n", y.year, y.mean, y.lo, y.hi);
  }
  return out;
}

std::string LayersLine(const CalendarResult& result) {
  std::string out = Join(result.layers);
  if (!result.unmatched.empty()) {
    out += fmt::format(" (no layer, so no exposure, for {})", Join(result.unmatched));
  }
  return out;
}

}  // namespace internal

std::string CalendarRecordJson(const RunInputs& inputs, const CalibratedModel& model,
                               const CalendarResult& result, const RunTimings& timings) {
  internal::ordered_json j;
  j["command"] = "duckweed diffuse run";
  j["version"] = "0.1.0";
  j["inputs"] = {{"graph", inputs.graph_path},
                 {"nodes", inputs.nodes},
                 {"arcs", inputs.arcs},
                 {"seeds_source", inputs.seeds_source}};
  j["calibrated_model"] = internal::CalibratedModelJson(model);
  j["replicas"] = result.replicas;
  j["seed"] = result.seed;
  j["threads"] = result.threads_used;
  j["seeds"] = result.seeds;
  j.update(internal::CalendarJson(result, "places"));
  j["timings"] = {{"read_seconds", timings.read_seconds},
                  {"simulate_seconds", timings.simulate_seconds},
                  {"total_seconds", timings.total_seconds}};
  return j.dump(1) + "\n";
}

std::string CalendarTable(const RunInputs& inputs, const CalibratedModel& model,
                          const CalendarResult& result, const RunTimings& timings) {
  std::string out;
  out += fmt::format("graph        {} ({} nodes, {} arcs)\n", inputs.graph_path, inputs.nodes,
                     inputs.arcs);
  out += fmt::format("model        {} of {} (fit {}-{}), memory {}, year shocks sd {:.3f}\n",
                     model.name, model.source, model.first_year, model.fit_until, model.memory,
                     model.year_shock_sd);
  out += fmt::format("layers       {}\n", internal::LayersLine(result));
  out += fmt::format("seeds        {} ({} places)\n", inputs.seeds_source, result.seeds.size());
  out += fmt::format("replicas     {} (seed {}, {} threads, {:.2f} s)\n", result.replicas,
                     result.seed, result.threads_used, timings.simulate_seconds);
  out += internal::YearsTable(result);
  out += DescribeReach(result, "places");
  return out;
}

}  // namespace duckweed::diffusion
