#include "duckweed/transfer/context_profile.h"

#include <cmath>
#include <map>
#include <optional>

namespace duckweed::evaluate {
namespace {

using Series = std::map<int, double>;  // year -> value

std::optional<std::pair<int, double>> Latest(const Series& s) {
  if (s.empty()) return std::nullopt;
  return *s.rbegin();
}

// The value of the latest year not after `year`, else the earliest one.
std::optional<double> AtOrBefore(const Series& s, int year) {
  if (s.empty()) return std::nullopt;
  auto it = s.upper_bound(year);
  if (it == s.begin()) return it->second;
  return std::prev(it)->second;
}

std::optional<double> Ratio(std::optional<double> a, std::optional<double> b, double scale) {
  if (!a || !b || *b == 0) return std::nullopt;
  return *a / *b * scale;
}

}  // namespace

const std::vector<std::string>& ContextFigureNames() {
  static const std::vector<std::string> kNames = {
      "population change (%/yr)", "unemployment rate (%)", "births per 1,000",
      "deaths per 1,000",         "persons per household", "density (inh./km2)"};
  return kNames;
}

Profile ContextProfile(const std::string& town, const std::vector<Observation>& observations) {
  std::map<std::string, Series> by;
  for (const auto& o : observations) by[o.indicator][o.year] = o.value;
  const Series& population = by["population"];
  Profile p{town, std::vector<std::optional<double>>(ContextFigureNames().size()),
            std::vector<int>(ContextFigureNames().size(), 0)};
  auto set = [&](size_t i, std::optional<double> v, int year) {
    if (v && std::isfinite(*v)) {
      p.scores[i] = *v;
      p.years[i] = year;
    }
  };
  if (population.size() >= 2) {
    const auto& [y0, p0] = *population.begin();
    const auto& [y1, p1] = *population.rbegin();
    if (p0 > 0 && p1 > 0) set(0, (std::pow(p1 / p0, 1.0 / (y1 - y0)) - 1) * 100, y1);
  }
  if (auto u = Latest(by["unemployment_rate"])) set(1, u->second, u->first);
  if (auto b = Latest(by["births"]))
    set(2, Ratio(b->second, AtOrBefore(population, b->first), 1000), b->first);
  if (auto d = Latest(by["deaths"]))
    set(3, Ratio(d->second, AtOrBefore(population, d->first), 1000), d->first);
  if (auto h = Latest(by["households"]))
    set(4, Ratio(AtOrBefore(population, h->first), h->second, 1), h->first);
  auto pop = Latest(population);
  if (auto a = Latest(by["area_km2"]); a && pop)
    set(5, Ratio(pop->second, a->second, 1), pop->first);
  return p;
}

bool HasContext(const Profile& profile) {
  for (const auto& s : profile.scores) {
    if (s) return true;
  }
  return false;
}

}  // namespace duckweed::evaluate
