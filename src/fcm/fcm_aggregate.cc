#include "duckweed/fcm/fcm_aggregate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace duckweed::fcm {

using core::DiagnosticSink;
using core::Result;

namespace {

Result<std::vector<double>> Credibilities(size_t count, const FcmAggregateOptions& options) {
  DiagnosticSink sink;
  if (count == 0) sink.Add({}, "aggregate: expected at least one map, found none");
  std::vector<double> c = options.credibility;
  if (c.empty()) c.assign(count, 1.0);
  if (c.size() != count) {
    sink.Add(
        {"", 0, 0, "credibility"},
        fmt::format("expected {} credibility values (one per map), found {}", count, c.size()));
  }
  double total = 0.0;
  for (double v : c) {
    if (!std::isfinite(v) || v < 0.0) {
      sink.Add({"", 0, 0, "credibility"}, fmt::format("expected a finite value >= 0, found {}", v));
    }
    total += v;
  }
  if (sink.empty() && !(total > 0.0)) {
    sink.Add({"", 0, 0, "credibility"}, "expected at least one credibility > 0, found all 0");
  }
  if (!sink.empty()) return sink.ToStatus();
  return c;
}

std::vector<std::string> UnionConcepts(const std::vector<FcmMap>& maps) {
  std::vector<std::string> names;
  for (const FcmMap& m : maps) {
    for (const std::string& name : m.concepts()) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

}  // namespace

Result<FcmMap> AggregateFcmMaps(const std::vector<FcmMap>& maps,
                                const FcmAggregateOptions& options) {
  DUCKWEED_ASSIGN_OR_RETURN(std::vector<double> cred, Credibilities(maps.size(), options));
  std::vector<std::string> names = UnionConcepts(maps);
  const size_t n = names.size();
  DUCKWEED_RETURN_IF_ERROR(CheckFcmSize(n, {"", 0, 0, "union of the maps' concepts"}));
  // index[k][u] = index of union concept u in map k, or -1.
  std::vector<std::vector<long>> index(maps.size(), std::vector<long>(n, -1));
  for (size_t k = 0; k < maps.size(); ++k) {
    for (size_t u = 0; u < n; ++u) {
      if (auto i = maps[k].Index(names[u])) index[k][u] = static_cast<long>(*i);
    }
  }
  std::vector<double> weights(n * n, 0.0);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      double sum = 0.0, norm = 0.0;
      for (size_t k = 0; k < maps.size(); ++k) {
        long i = index[k][a], j = index[k][b];
        bool present = i >= 0 && j >= 0;
        if (!present && options.missing == FcmMissingEdges::kSkip) continue;
        if (present) sum += cred[k] * maps[k].weight(i, j);
        norm += cred[k];
      }
      weights[a * n + b] = norm > 0.0 ? std::clamp(sum / norm, -1.0, 1.0) : 0.0;
    }
  }
  std::vector<std::optional<double>> initial(n);
  for (size_t u = 0; u < n; ++u) {
    double sum = 0.0, norm = 0.0;
    for (size_t k = 0; k < maps.size(); ++k) {
      if (index[k][u] < 0) continue;
      if (auto v = maps[k].initial(index[k][u])) {
        sum += cred[k] * *v;
        norm += cred[k];
      }
    }
    if (norm > 0.0) initial[u] = sum / norm;
  }
  return FcmMap::Create(std::move(names), std::move(weights), std::move(initial), "aggregate");
}

}  // namespace duckweed::fcm
