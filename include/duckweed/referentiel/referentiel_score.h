// Scoring a collectivité's état des lieux on a référentiel, the way Territoires en Transitions
// does: a status per node (usually tâches or sous-actions) — fait, programmé, pas fait,
// non renseigné, détaillé (percentages of fait / programmé / pas fait) or non concerné — rolled up
// the tree in the platform's order:
//  1. potential: a node's points times the product of the personnalisation's reduction factors on
//     it and its ancestors (personnalisation.h);
//  2. non concerné: a desactivated node, a node with status non concerné, and their subtrees; a
//     node whose children are all non concerné (and that has no status of its own);
//  3. redistribution, bottom-up: at the action level and below, the potential of non-concerned
//     children is shared equally among the concerned children whose potential is not zero (each
//     child's subtree scaled to its new potential); then every concerned node with children takes
//     the sum of its concerned children's potentials — above the action level nothing is
//     redistributed, so a non-concerned action lowers its axis's potential ("potentiel
//     personnalisé");
//  4. points: a node with a status (other than non renseigné) splits its potential by it; a leaf
//     without one is non renseigné; any other node adds up its children.
// Percentages are of the (personalised) potential. Label level: the most stars whose minimum
// realised percentage is reached (labellisation_etoiles.csv: 1 star 0%, 2 at 35%, 3 at 50%,
// 4 at 65%, 5 at 75%); the action-level prerequisites of each star are in labellisation.h.
// Score rules (a realised score computed from indicator values) are not applied.
//
// Thread safety: pure functions. Complexity: linear in the number of nodes.
#ifndef DUCKWEED_REFERENTIEL_REFERENTIEL_SCORE_H_
#define DUCKWEED_REFERENTIEL_REFERENTIEL_SCORE_H_

#include <map>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/referentiel/personnalisation.h"
#include "duckweed/referentiel/referentiel.h"

namespace duckweed::evaluate {

enum class ActionStatus { kNonRenseigne, kFait, kProgramme, kPasFait, kDetaille, kNonConcerne };

struct StatusEntry {
  ActionStatus status = ActionStatus::kNonRenseigne;
  // Only for kDetaille: shares in [0,1] summing to 1.
  double fait = 0, programme = 0, pas_fait = 0;
};

struct NodeScore {
  double potential = 0;  // personalised potential points
  double fait = 0, programme = 0, pas_fait = 0, non_renseigne = 0;
  bool concerne = true;
  bool desactive = false;  // by a personnalisation rule
  double realise_pct() const { return potential > 0 ? 100 * fait / potential : 0; }
  double programme_pct() const { return potential > 0 ? 100 * programme / potential : 0; }
};

struct ReferentielScore {
  NodeScore total;
  std::vector<NodeScore> nodes;  // parallel to Referentiel::nodes()
  int stars = 1;
};

// The star thresholds in percent of the realised score, from 1 star upwards.
inline const std::vector<double>& StarThresholds() {
  static const std::vector<double> kThresholds = {0, 35, 50, 65, 75};
  return kThresholds;
}
int StarsFor(double realise_pct);

// Parses "fait", "programme", "pas_fait", "non_renseigne", "detaille", "non_concerne" (and the
// accented/space spellings "programmé", "pas fait", "non renseigné", "détaillé", "non concerné").
std::optional<ActionStatus> ParseActionStatus(const std::string& text);

// Reads a statuses CSV: action_id, status, and for détaillé the columns fait, programme, pas_fait
// in percent. Errors (collected, file:line:column): an action id not in the référentiel, an unknown
// status, détaillé percentages that do not sum to 100, a node given twice, a status under a node
// that already has one.
core::Result<std::map<int, StatusEntry>> ParseStatuses(const core::CsvTable& table,
                                                       const Referentiel& referentiel);

// `consequences` (by node index) come from ApplyRules; empty when no personnalisation applies.
ReferentielScore ScoreReferentiel(const Referentiel& referentiel,
                                  const std::map<int, StatusEntry>& statuses,
                                  const std::map<int, Consequence>& consequences = {});

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_REFERENTIEL_REFERENTIEL_SCORE_H_
