#include "diffusion/calibrate_exposure.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "duckweed/core/geo.h"
#include "duckweed/core/memory.h"

namespace duckweed::diffusion::internal {

namespace {

using core::Radians;

bool Located(const CandidateTown& t) {
  return std::isfinite(t.latitude) && std::isfinite(t.longitude);
}

}  // namespace

core::Result<Neighbours> BuildNeighbours(const AdoptionData& data, double km) {
  const size_t n = data.towns.size();
  // Cells of `km` north-south and, in each row of cells, at least `km` east-west at the row's
  // poleward edge (so every neighbour is in the 3 x 3 cells around). No wrap at 180 degrees.
  const double cell_lat = km / 111.0;
  auto row_of = [&](double lat) { return static_cast<int64_t>(std::floor((lat + 90) / cell_lat)); };
  auto cell_lon = [&](int64_t row) {
    const double centre = (static_cast<double>(row) + 0.5) * cell_lat - 90;
    const double widest = std::min(89.0, std::fabs(centre) + cell_lat);
    return std::min(360.0, cell_lat / std::cos(Radians(widest)));
  };
  auto col_of = [&](int64_t row, double lon) {
    return static_cast<int64_t>(std::floor((lon + 180) / cell_lon(row)));
  };
  std::unordered_map<int64_t, std::vector<int32_t>> cells;
  auto key = [](int64_t row, int64_t col) { return row * 1000003 + col; };
  for (size_t i = 0; i < n; ++i) {
    if (!Located(data.towns[i])) continue;
    const int64_t row = row_of(data.towns[i].latitude);
    cells[key(row, col_of(row, data.towns[i].longitude))].push_back(static_cast<int32_t>(i));
  }
  // Great-circle test without trigonometry per pair: the chord between unit vectors.
  std::vector<std::array<double, 3>> unit(n);
  for (size_t i = 0; i < n; ++i) {
    if (!Located(data.towns[i])) continue;
    unit[i] = core::UnitVector(data.towns[i].latitude, data.towns[i].longitude);
  }
  const double max_chord = core::KmToChord(km);
  const double max_chord2 = max_chord * max_chord * (1 + 1e-12);
  Neighbours out;
  out.offsets.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    const CandidateTown& a = data.towns[i];
    out.offsets[i + 1] = out.offsets[i];
    if (!Located(a)) continue;
    const int64_t row = row_of(a.latitude);
    for (int64_t r = row - 1; r <= row + 1; ++r) {
      const int64_t col = col_of(r, a.longitude);  // widths differ per row
      for (int64_t c = col - 1; c <= col + 1; ++c) {
        auto it = cells.find(key(r, c));
        if (it == cells.end()) continue;
        for (int32_t j : it->second) {
          if (static_cast<size_t>(j) == i) continue;
          const double dx = unit[i][0] - unit[j][0], dy = unit[i][1] - unit[j][1],
                       dz = unit[i][2] - unit[j][2];
          if (dx * dx + dy * dy + dz * dz <= max_chord2) {
            out.targets.push_back(j);
            ++out.offsets[i + 1];
          }
        }
      }
    }
    // The pairs so far, with the vector's doubling: past the budget, refuse with the figure
    // extrapolated to all towns.
    if (const double held = 2.0 * sizeof(int32_t) * static_cast<double>(out.targets.size());
        !core::FitsMemory(held)) {
      const double estimate = held * static_cast<double>(n) / static_cast<double>(i + 1);
      return core::Status::InvalidInput(fmt::format(
          "the distance channel's pairs of towns within {} km would need {} (extrapolated from "
          "the first {} of {} towns); towns are crowded at one place: check the coordinates, or "
          "use a smaller --distance-km",
          km, core::MemoryNeedText(estimate), i + 1, n));
    }
  }
  return out;
}

int Design::Size() const {
  int k = 1 + (trend ? 1 : 0) + (receptivity ? 1 : 0) + (distance ? 1 : 0);
  for (bool g : groups) k += g ? 1 : 0;
  return k;
}

std::vector<std::string> Design::Names(const std::vector<std::string>& group_columns) const {
  std::vector<std::string> names{"intercept"};
  if (trend) names.push_back("trend");
  if (receptivity) names.push_back("log_population");
  if (distance) names.push_back("distance");
  for (size_t c = 0; c < groups.size(); ++c) {
    if (groups[c]) names.push_back(group_columns[c]);
  }
  return names;
}

ExposureState::ExposureState(const AdoptionData& data, const Neighbours& neighbours, double memory)
    : data_(data), neighbours_(neighbours), memory_(memory) {
  double sum = 0;
  int64_t known = 0;
  std::vector<int32_t> group_count(data.group_columns.size(), 0);
  for (const CandidateTown& t : data.towns) {
    if (std::isfinite(t.log_population)) {
      sum += t.log_population;
      ++known;
    }
    for (size_t c = 0; c < t.groups.size(); ++c) {
      group_count[c] = std::max(group_count[c], t.groups[c] + 1);
    }
  }
  mean_log_population_ = known > 0 ? sum / static_cast<double>(known) : 0;
  distance_.assign(data.towns.size(), 0);
  groups_.resize(data.group_columns.size());
  for (size_t c = 0; c < groups_.size(); ++c) groups_[c].assign(group_count[c], 0);
}

void ExposureState::Decay() {
  ++year_index_;
  if (memory_ == 1) return;
  for (double& d : distance_) d *= memory_;
  for (auto& column : groups_) {
    for (double& g : column) g *= memory_;
  }
}

void ExposureState::Adopt(int32_t i) {
  for (int64_t e = neighbours_.offsets[i]; e < neighbours_.offsets[i + 1]; ++e) {
    distance_[neighbours_.targets[e]] += 1;
  }
  const CandidateTown& t = data_.towns[i];
  for (size_t c = 0; c < groups_.size(); ++c) {
    if (t.groups[c] >= 0) groups_[c][t.groups[c]] += 1;
  }
}

void ExposureState::Covariates(int32_t i, const Design& design, double* x) const {
  const CandidateTown& t = data_.towns[i];
  int k = 0;
  x[k++] = 1;
  if (design.trend) x[k++] = year_index_;
  if (design.receptivity) {
    x[k++] = std::isfinite(t.log_population) ? t.log_population - mean_log_population_ : 0;
  }
  if (design.distance) x[k++] = std::log1p(distance_[i]);
  for (size_t c = 0; c < design.groups.size(); ++c) {
    if (!design.groups[c]) continue;
    x[k++] = t.groups[c] >= 0 ? std::log1p(groups_[c][t.groups[c]]) : 0;
  }
}

}  // namespace duckweed::diffusion::internal
