// JSON layout of an FCM and file dispatch (see fcm_io.h).
#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "duckweed/core/file.h"
#include "duckweed/core/json.h"
#include "duckweed/core/json_preview.h"
#include "duckweed/fcm/fcm_io.h"

namespace duckweed::fcm {

using core::DiagnosticSink;
using core::Location;
using core::Result;
using nlohmann::json;

namespace {

// Reads a number into `out`, or adds a diagnostic naming the JSON path.
bool Number(const json& value, const std::string& source, const std::string& path,
            DiagnosticSink& sink, double& out) {
  if (!value.is_number()) {
    sink.Add({source, 0, 0, path},
             fmt::format("expected a number, found {}", core::JsonPreview(value)));
    return false;
  }
  out = value.get<double>();
  return true;
}

void ReadConcepts(const json& doc, const std::string& source, DiagnosticSink& sink,
                  std::vector<std::string>& names) {
  if (!doc.contains("concepts")) return;
  const json& list = doc["concepts"];
  if (!list.is_array()) {
    sink.Add({source, 0, 0, "concepts"}, "expected an array of concept names");
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].is_string()) {
      names.push_back(list[i].get<std::string>());
    } else {
      sink.Add({source, 0, 0, fmt::format("concepts[{}]", i)}, "expected a string");
    }
  }
}

void ReadMatrix(const json& m, const std::string& source, size_t n, DiagnosticSink& sink,
                std::vector<double>& weights) {
  if (!m.is_array() || m.size() != n) {
    sink.Add({source, 0, 0, "weight_matrix"}, fmt::format("expected {} rows", n));
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!m[i].is_array() || m[i].size() != n) {
      sink.Add({source, 0, 0, fmt::format("weight_matrix[{}]", i)},
               fmt::format("expected a row of {} numbers", n));
      continue;
    }
    for (size_t j = 0; j < n; ++j) {
      std::string path = fmt::format("weight_matrix[{}][{}]", i, j);
      double w;
      if (!Number(m[i][j], source, path, sink, w)) continue;
      if (w < -1.0 || w > 1.0) {
        sink.Add({source, 0, 0, path}, fmt::format("expected a weight in [-1, 1], found {}", w));
      }
      weights[i * n + j] = w;
    }
  }
}

size_t Resolve(std::vector<std::string>& names, bool fixed, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  if (fixed) return names.size() + 1;
  names.push_back(name);
  return names.size() - 1;
}

void ReadEdges(const json& edges, const std::string& source, std::vector<std::string>& names,
               DiagnosticSink& sink, std::vector<std::tuple<size_t, size_t, double>>& out) {
  const bool fixed = !names.empty();
  if (!edges.is_array()) {
    sink.Add({source, 0, 0, "edges"}, "expected an array of {from, to, weight}");
    return;
  }
  for (size_t k = 0; k < edges.size(); ++k) {
    std::string path = fmt::format("edges[{}]", k);
    const json& e = edges[k];
    if (!e.is_object() || !e.contains("from") || !e.contains("to") || !e.contains("weight") ||
        !e["from"].is_string() || !e["to"].is_string()) {
      sink.Add({source, 0, 0, path}, "expected {\"from\": name, \"to\": name, \"weight\": number}");
      continue;
    }
    size_t ends[2];
    const char* keys[2] = {"from", "to"};
    bool ok = true;
    for (int s = 0; s < 2; ++s) {
      std::string name = e[keys[s]].get<std::string>();
      ends[s] = Resolve(names, fixed, name);
      if (ends[s] >= names.size()) {
        sink.Add({source, 0, 0, path + "." + keys[s]},
                 fmt::format("unknown concept '{}': not in \"concepts\"", name));
        ok = false;
      }
    }
    double w;
    if (!Number(e["weight"], source, path + ".weight", sink, w)) continue;
    if (w < -1.0 || w > 1.0) {
      sink.Add({source, 0, 0, path + ".weight"},
               fmt::format("expected a weight in [-1, 1], found {}", w));
      continue;
    }
    if (!ok) continue;
    for (const auto& [from, to, weight] : out) {
      if (from == ends[0] && to == ends[1]) {
        sink.Add({source, 0, 0, path},
                 fmt::format("duplicate edge {} -> {}", names[from], names[to]));
        ok = false;
      }
    }
    if (ok) out.emplace_back(ends[0], ends[1], w);
  }
}

// An initial activation: within [-1, 1], the widest range of a transfer function.
bool InRange(double v, const std::string& source, const std::string& path, DiagnosticSink& sink) {
  if (v >= -1.0 && v <= 1.0) return true;
  sink.Add({source, 0, 0, path},
           fmt::format("expected an initial activation in [-1, 1], found {}", v));
  return false;
}

