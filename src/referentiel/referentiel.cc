#include "duckweed/referentiel/referentiel.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "duckweed/core/json.h"

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;
using core::Status;
using nlohmann::json;

namespace {

// The platform's référentiels are 4 or 5 levels deep; far deeper input is refused before any
// recursive pass over the tree.
constexpr int kMaxDepth = 32;

std::optional<double> NumberField(const json& node, const char* key) {
  if (!node.contains(key) || node[key].is_null()) return std::nullopt;
  if (node[key].is_number()) return node[key].get<double>();
  return std::nullopt;
}

// Points are >= 0 and a percentage of the parent's points is in [0, 100]; otherwise the message
// (a negative potential, "1 star" from -60 points, was accepted before). Empty when valid.
std::string PointsProblem(const std::optional<double>& points,
                          const std::optional<double>& pourcentage) {
  if (points && !(*points >= 0)) return fmt::format("expected points >= 0, found {}", *points);
  if (pourcentage && !(*pourcentage >= 0 && *pourcentage <= 100)) {
    return fmt::format("expected a pourcentage in [0, 100], found {}", *pourcentage);
  }
  return {};
}

std::string TextField(const json& node, const char* key) {
  if (!node.contains(key) || !node[key].is_string()) return "";
  return node[key].get<std::string>();
}

}  // namespace

const ReferentielNode* Referentiel::Find(const std::string& id) const {
  const int i = IndexOf(id);
  return i < 0 ? nullptr : &nodes_[i];
}

