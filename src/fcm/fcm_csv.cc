// CSV layouts of an FCM: edge list, matrix, concepts file (see fcm_io.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "duckweed/core/csv.h"
#include "duckweed/fcm/fcm_io.h"

namespace duckweed::fcm {

using core::CsvTable;
using core::DiagnosticSink;
using core::Location;
using core::Result;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<size_t> FindColumn(const CsvTable& table, std::initializer_list<const char*> names) {
  for (size_t c = 0; c < table.column_count(); ++c) {
    std::string h = Lower(table.header()[c]);
    for (const char* name : names) {
      if (h == name) return c;
    }
  }
  return std::nullopt;
}

// A weight cell: a number in [-1, 1]; an empty cell is 0 when `allow_empty`.
std::optional<double> Weight(const CsvTable& table, size_t row, size_t col, DiagnosticSink& sink,
                             bool allow_empty) {
  std::optional<double> w = table.Real(row, col, sink, !allow_empty);
  if (!w)
    return table.text(row, col).empty() && allow_empty ? std::optional<double>(0.0) : std::nullopt;
  if (!std::isfinite(*w) || *w < -1.0 || *w > 1.0) {
    sink.Add(table.Where(row, col),
             fmt::format("expected a weight in [-1, 1], found {}", table.text(row, col)));
    return std::nullopt;
  }
  return w;
}

class ConceptIndex {
 public:
  explicit ConceptIndex(const FcmConceptList* fixed) : fixed_(fixed != nullptr) {
    if (fixed) {
      for (const std::string& name : fixed->names) Add(name);
    }
  }
  // Index of `name`; adds it when the list is open. nullopt for an unknown name in a fixed list.
  std::optional<size_t> Resolve(const std::string& name) {
    if (auto it = index_.find(name); it != index_.end()) return it->second;
    if (fixed_) return std::nullopt;
    return Add(name);
  }
  std::vector<std::string> names;

