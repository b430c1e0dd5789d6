#include "duckweed/referentiel/labellisation.h"

#include <fmt/format.h>

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;

Result<std::vector<StarCriterion>> ParseStarCriteria(const core::CsvTable& t,
                                                     const Referentiel& ref) {
  DiagnosticSink sink;
  auto c_star = t.RequireColumn("etoile", sink);
  auto c_id = t.RequireColumn("action_id", sink);
  auto c_min = t.RequireColumn("min_realise_percentage", sink);
  const auto c_ref = t.ColumnIndex("referentiel"), c_text = t.ColumnIndex("formulation"),
             c_prog = t.ColumnIndex("min_programme_percentage");
  if (!sink.empty()) return sink.ToStatus();
  std::vector<StarCriterion> out;
  for (size_t r = 0; r < t.row_count(); ++r) {
    if (c_ref && t.text(r, *c_ref) != ref.id()) continue;
    StarCriterion c;
    c.action_id = t.text(r, *c_id);
    if (ref.IndexOf(c.action_id) < 0) {
      sink.Add(t.Where(r, *c_id), fmt::format("criterion on unknown action '{}' (not in "
                                              "référentiel '{}')",
                                              c.action_id, ref.id()));
      continue;
    }
    const auto star = t.Real(r, *c_star, sink, true);
    if (star && (*star < 1 || *star > 5 || *star != static_cast<int>(*star))) {
      sink.Add(t.Where(r, *c_star), fmt::format("expected a star 1..5, found {}", *star));
    }
    c.etoile = star ? static_cast<int>(*star) : 1;
    const auto min = t.Real(r, *c_min, sink, false);
    c.min_realise_pct = min.value_or(0);
    if (c_prog) c.min_programme_pct = t.Real(r, *c_prog, sink, false);
    for (const auto& [value, column] :
         {std::pair{min, *c_min}, std::pair{c.min_programme_pct, c_prog.value_or(0)}}) {
      if (value && !(*value >= 0 && *value <= 100)) {
        sink.Add(t.Where(r, column), fmt::format("expected a percentage 0..100, found {}", *value));
      }
    }
    if (c_text) c.formulation = t.text(r, *c_text);
    out.push_back(std::move(c));
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

namespace {

// The node whose percentages a criterion reads: the nearest ancestor (or the node itself) with a
// status other than non renseigné.
int ReadFrom(const Referentiel& ref, int node, const std::map<int, StatusEntry>& statuses) {
  for (int i = node; i >= 0; i = ref.IndexOf(ref.nodes()[i].parent_id)) {
    auto it = statuses.find(i);
    if (it != statuses.end() && it->second.status != ActionStatus::kNonRenseigne) return i;
  }
  return node;
}

// (realised, realised + programmed) in percent.
std::pair<double, double> Percentages(const NodeScore& s, const StatusEntry* status) {
  if (s.potential > 0) return {s.realise_pct(), s.realise_pct() + s.programme_pct()};
  if (!status) return {0, 0};
  switch (status->status) {
    case ActionStatus::kFait:
      return {100, 100};
    case ActionStatus::kProgramme:
      return {0, 100};
    case ActionStatus::kDetaille:
      return {100 * status->fait, 100 * (status->fait + status->programme)};
    default:
      return {0, 0};
  }
}

}  // namespace

LabelLevel EvaluateLabel(const Referentiel& ref, const ReferentielScore& score,
                         const std::map<int, StatusEntry>& statuses,
                         const std::vector<StarCriterion>& criteria) {
  LabelLevel out;
  out.stars_by_score = StarsFor(score.total.realise_pct());
  std::vector<bool> star_blocked(6, false);
  for (const auto& c : criteria) {
    CriterionResult r{c};
    const int node = ref.IndexOf(c.action_id);
    r.applies = node >= 0 && score.nodes[node].concerne;
    if (r.applies) {
      const int from = ReadFrom(ref, node, statuses);
      auto it = statuses.find(from);
      std::tie(r.realise_pct, r.realise_programme_pct) =
          Percentages(score.nodes[from], it == statuses.end() ? nullptr : &it->second);
      r.met = r.realise_pct + 1e-9 >= c.min_realise_pct ||
              (c.min_programme_pct && r.realise_programme_pct + 1e-9 >= *c.min_programme_pct);
      if (!r.met && c.etoile >= 1 && c.etoile <= 5) star_blocked[c.etoile] = true;
    }
    out.criteria.push_back(std::move(r));
  }
  for (int s = 1; s <= out.stars_by_score && !star_blocked[s]; ++s) out.stars = s;
  return out;
}

}  // namespace duckweed::evaluate
