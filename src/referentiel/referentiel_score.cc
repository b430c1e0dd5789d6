#include "duckweed/referentiel/referentiel_score.h"

#include <fmt/format.h>

#include <cmath>

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

namespace {

// The state of one scoring pass, node by node (parallel to Referentiel::nodes()).
class Rollup {
 public:
  Rollup(const Referentiel& ref, const std::map<int, StatusEntry>& statuses,
         const std::map<int, Consequence>& consequences)
      : ref_(ref),
        statuses_(statuses),
        consequences_(consequences),
        potential_(ref.nodes().size()),
        concerne_(ref.nodes().size(), true),
        desactive_(ref.nodes().size(), false) {}

  ReferentielScore Run() {
    for (int a : ref_.axes()) Potential(a, 1.0);
    for (int a : ref_.axes()) Desactivate(a, false);
    for (int a : ref_.axes()) NonConcerne(a, false);
    for (int a : ref_.axes()) Redistribute(a);
    ReferentielScore out;
    out.nodes.resize(ref_.nodes().size());
    for (int a : ref_.axes()) {
      const NodeScore s = Points(a, out.nodes);
      out.total.potential += s.potential;
      out.total.fait += s.fait;
      out.total.programme += s.programme;
      out.total.pas_fait += s.pas_fait;
      out.total.non_renseigne += s.non_renseigne;
    }
    out.stars = StarsFor(out.total.realise_pct());
    return out;
  }

 private:
  const Consequence* ConsequenceOf(int i) const {
    auto it = consequences_.find(i);
    return it == consequences_.end() ? nullptr : &it->second;
  }
  const StatusEntry* StatusOf(int i) const {
    auto it = statuses_.find(i);
    return it == statuses_.end() ? nullptr : &it->second;
  }

  // 1. Reduction factors multiply down the tree.
  void Potential(int i, double factor) {
    if (const auto* c = ConsequenceOf(i); c && c->reduction) factor *= *c->reduction;
    potential_[i] = factor * ref_.nodes()[i].resolved_points;
    for (int c : ref_.nodes()[i].children) Potential(c, factor);
  }

  // 2a. A desactivated node takes its subtree with it.
  void Desactivate(int i, bool inherited) {
    const auto* c = ConsequenceOf(i);
    desactive_[i] = inherited || (c && c->desactive);
    if (desactive_[i]) concerne_[i] = false;
    for (int child : ref_.nodes()[i].children) Desactivate(child, desactive_[i]);
  }

  // 2b. Status non concerné down the subtree; a node whose children are all non concerné (and
  // that has no status of its own) is non concerné too.
  void NonConcerne(int i, bool inherited) {
    const StatusEntry* st = StatusOf(i);
    const bool by_status = inherited || (st && st->status == ActionStatus::kNonConcerne);
    if (by_status) concerne_[i] = false;
    const auto& children = ref_.nodes()[i].children;
    bool any = false;
    for (int c : children) {
      NonConcerne(c, by_status);
      any = any || concerne_[c];
    }
    if (!children.empty() && !any && !st) concerne_[i] = false;
  }

  void Scale(int i, double k) {
    potential_[i] *= k;
    for (int c : ref_.nodes()[i].children) Scale(c, k);
  }

  // 3. Bottom-up: share the non-concerned children's potential at the action level and below,
  // then sum the concerned children's.
  void Redistribute(int i) {
    const ReferentielNode& n = ref_.nodes()[i];
    for (int c : n.children) Redistribute(c);
    if (!concerne_[i] || n.children.empty()) return;
    if (n.depth >= ref_.action_depth()) {
      std::vector<int> receivers;
      double freed = 0;
      for (int c : n.children) {
        if (!concerne_[c]) {
          freed += potential_[c];
        } else if (potential_[c] > 0) {
          receivers.push_back(c);
        }
      }
      const double share = receivers.empty() ? 0 : freed / static_cast<double>(receivers.size());
      for (int c : receivers) Scale(c, (potential_[c] + share) / potential_[c]);
    }
    double sum = 0;
    bool any = false;
    for (int c : n.children) {
      if (!concerne_[c]) continue;
      sum += potential_[c];
      any = true;
    }
    // A node given a status that applies while all its children do not keeps its potential.
    if (any || !StatusOf(i)) potential_[i] = sum;
  }

  // 4. Points from statuses, bottom-up; every node's score is stored.
  NodeScore Points(int i, std::vector<NodeScore>& out) {
    const ReferentielNode& n = ref_.nodes()[i];
    std::vector<NodeScore> children;
    for (int c : n.children) children.push_back(Points(c, out));
    NodeScore s;
    const StatusEntry* st = StatusOf(i);
    if (!concerne_[i]) {
      s.concerne = false;
    } else if (st && st->status != ActionStatus::kNonRenseigne) {
      s = FromStatus(potential_[i], *st);
    } else if (n.children.empty()) {
      s = FromStatus(potential_[i], StatusEntry{});
    } else {
      s.potential = potential_[i];
      for (const NodeScore& cs : children) {
        s.fait += cs.fait;
        s.programme += cs.programme;
        s.pas_fait += cs.pas_fait;
        s.non_renseigne += cs.non_renseigne;
      }
    }
    s.desactive = desactive_[i];
    out[i] = s;
    return s;
  }

  const Referentiel& ref_;
  const std::map<int, StatusEntry>& statuses_;
  const std::map<int, Consequence>& consequences_;
  std::vector<double> potential_;
  std::vector<bool> concerne_, desactive_;
};

}  // namespace

ReferentielScore ScoreReferentiel(const Referentiel& ref,
                                  const std::map<int, StatusEntry>& statuses,
                                  const std::map<int, Consequence>& consequences) {
  return Rollup(ref, statuses, consequences).Run();
}

}  // namespace duckweed::evaluate