void ReadInitial(const json& doc, const std::string& source, const std::vector<std::string>& names,
                 DiagnosticSink& sink, std::vector<std::optional<double>>& initial) {
  if (!doc.contains("initial_state")) return;
  const json& s = doc["initial_state"];
  if (s.is_array() && s.size() == names.size()) {
    for (size_t i = 0; i < s.size(); ++i) {
      double v;
      std::string path = fmt::format("initial_state[{}]", i);
      if (Number(s[i], source, path, sink, v) && InRange(v, source, path, sink)) initial[i] = v;
    }
  } else if (s.is_object()) {
    for (const auto& [key, value] : s.items()) {
      auto it = std::find(names.begin(), names.end(), key);
      if (it == names.end()) {
        sink.Add({source, 0, 0, "initial_state." + key}, fmt::format("unknown concept '{}'", key));
        continue;
      }
      double v;
      std::string path = "initial_state." + key;
      if (Number(value, source, path, sink, v) && InRange(v, source, path, sink)) {
        initial[it - names.begin()] = v;
      }
    }
  } else {
    sink.Add({source, 0, 0, "initial_state"},
             fmt::format("expected an object or an array of {} numbers", names.size()));
  }
}

bool EndsWithJson(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".json";
}

}  // namespace

Result<FcmMap> ParseFcmJson(std::string_view text, std::string source) {
  DUCKWEED_ASSIGN_OR_RETURN(json doc, core::ParseJson(text, source));
  if (!doc.is_object())
    return core::Status::InvalidInput("expected a JSON object", {source, 0, 0, ""});
  DiagnosticSink sink;
  std::vector<std::string> names;
  ReadConcepts(doc, source, sink, names);
  if (!sink.empty()) return sink.ToStatus();
  DUCKWEED_RETURN_IF_ERROR(CheckFcmSize(names.size(), {source, 0, 0, "concepts"}));
  std::vector<double> weights;
  if (doc.contains("weight_matrix")) {
    weights.assign(names.size() * names.size(), 0.0);
    ReadMatrix(doc["weight_matrix"], source, names.size(), sink, weights);
  } else if (doc.contains("edges")) {
    std::vector<std::tuple<size_t, size_t, double>> edges;
    ReadEdges(doc["edges"], source, names, sink, edges);
    weights.assign(names.size() * names.size(), 0.0);
    for (auto [i, j, w] : edges) weights[i * names.size() + j] = w;
  } else {
    sink.Add({source, 0, 0, ""}, "expected \"weight_matrix\" or \"edges\"");
  }
  std::vector<std::optional<double>> initial(names.size());
  ReadInitial(doc, source, names, sink, initial);
  if (!sink.empty()) return sink.ToStatus();
  return FcmMap::Create(std::move(names), std::move(weights), std::move(initial),
                        std::move(source));
}

std::string FcmToJson(const FcmMap& map) {
  json doc;
  doc["concepts"] = map.concepts();
  json matrix = json::array();
  for (size_t i = 0; i < map.size(); ++i) {
    json row = json::array();
    for (size_t j = 0; j < map.size(); ++j) row.push_back(map.weight(i, j));
    matrix.push_back(row);
  }
  doc["weight_matrix"] = matrix;
  json initial = json::object();
  for (size_t i = 0; i < map.size(); ++i) {
    if (auto v = map.initial(i)) initial[map.concept_name(i)] = *v;
  }
  if (!initial.empty()) doc["initial_state"] = initial;
  return doc.dump(1) + "\n";
}

Result<FcmMap> ReadFcmFile(const std::filesystem::path& path,
                           const std::optional<std::filesystem::path>& concepts_path) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(path));
  if (EndsWithJson(path)) return ParseFcmJson(text, path.string());
  if (!concepts_path) return ParseFcmCsv(text, path.string());
  DUCKWEED_ASSIGN_OR_RETURN(std::string concepts_text, core::ReadFile(*concepts_path));
  DUCKWEED_ASSIGN_OR_RETURN(FcmConceptList concepts,
                            ParseFcmConceptsCsv(concepts_text, concepts_path->string()));
  return ParseFcmCsv(text, path.string(), &concepts);
}

core::Status WriteFcmFile(const std::filesystem::path& path, const FcmMap& map) {
  return core::WriteFileAtomic(path, EndsWithJson(path) ? FcmToJson(map) : FcmToMatrixCsv(map));
}

}  // namespace duckweed::fcm