int Referentiel::IndexOf(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

double Referentiel::TotalPoints() const {
  double total = 0;
  for (int a : axes_) total += nodes_[a].resolved_points;
  return total;
}

Status Referentiel::Resolve(const std::string& source) {
  // Bottom-up: the points a subtree adds up to, when every leaf below has points.
  std::vector<std::optional<double>> subtree(nodes_.size());
  std::function<std::optional<double>(int)> sum_up = [&](int i) -> std::optional<double> {
    const ReferentielNode& n = nodes_[i];
    std::optional<double> total = n.children.empty() ? std::nullopt : std::optional(0.0);
    for (int c : n.children) {
      const auto child = sum_up(c);
      if (total && child)
        *total += *child;
      else
        total.reset();
    }
    subtree[i] = n.points ? n.points : total;
    return subtree[i];
  };
  // Top-down: children without points nor percentage take their subtree's sum, else share.
  std::function<void(int, double)> assign = [&](int i, double points) {
    ReferentielNode& n = nodes_[i];
    n.resolved_points = points;
    double taken = 0;
    int sharing = 0;
    auto own = [&](const ReferentielNode& child, int c) -> std::optional<double> {
      if (child.points) return child.points;
      if (child.pourcentage) return points * *child.pourcentage / 100;
      return subtree[c];
    };
    for (int c : n.children) {
      if (auto p = own(nodes_[c], c))
        taken += *p;
      else
        ++sharing;
    }
    const double share = sharing > 0 ? std::max(0.0, points - taken) / sharing : 0;
    for (int c : n.children) assign(c, own(nodes_[c], c).value_or(share));
  };
  DiagnosticSink sink;
  std::function<void(int)> report_leaves = [&](int i) {
    if (nodes_[i].points) return;
    if (nodes_[i].children.empty()) {
      sink.Add({source, 0, 0, nodes_[i].id},
               "missing points: neither points, a percentage, nor a parent with points to share");
    }
    for (int c : nodes_[i].children) report_leaves(c);
  };
  for (int a : axes_) {
    const auto points = sum_up(a);
    if (points)
      assign(a, *points);
    else
      report_leaves(a);
  }
  return sink.ToStatus();
}

Result<Referentiel> Referentiel::FromTreeJson(const std::string& text, const std::string& source) {
  DUCKWEED_ASSIGN_OR_RETURN(json doc, core::ParseJson(text, source));
  if (!doc.is_object() || !doc.contains("children")) {
    return Status::InvalidInput("expected a référentiel tree object with \"children\"", {source});
  }
  Referentiel r;
  r.id_ = TextField(doc, "referentiel");
  if (doc.contains("hierarchie") && doc["hierarchie"].is_array()) {
    for (size_t k = 0; k < doc["hierarchie"].size(); ++k) {
      if (doc["hierarchie"][k] == "action") r.action_depth_ = static_cast<int>(k);
    }
  }
  DiagnosticSink sink;
  std::function<int(const json&, const std::string&, int)> add =
      [&](const json& node, const std::string& parent, int depth) -> int {
    if (depth > kMaxDepth) {
      sink.Add({source, 0, 0, parent},
               fmt::format("référentiel deeper than {} levels below the root", kMaxDepth));
      return -1;
    }
    if (!node.is_object()) {
      sink.Add({source, 0, 0, parent}, "expected a node object among the children");
      return -1;
    }
    ReferentielNode n;
    n.id = TextField(node, "action_id");
    if (n.id.empty()) {
      sink.Add({source, 0, 0, parent}, "a child node without action_id");
      return -1;
    }
    if (r.index_.count(n.id)) {
      sink.Add({source, 0, 0, n.id}, "duplicate action_id");
      return -1;
    }
    n.parent_id = parent;
    n.name = TextField(node, "nom");
    n.type = TextField(node, "action_type");
    n.depth = depth;
    n.points = NumberField(node, "points");
    n.pourcentage = NumberField(node, "pourcentage");
    if (auto problem = PointsProblem(n.points, std::nullopt); !problem.empty()) {
      sink.Add({source, 0, 0, n.id + ".points"}, problem);
    }
    if (auto problem = PointsProblem(std::nullopt, n.pourcentage); !problem.empty()) {
      sink.Add({source, 0, 0, n.id + ".pourcentage"}, problem);
    }
    n.expr_desactivation = TextField(node, "expr_desactivation");
    n.expr_reduction = TextField(node, "expr_reduction");
    n.expr_score = TextField(node, "expr_score");
    const int index = static_cast<int>(r.nodes_.size());
    r.index_[n.id] = index;
    r.nodes_.push_back(std::move(n));
    if (node.contains("children") && node["children"].is_array()) {
      for (const auto& child : node["children"]) {
        const int c = add(child, r.nodes_[index].id, depth + 1);
        if (c >= 0) r.nodes_[index].children.push_back(c);
      }
    }
    return index;
  };
  for (const auto& axis : doc["children"]) {
    const int a = add(axis, r.id_, 1);
    if (a >= 0) r.axes_.push_back(a);
  }
  if (!sink.empty()) return sink.ToStatus();
  DUCKWEED_RETURN_IF_ERROR(r.Resolve(source));
  return r;
}

Result<Referentiel> Referentiel::FromActionsCsv(const core::CsvTable& t) {
  DiagnosticSink sink;
  auto c_id = t.RequireColumn("action_id", sink);
  auto c_parent = t.RequireColumn("parent_id", sink);
  auto c_points = t.RequireColumn("points", sink);
  const auto c_pct = t.ColumnIndex("pourcentage"), c_name = t.ColumnIndex("nom"),
             c_type = t.ColumnIndex("action_type"), c_ref = t.ColumnIndex("referentiel"),
             c_desactivation = t.ColumnIndex("expr_desactivation"),
             c_reduction = t.ColumnIndex("expr_reduction"), c_score = t.ColumnIndex("expr_score");
  if (!sink.empty()) return sink.ToStatus();
  Referentiel r;
  std::vector<int> lines;
  for (size_t row = 0; row < t.row_count(); ++row) {
    ReferentielNode n;
    n.id = t.String(row, *c_id, sink).value_or("");
    n.parent_id = t.String(row, *c_parent, sink).value_or("");
    n.points = t.Real(row, *c_points, sink, false);
    if (c_pct) n.pourcentage = t.Real(row, *c_pct, sink, false);
    if (auto problem = PointsProblem(n.points, std::nullopt); !problem.empty()) {
      sink.Add(t.Where(row, *c_points), problem);
    }
    if (auto problem = PointsProblem(std::nullopt, n.pourcentage); !problem.empty()) {
      sink.Add(t.Where(row, *c_pct), problem);
    }
    if (c_name) n.name = t.text(row, *c_name);
    if (c_type) n.type = t.text(row, *c_type);
    if (c_desactivation) n.expr_desactivation = t.text(row, *c_desactivation);
    if (c_reduction) n.expr_reduction = t.text(row, *c_reduction);
    if (c_score) n.expr_score = t.text(row, *c_score);
    if (c_ref && r.id_.empty()) r.id_ = t.text(row, *c_ref);
    if (n.id.empty()) continue;
    if (!r.index_.emplace(n.id, static_cast<int>(r.nodes_.size())).second) {
      sink.Add(t.Where(row, *c_id), fmt::format("duplicate action_id '{}'", n.id));
      continue;
    }
    lines.push_back(t.row_line(row));
    r.nodes_.push_back(std::move(n));
  }
  if (r.id_.empty()) r.id_ = "referentiel";
  // Parent links: roots point at the référentiel id (or an empty parent).
  for (size_t i = 0; i < r.nodes_.size(); ++i) {
    const auto& n = r.nodes_[i];
    if (n.parent_id == r.id_ || n.parent_id.empty()) {
      r.axes_.push_back(static_cast<int>(i));
      continue;
    }
    const int p = r.IndexOf(n.parent_id);
    if (p < 0) {
      sink.Add({t.source(), lines[i], 0, "parent_id"},
               fmt::format("node '{}' names a parent '{}' that does not exist", n.id, n.parent_id));
      continue;
    }
    r.nodes_[p].children.push_back(static_cast<int>(i));
  }
  // Every node must reach a root: otherwise it sits on (or below) a cycle.
  std::vector<int> state(r.nodes_.size(), 0);  // 0 unknown, 1 reaches a root, 2 on the path
  for (size_t start = 0; start < r.nodes_.size(); ++start) {
    std::vector<int> path;
    int i = static_cast<int>(start);
    while (i >= 0 && state[i] == 0) {
      state[i] = 2;
      path.push_back(i);
      const auto& n = r.nodes_[i];
      i = (n.parent_id == r.id_ || n.parent_id.empty()) ? -1 : r.IndexOf(n.parent_id);
    }
    if (i >= 0 && state[i] == 2) {
      std::string cycle = r.nodes_[i].id;
      for (auto it = std::find(path.begin(), path.end(), i) + 1; it != path.end(); ++it) {
        cycle += " -> " + r.nodes_[*it].id;
      }
      cycle += " -> " + r.nodes_[i].id;
      sink.Add({t.source(), lines[i], 0, "parent_id"}, "cycle of parent links: " + cycle);
    }
    for (int p : path) state[p] = 1;
  }
  if (!sink.empty()) return sink.ToStatus();
  // Depths without recursion (a long chain of parent links must not exhaust the stack).
  std::vector<int> depth(r.nodes_.size(), 0);
  for (size_t start = 0; start < r.nodes_.size(); ++start) {
    std::vector<int> path;
    int i = static_cast<int>(start);
    while (i >= 0 && depth[i] == 0) {
      path.push_back(i);
      const auto& n = r.nodes_[i];
      i = (n.parent_id == r.id_ || n.parent_id.empty()) ? -1 : r.IndexOf(n.parent_id);
    }
    int d = i < 0 ? 0 : depth[i];
    for (auto it = path.rbegin(); it != path.rend(); ++it) depth[*it] = ++d;
    if (d > kMaxDepth) {
      return Status::InvalidInput(
          fmt::format("référentiel deeper than {} levels below the root", kMaxDepth),
          {t.source(), lines[start], 0, r.nodes_[start].id});
    }
  }
  std::function<void(int, int)> set_depth = [&](int i, int depth) {
    r.nodes_[i].depth = depth;
    if (r.nodes_[i].type == "action") r.action_depth_ = depth;
    for (int c : r.nodes_[i].children) set_depth(c, depth + 1);
  };
  for (int a : r.axes_) set_depth(a, 1);
  DUCKWEED_RETURN_IF_ERROR(r.Resolve(t.source()));
  return r;
}

}  // namespace duckweed::evaluate
