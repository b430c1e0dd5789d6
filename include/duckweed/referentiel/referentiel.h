// ADEME référentiels (Territoires en Transitions: Climat-Air-Énergie, Économie Circulaire,
// Transition Écologique): a weighted tree of axes, sous-axes, actions ("mesures"), sous-actions and
// tâches, read from the platform's exports (tree JSON or actions CSV, see
// ../shared/data/referentiels/README.md).
//
// Points: a node's points are its `points` when given, else its parent's points x
// `pourcentage` / 100, else (when neither is given and the parent's points are known) an equal
// share of what the parent's points leave after the siblings that have points or a percentage,
// else the sum of its children's points. A leaf that ends up without points is an error.
//
// Thread safety: immutable after construction. Complexity: linear in the number of nodes.
#ifndef DUCKWEED_REFERENTIEL_REFERENTIEL_H_
#define DUCKWEED_REFERENTIEL_REFERENTIEL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"

namespace duckweed::evaluate {

struct ReferentielNode {
  std::string id;         // "cae_1.1.1"
  std::string parent_id;  // "cae" for axes
  std::string name;
  std::string type;                           // "axe", "sous-axe", "action", "sous-action", "tache"
  int depth = 0;                              // 1 = axe
  std::optional<double> points, pourcentage;  // as given in the source
  double resolved_points = 0;                 // after the rules in the file comment
  std::vector<int> children;
  // Personnalisation rules written in the source (see personnalisation.h); "" when none.
  std::string expr_desactivation, expr_reduction, expr_score;
};

class Referentiel {
 public:
  // Nested JSON as exported: {"referentiel":"cae","hierarchie":[...],"children":[{...}]}, each
  // node with action_id, optional points, pourcentage, nom, action_type, children. Errors: invalid
  // JSON, a node without action_id, a duplicate id, a leaf without points (named).
  static core::Result<Referentiel> FromTreeJson(const std::string& text, const std::string& source);
  // Flat CSV with action_id, parent_id, points, pourcentage (and optional nom, action_type,
  // referentiel). Errors (collected, file:line): a duplicate id, a parent that does not exist, a
  // cycle of parent links (the cycle is printed), a leaf without points.
  static core::Result<Referentiel> FromActionsCsv(const core::CsvTable& table);

  const std::string& id() const { return id_; }
  const std::vector<ReferentielNode>& nodes() const { return nodes_; }
  const std::vector<int>& axes() const { return axes_; }
  const ReferentielNode* Find(const std::string& id) const;
  int IndexOf(const std::string& id) const;
  // Depth of the "action" level (3 for CAE/TE, 2 for ECI); nodes below it redistribute the points
  // of children that do not apply (non concerné) to their siblings.
  int action_depth() const { return action_depth_; }
  double TotalPoints() const;

 private:
  core::Status Resolve(const std::string& source);
  std::string id_;
  int action_depth_ = 3;
  std::vector<ReferentielNode> nodes_;
  std::vector<int> axes_;
  std::map<std::string, int> index_;
};

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_REFERENTIEL_REFERENTIEL_H_
