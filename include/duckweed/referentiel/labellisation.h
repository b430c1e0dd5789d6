// Label level with the action-level prerequisites of each star, as Territoires en Transitions
// checks them (labellisation_criteres_actions.csv): a star is granted when the realised score
// reaches its threshold (StarThresholds()) and every criterion of that star and of the stars
// below it is met. A criterion names an action and a minimum realised percentage, and optionally a
// minimum realised + programmed percentage: it is met when the action's realised percentage
// reaches the first, or its realised + programmed percentage the second.
//
// Percentages are of the node's personalised potential. When a status is set on an ancestor of
// the criterion's node (a sous-action above a tâche), the ancestor's percentages are read, as the
// platform does; a node with no potential (0 points) reads its own status. A criterion on a
// desactivated or non-concerned node does not apply (it neither blocks nor counts).
//
// Thread safety: pure functions. Complexity: O(criteria x depth).
#ifndef DUCKWEED_REFERENTIEL_LABELLISATION_H_
#define DUCKWEED_REFERENTIEL_LABELLISATION_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/referentiel/referentiel.h"
#include "duckweed/referentiel/referentiel_score.h"

namespace duckweed::evaluate {

struct StarCriterion {
  int etoile = 1;  // 1..5
  std::string action_id;
  std::string formulation;
  double min_realise_pct = 0;
  std::optional<double> min_programme_pct;  // realised + programmed
};

// Columns etoile, action_id, min_realise_percentage, and optional referentiel, formulation,
// min_programme_percentage. Rows whose referentiel column names another référentiel are skipped.
// Errors (collected, file:line:column): an action not in the référentiel, a star outside 1..5,
// a percentage outside 0..100.
core::Result<std::vector<StarCriterion>> ParseStarCriteria(const core::CsvTable& table,
                                                           const Referentiel& referentiel);

struct CriterionResult {
  StarCriterion criterion;
  bool applies = true;  // false when the node is desactivated or non concerné
  double realise_pct = 0, realise_programme_pct = 0;
  bool met = false;
};

struct LabelLevel {
  int stars_by_score = 1;  // thresholds only
  int stars = 0;           // thresholds and prerequisites (0: the first star's are not met)
  std::vector<CriterionResult> criteria;
};

LabelLevel EvaluateLabel(const Referentiel& referentiel, const ReferentielScore& score,
                         const std::map<int, StatusEntry>& statuses,
                         const std::vector<StarCriterion>& criteria);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_REFERENTIEL_LABELLISATION_H_