 private:
  size_t Add(const std::string& name) {
    index_.emplace(name, names.size());
    names.push_back(name);
    return names.size() - 1;
  }
  bool fixed_;
  std::map<std::string, size_t> index_;
};

Result<FcmMap> ParseEdges(const CsvTable& table, const FcmConceptList* concepts) {
  DiagnosticSink sink;
  auto from_col = FindColumn(table, {"from", "source", "cause"});
  auto to_col = FindColumn(table, {"to", "target", "effect"});
  auto weight_col = table.RequireColumn("weight", sink);
  if (!from_col || !to_col) {
    sink.Add({table.source(), 1, 0, ""},
             "expected edge-list columns from,to,weight (or source,target,weight)");
  }
  if (!sink.empty()) return sink.ToStatus();
  ConceptIndex index(concepts);
  struct Edge {
    size_t from, to;
    double weight;
  };
  std::vector<Edge> edges;
  std::map<std::pair<size_t, size_t>, int> first_line;
  for (size_t r = 0; r < table.row_count(); ++r) {
    std::optional<size_t> ends[2];
    size_t cols[2] = {*from_col, *to_col};
    for (int e = 0; e < 2; ++e) {
      auto name = table.String(r, cols[e], sink);
      if (!name) continue;
      ends[e] = index.Resolve(*name);
      if (!ends[e]) {
        sink.Add(
            table.Where(r, cols[e]),
            fmt::format("unknown concept '{}': expected one of the concepts file's {} concepts",
                        *name, concepts->names.size()));
      }
    }
    auto w = Weight(table, r, *weight_col, sink, false);
    if (!ends[0] || !ends[1] || !w) continue;
    auto [it, inserted] = first_line.emplace(std::pair(*ends[0], *ends[1]), table.row_line(r));
    if (!inserted) {
      sink.Add(table.Where(r, *from_col),
               fmt::format("duplicate edge {} -> {} (first given on line {})",
                           table.text(r, *from_col), table.text(r, *to_col), it->second));
      continue;
    }
    edges.push_back({*ends[0], *ends[1], *w});
  }
  if (!sink.empty()) return sink.ToStatus();
  const size_t n = index.names.size();
  DUCKWEED_RETURN_IF_ERROR(CheckFcmSize(n, {table.source(), 0, 0, ""}));
  std::vector<double> weights(n * n, 0.0);
  for (const Edge& e : edges) weights[e.from * n + e.to] = e.weight;
  std::vector<std::optional<double>> initial;
  if (concepts) initial = concepts->initial;
  return FcmMap::Create(std::move(index.names), std::move(weights), std::move(initial),
                        table.source());
}

Result<FcmMap> ParseMatrix(const CsvTable& table, const FcmConceptList* concepts) {
  DiagnosticSink sink;
  const size_t n = table.column_count() - 1;
  std::vector<std::string> names(table.header().begin() + 1, table.header().end());
  std::map<std::string, size_t> index;
  for (size_t j = 0; j < n; ++j) {
    if (!index.emplace(names[j], j).second) {
      sink.Add({table.source(), 1, 0, names[j]}, fmt::format("duplicate concept '{}'", names[j]));
    }
  }
  DUCKWEED_RETURN_IF_ERROR(CheckFcmSize(n, {table.source(), 1, 0, ""}));
  std::vector<double> weights(n * n, 0.0);
  std::vector<int> row_line(n, 0);
  for (size_t r = 0; r < table.row_count(); ++r) {
    auto name = table.String(r, 0, sink);
    if (!name) continue;
    auto it = index.find(*name);
    if (it == index.end()) {
      sink.Add(table.Where(r, 0),
               fmt::format("unknown concept '{}': expected a concept named in the header", *name));
      continue;
    }
    size_t i = it->second;
    if (row_line[i] != 0) {
      sink.Add(table.Where(r, 0),
               fmt::format("duplicate concept '{}' (first row on line {})", *name, row_line[i]));
      continue;
    }
    row_line[i] = table.row_line(r);
    for (size_t j = 0; j < n; ++j) {
      if (auto w = Weight(table, r, j + 1, sink, true)) weights[i * n + j] = *w;
    }
  }
  // A missing row is not a row of zeros: the header promised it.
  const int end_line = table.row_count() ? table.row_line(table.row_count() - 1) + 1 : 2;
  for (size_t i = 0; i < n; ++i) {
    // A blank name cannot label a row; Create refuses the name itself.
    if (row_line[i] != 0 || names[i].find_first_not_of(" \t\r\n\v\f") == std::string::npos) {
      continue;
    }
    sink.Add({table.source(), end_line, 0, names[i]},
             fmt::format("concept '{}' has no row: expected one row per concept of the header "
                         "({} concepts, {} rows)",
                         names[i], n, table.row_count()));
  }
  std::vector<std::optional<double>> initial(n);
  if (concepts) {
    for (size_t k = 0; k < concepts->names.size(); ++k) {
      auto it = index.find(concepts->names[k]);
      if (it == index.end()) {
        sink.Add(
            {table.source(), 0, 0, ""},
            fmt::format("concepts file names '{}', which the matrix lacks", concepts->names[k]));
      } else {
        initial[it->second] = concepts->initial[k];
      }
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return FcmMap::Create(std::move(names), std::move(weights), std::move(initial), table.source());
}

}  // namespace

Result<FcmConceptList> ParseFcmConceptsCsv(std::string_view text, std::string source) {
  DUCKWEED_ASSIGN_OR_RETURN(CsvTable table, core::ParseCsv(text, std::move(source)));
  DiagnosticSink sink;
  auto name_col = table.RequireColumn("concept", sink);
  if (!name_col) return sink.ToStatus();
  auto initial_col = table.ColumnIndex("initial");
  FcmConceptList list;
  std::map<std::string, int> first_line;
  for (size_t r = 0; r < table.row_count(); ++r) {
    auto name = table.String(r, *name_col, sink);
    std::optional<double> initial;
    if (initial_col) initial = table.Real(r, *initial_col, sink, false);
    if (initial && !(*initial >= -1.0 && *initial <= 1.0)) {
      sink.Add(table.Where(r, *initial_col),
               fmt::format("expected an initial activation in [-1, 1], found {}",
                           table.text(r, *initial_col)));
      initial.reset();
    }
    if (!name) continue;
    auto [it, inserted] = first_line.emplace(*name, table.row_line(r));
    if (!inserted) {
      sink.Add(table.Where(r, *name_col),
               fmt::format("duplicate concept '{}' (first given on line {})", *name, it->second));
      continue;
    }
    list.names.push_back(*name);
    list.initial.push_back(initial);
  }
  if (list.names.empty() && sink.empty()) {
    sink.Add({table.source(), 0, 0, ""},
             "empty concepts file: expected at least one concept, found none");
  }
  if (!sink.empty()) return sink.ToStatus();
  return list;
}

Result<FcmMap> ParseFcmCsv(std::string_view text, std::string source,
                           const FcmConceptList* concepts) {
  DUCKWEED_ASSIGN_OR_RETURN(CsvTable table, core::ParseCsv(text, std::move(source)));
  if (table.ColumnIndex("weight") || FindColumn(table, {"from", "source"})) {
    return ParseEdges(table, concepts);
  }
  if (table.column_count() < 2) {
    return core::Status::InvalidInput(
        "expected an edge list (from,to,weight) or a matrix header (label,C1,...,Cn)",
        {table.source(), 1, 0, ""});
  }
  return ParseMatrix(table, concepts);
}

std::string FcmToEdgeCsv(const FcmMap& map) {
  std::string out = "from,to,weight\n";
  for (size_t i = 0; i < map.size(); ++i) {
    for (size_t j = 0; j < map.size(); ++j) {
      if (map.weight(i, j) == 0.0) continue;
      out += fmt::format("{},{},{}\n", core::CsvEscape(map.concept_name(i)),
                         core::CsvEscape(map.concept_name(j)), map.weight(i, j));
    }
  }
  return out;
}

std::string FcmToMatrixCsv(const FcmMap& map) {
  // The label column's header must not repeat a concept's name (a concept named "concept" made
  // a duplicate column, and the map did not read back; found by fcm_fuzz).
  std::string label = "concept";
  while (map.Index(label)) label += "_";
  std::string out = core::CsvEscape(label);
  for (const std::string& name : map.concepts()) out += "," + core::CsvEscape(name);
  out += '\n';
  for (size_t i = 0; i < map.size(); ++i) {
    out += core::CsvEscape(map.concept_name(i));
    for (size_t j = 0; j < map.size(); ++j) out += fmt::format(",{}", map.weight(i, j));
    out += '\n';
  }
  return out;
}

}  // namespace duckweed::fcm
