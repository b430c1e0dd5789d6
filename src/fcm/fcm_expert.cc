#include "duckweed/fcm/fcm_expert.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "duckweed/core/json.h"

namespace duckweed::fcm {

using core::DiagnosticSink;
using core::Result;
using core::Status;
using nlohmann::json;

namespace {

constexpr int kUniversePoints = 2001;  // [-1, 1] every 0.001, as FCMpy's np.arange(-1, 1.001, .001)

double UniversePoint(int k) { return -1.0 + k * 0.001; }

const FcmTriangle* FindTerm(std::string_view name) {
  for (const FcmLinguisticTerm& t : FcmDefaultTerms()) {
    if (t.name == name) return &t.shape;
  }
  return nullptr;
}

bool Chosen(const json& v) {
  if (v.is_number()) return v.get<double>() != 0.0;
  if (v.is_string()) return !v.get<std::string>().empty() && v.get<std::string>() != "0";
  return v.is_boolean() && v.get<bool>();
}

}  // namespace

const std::vector<FcmLinguisticTerm>& FcmDefaultTerms() {
  static const std::vector<FcmLinguisticTerm> terms = {
      {"-VH", {-1, -1, -0.75}}, {"-H", {-1, -0.75, -0.5}}, {"-M", {-0.75, -0.5, -0.25}},
      {"-L", {-0.5, -0.25, 0}}, {"-VL", {-0.25, 0, 0}},    {"NA", {-0.001, 0, 0.001}},
      {"+VL", {0, 0, 0.25}},    {"+L", {0, 0.25, 0.5}},    {"+M", {0.25, 0.5, 0.75}},
      {"+H", {0.5, 0.75, 1}},   {"+VH", {0.75, 1, 1}}};
  return terms;
}

double TriangularMembership(const FcmTriangle& t, double x) {
  if (x == t.b) return 1.0;
  if (t.a != t.b && t.a < x && x < t.b) return (x - t.a) / (t.b - t.a);
  if (t.b != t.c && t.b < x && x < t.c) return (t.c - x) / (t.c - t.b);
  return 0.0;
}

Result<double> DefuzzifyFcmLink(const std::vector<std::pair<std::string, double>>& shares,
                                FcmImplication implication) {
  DiagnosticSink sink;
  std::vector<std::pair<const FcmTriangle*, double>> sets;
  for (const auto& [name, share] : shares) {
    const FcmTriangle* t = FindTerm(name);
    if (!t) sink.Add({"", 0, 0, name}, "unknown linguistic term");
    if (!(share >= 0.0 && share <= 1.0)) {
      sink.Add({"", 0, 0, name}, fmt::format("expected a share in [0, 1], found {}", share));
    }
    if (t) sets.emplace_back(t, share);
  }
  if (!sink.empty()) return sink.ToStatus();
  double num = 0.0, den = 0.0;
  for (int k = 0; k < kUniversePoints; ++k) {
    double x = UniversePoint(k), mu = 0.0;
    for (const auto& [t, s] : sets) {
      double m = TriangularMembership(*t, x);
      mu = std::max(mu, implication == FcmImplication::kLarsen ? m * s : std::min(m, s));
    }
    num += x * mu;
    den += mu;
  }
  return den > 0.0 ? num / den : 0.0;
}

Result<FcmMap> BuildFcmFromSurveyJson(std::string_view text, std::string source,
                                      FcmImplication implication) {
  DUCKWEED_ASSIGN_OR_RETURN(json doc, core::ParseJson(text, source));
  if (!doc.is_object() || doc.empty()) {
    return Status::InvalidInput("expected an object of experts, each a list of rated links",
                                {source, 0, 0, ""});
  }
  DiagnosticSink sink;
  std::vector<std::string> names;
  auto index = [&names](const std::string& name) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
  };
  // counts[(from, to)][term] = experts choosing term.
  std::map<std::pair<size_t, size_t>, std::map<std::string, int>> counts;
  const double experts = static_cast<double>(doc.size());
  for (const auto& [expert, links] : doc.items()) {
    if (!links.is_array()) {
      sink.Add({source, 0, 0, expert}, "expected an array of rated links");
      continue;
    }
    std::set<std::pair<size_t, size_t>> rated;
    for (size_t k = 0; k < links.size(); ++k) {
      const json& link = links[k];
      std::string path = fmt::format("{}[{}]", expert, k);
      if (!link.is_object() || !link.contains("from") || !link.contains("to") ||
          !link["from"].is_string() || !link["to"].is_string()) {
        sink.Add({source, 0, 0, path}, "expected an object with string fields from and to");
        continue;
      }
      auto key =
          std::pair(index(link["from"].get<std::string>()), index(link["to"].get<std::string>()));
      if (!rated.insert(key).second) {
        sink.Add({source, 0, 0, path}, "this expert rated the same link twice");
        continue;
      }
      auto& link_counts = counts[key];
      for (const FcmLinguisticTerm& term : FcmDefaultTerms()) {
        if (link.contains(term.name) && Chosen(link[term.name])) ++link_counts[term.name];
      }
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  const size_t n = names.size();
  DUCKWEED_RETURN_IF_ERROR(CheckFcmSize(n, {source, 0, 0, "concepts"}));
  std::vector<double> weights(n * n, 0.0);
  for (const auto& [key, terms] : counts) {
    std::vector<std::pair<std::string, double>> shares;
    for (const auto& [term, count] : terms) shares.emplace_back(term, count / experts);
    DUCKWEED_ASSIGN_OR_RETURN(double w, DefuzzifyFcmLink(shares, implication));
    weights[key.first * n + key.second] = w;
  }
  return FcmMap::Create(std::move(names), std::move(weights), {}, std::move(source));
}

}  // namespace duckweed::fcm
