#include "duckweed/systemic/value_function.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace duckweed::evaluate {

using core::Result;
using core::Status;

Result<ValueFunction> ValueFunction::Linear(double baseline, double target) {
  if (!std::isfinite(baseline) || !std::isfinite(target)) {
    return Status::InvalidInput("baseline and target must be finite numbers");
  }
  if (baseline == target) {
    return Status::InvalidInput(
        fmt::format("baseline and target are equal ({}): no direction of progress", baseline));
  }
  ValueFunction f;
  f.anchors_ = baseline < target
                   ? std::vector<std::pair<double, double>>{{baseline, 0}, {target, 1}}
                   : std::vector<std::pair<double, double>>{{target, 1}, {baseline, 0}};
  return f;
}

Result<ValueFunction> ValueFunction::Piecewise(std::vector<std::pair<double, double>> anchors) {
  if (anchors.size() < 2) return Status::InvalidInput("a piecewise function needs 2 anchors");
  for (size_t k = 0; k < anchors.size(); ++k) {
    const auto [raw, score] = anchors[k];
    if (!std::isfinite(raw) || !std::isfinite(score) || score < 0 || score > 1) {
      return Status::InvalidInput(
          fmt::format("anchor {}: expected a finite value and a score in [0,1], found {}:{}", k + 1,
                      raw, score));
    }
    if (k > 0 && raw <= anchors[k - 1].first) {
      return Status::InvalidInput(
          fmt::format("anchor {}: raw values must increase strictly, found {} after {}", k + 1, raw,
                      anchors[k - 1].first));
    }
  }
  ValueFunction f;
  f.anchors_ = std::move(anchors);
  return f;
}

Result<ValueFunction> ValueFunction::ParsePiecewise(const std::string& text) {
  std::vector<std::pair<double, double>> anchors;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(';', start), text.size());
    const std::string item = text.substr(start, end - start);
    const size_t colon = item.find(':');
    char* rest1 = nullptr;
    char* rest2 = nullptr;
    const std::string raw = colon == std::string::npos ? "" : item.substr(0, colon);
    const std::string score = colon == std::string::npos ? "" : item.substr(colon + 1);
    const double r = std::strtod(raw.c_str(), &rest1);
    const double s = std::strtod(score.c_str(), &rest2);
    if (raw.empty() || score.empty() || *rest1 != '\0' || *rest2 != '\0') {
      return Status::InvalidInput(
          fmt::format("expected anchors 'value:score;value:score', found '{}'", item));
    }
    anchors.push_back({r, s});
    start = end + 1;
  }
  return Piecewise(std::move(anchors));
}

double ValueFunction::Apply(double raw) const {
  if (raw <= anchors_.front().first) return anchors_.front().second;
  if (raw >= anchors_.back().first) return anchors_.back().second;
  auto upper = std::upper_bound(anchors_.begin(), anchors_.end(), raw,
                                [](double v, const auto& a) { return v < a.first; });
  const auto& [x1, y1] = *upper;
  const auto& [x0, y0] = *(upper - 1);
  return y0 + (y1 - y0) * (raw - x0) / (x1 - x0);
}

}  // namespace duckweed::evaluate
