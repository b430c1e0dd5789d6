#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "duckweed/core/memory.h"
#include "duckweed/core/number.h"
#include "duckweed/fcm/fcm.h"

namespace duckweed::fcm {

using core::DiagnosticSink;
using core::Location;
using core::Result;

core::Status CheckFcmSize(size_t n, const core::Location& where) {
  double bytes = 2.0 * static_cast<double>(n) * static_cast<double>(n) * sizeof(double);
  if (core::FitsMemory(bytes)) return core::Status::Ok();
  return core::Status::InvalidInput(
      fmt::format("a map of {} concepts is a dense {} x {} weight matrix: it would need {}", n, n,
                  n, core::MemoryNeedText(bytes)),
      where);
}

Result<FcmMap> FcmMap::Create(std::vector<std::string> concepts, std::vector<double> weights,
                              std::vector<std::optional<double>> initial,
                              const std::string& source) {
  DiagnosticSink sink;
  const size_t n = concepts.size();
  if (n == 0) sink.Add({source, 0, 0, ""}, "empty map: expected at least one concept, found none");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < n; ++i) {
    // Blank counts as empty: a CSV reader refuses a blank row label, so the map would not
    // read back from its own matrix CSV (found by fcm_fuzz).
    if (concepts[i].find_first_not_of(" \t\r\n\v\f") == std::string::npos)
      sink.Add({source, 0, 0, ""}, fmt::format("concept {} has an empty name", i + 1));
    if (!seen.insert(concepts[i]).second) {
      sink.Add({source, 0, 0, ""}, fmt::format("duplicate concept '{}'", concepts[i]));
    }
  }
  if (weights.size() != n * n) {
    sink.Add({source, 0, 0, ""},
             fmt::format("expected a {}x{} weight matrix, found {} weights", n, n, weights.size()));
  } else {
    for (size_t k = 0; k < weights.size(); ++k) {
      double w = weights[k];
      if (std::isfinite(w) && w >= -1.0 && w <= 1.0) continue;
      sink.Add({source, 0, 0, ""},
               fmt::format("weight {} -> {}: expected a value in [-1, 1], found {}",
                           concepts[k / n], concepts[k % n], w));
    }
  }
  if (initial.empty()) initial.resize(n);
  if (initial.size() != n) {
    sink.Add({source, 0, 0, ""},
             fmt::format("expected {} initial values, found {}", n, initial.size()));
  } else {
    for (size_t i = 0; i < n; ++i) {
      if (initial[i] && !(*initial[i] >= -1.0 && *initial[i] <= 1.0)) {
        sink.Add({source, 0, 0, ""},
                 fmt::format("initial value of '{}': expected a finite value in [-1, 1], found {}",
                             concepts[i], core::FormatNumber(*initial[i])));
      }
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  FcmMap map;
  map.concepts_ = std::move(concepts);
  map.weights_ = std::move(weights);
  map.initial_ = std::move(initial);
  return map;
}

std::optional<size_t> FcmMap::Index(std::string_view name) const {
  auto it = std::find(concepts_.begin(), concepts_.end(), name);
  if (it == concepts_.end()) return std::nullopt;
  return static_cast<size_t>(it - concepts_.begin());
}

size_t FcmMap::edge_count() const {
  return static_cast<size_t>(
      std::count_if(weights_.begin(), weights_.end(), [](double w) { return w != 0.0; }));
}

}  // namespace duckweed::fcm
