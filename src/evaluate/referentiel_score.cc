#include "duckweed/evaluate/referentiel_score.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;

int StarsFor(double realise_pct) {
  int stars = 1;
  for (size_t k = 1; k < StarThresholds().size(); ++k) {
    if (realise_pct + 1e-9 >= StarThresholds()[k]) stars = static_cast<int>(k) + 1;
  }
  return stars;
}

std::optional<ActionStatus> ParseActionStatus(const std::string& text) {
  static const std::map<std::string, ActionStatus> kNames = {
      {"fait", ActionStatus::kFait},
      {"programme", ActionStatus::kProgramme},
      {"programmé", ActionStatus::kProgramme},
      {"pas_fait", ActionStatus::kPasFait},
      {"pas fait", ActionStatus::kPasFait},
      {"non_renseigne", ActionStatus::kNonRenseigne},
      {"non renseigné", ActionStatus::kNonRenseigne},
      {"", ActionStatus::kNonRenseigne},
      {"detaille", ActionStatus::kDetaille},
      {"détaillé", ActionStatus::kDetaille},
      {"non_concerne", ActionStatus::kNonConcerne},
      {"non concerné", ActionStatus::kNonConcerne}};
  auto it = kNames.find(text);
  if (it == kNames.end()) return std::nullopt;
  return it->second;
}

Result<std::map<int, StatusEntry>> ParseStatuses(const core::CsvTable& t,
                                                 const Referentiel& referentiel) {
  DiagnosticSink sink;
  auto c_id = t.RequireColumn("action_id", sink);
  auto c_status = t.RequireColumn("status", sink);
  const auto c_f = t.ColumnIndex("fait"), c_p = t.ColumnIndex("programme"),
             c_n = t.ColumnIndex("pas_fait");
  if (!sink.empty()) return sink.ToStatus();
  std::map<int, StatusEntry> out;
  for (size_t r = 0; r < t.row_count(); ++r) {
    const std::string& id = t.text(r, *c_id);
    const int node = referentiel.IndexOf(id);
    if (node < 0) {
      sink.Add(t.Where(r, *c_id),
               fmt::format("unknown action '{}' in référentiel '{}'", id, referentiel.id()));
      continue;
    }
    auto status = ParseActionStatus(t.text(r, *c_status));
    if (!status) {
      sink.Add(t.Where(r, *c_status),
               fmt::format("expected fait, programme, pas_fait, non_renseigne, detaille or "
                           "non_concerne, found '{}'",
                           t.text(r, *c_status)));
      continue;
    }
    StatusEntry e{*status};
    if (e.status == ActionStatus::kDetaille) {
      const double f = c_f ? t.Real(r, *c_f, sink, false).value_or(0) : 0;
      const double p = c_p ? t.Real(r, *c_p, sink, false).value_or(0) : 0;
      const double n = c_n ? t.Real(r, *c_n, sink, false).value_or(0) : 0;
      if (f < 0 || p < 0 || n < 0 || std::abs(f + p + n - 100) > 1e-6) {
        sink.Add(t.Where(r, *c_status),
                 fmt::format("détaillé percentages fait + programme + pas_fait must be >= 0 and "
                             "sum to 100, found {} + {} + {}",
                             f, p, n));
      }
      e.fait = f / 100;
      e.programme = p / 100;
      e.pas_fait = n / 100;
    }
    if (!out.emplace(node, e).second) {
      sink.Add(t.Where(r, *c_id), fmt::format("action '{}' given twice", id));
    }
  }
  // A status below a node that already has one would be silently ignored: reject it.
  for (const auto& [node, entry] : out) {
    for (int p = referentiel.IndexOf(referentiel.nodes()[node].parent_id); p >= 0;
         p = referentiel.IndexOf(referentiel.nodes()[p].parent_id)) {
      if (out.count(p)) {
        sink.Add({t.source(), 0, 0, referentiel.nodes()[node].id},
                 fmt::format("a status is given both to '{}' and to its ancestor '{}'",
                             referentiel.nodes()[node].id, referentiel.nodes()[p].id));
        break;
      }
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

namespace {

NodeScore FromStatus(double points, const StatusEntry& e) {
  NodeScore s;
  s.potential = points;
  switch (e.status) {
    case ActionStatus::kFait:
      s.fait = points;
      break;
    case ActionStatus::kProgramme:
      s.programme = points;
      break;
    case ActionStatus::kPasFait:
      s.pas_fait = points;
      break;
    case ActionStatus::kNonRenseigne:
      s.non_renseigne = points;
      break;
    case ActionStatus::kDetaille:
      s.fait = points * e.fait;
      s.programme = points * e.programme;
      s.pas_fait = points * e.pas_fait;
      break;
    case ActionStatus::kNonConcerne:
      s.potential = 0;
      s.concerne = false;
      break;
  }
  return s;
}

}  // namespace

ReferentielScore ScoreReferentiel(const Referentiel& ref,
                                  const std::map<int, StatusEntry>& statuses) {
  ReferentielScore out;
  out.nodes.resize(ref.nodes().size());
  std::function<NodeScore(int)> score = [&](int i) -> NodeScore {
    const ReferentielNode& n = ref.nodes()[i];
    NodeScore s;
    if (auto it = statuses.find(i); it != statuses.end()) {
      s = FromStatus(n.resolved_points, it->second);
    } else if (n.children.empty()) {
      s = FromStatus(n.resolved_points, StatusEntry{});
    } else {
      NodeScore sum;
      bool any = false;
      for (int c : n.children) {
        const NodeScore cs = score(c);
        if (!cs.concerne) continue;
        any = true;
        sum.potential += cs.potential;
        sum.fait += cs.fait;
        sum.programme += cs.programme;
        sum.pas_fait += cs.pas_fait;
        sum.non_renseigne += cs.non_renseigne;
      }
      if (!any) {
        s.concerne = false;
      } else if (n.depth >= ref.action_depth() && sum.potential > 0) {
        // Redistribute: the node keeps its points, split in its applicable children's proportions.
        const double k = n.resolved_points / sum.potential;
        s = NodeScore{n.resolved_points, sum.fait * k,          sum.programme * k,
                      sum.pas_fait * k,  sum.non_renseigne * k, true};
      } else {
        s = sum;
      }
    }
    out.nodes[i] = s;
    return s;
  };
  for (int a : ref.axes()) {
    const NodeScore s = score(a);
    out.total.potential += s.potential;
    out.total.fait += s.fait;
    out.total.programme += s.programme;
    out.total.pas_fait += s.pas_fait;
    out.total.non_renseigne += s.non_renseigne;
  }
  out.stars = StarsFor(out.total.realise_pct());
  return out;
}

}  // namespace duckweed::evaluate
