// An ADEME référentiel scored from its files (tree or actions, statuses, personnalisation, star
// criteria) and its JSON (`evaluate referentiel --json`, the `referentiel` part of a town's
// evaluation). Thread safety: functions of their arguments; they read the files named.
#ifndef DUCKWEED_APP_REFERENTIEL_H_
#define DUCKWEED_APP_REFERENTIEL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "duckweed/core/result.h"
#include "duckweed/referentiel/labellisation.h"
#include "duckweed/referentiel/personnalisation.h"
#include "duckweed/referentiel/referentiel.h"
#include "duckweed/referentiel/referentiel_score.h"

namespace duckweed::app {

// A référentiel's files: the tree or actions, the statuses, and the personnalisation (rules
// beside those written in the référentiel, identity, answers) and star criteria, all optional
// but one of tree / actions.
struct ReferentielFiles {
  std::string tree, actions, statuses, rules, identity, answers, criteria;
};
struct ReferentielResult {
  evaluate::Referentiel referentiel;
  evaluate::ReferentielScore score;
  std::optional<evaluate::Personnalisation> personnalisation;  // when identity or answers given
  std::optional<evaluate::LabelLevel> label;                   // when criteria given
};

// Scores the référentiel of `files` (the tree when given, else the actions CSV). Errors: located
// kInvalidInput from the files, kIoError when one cannot be read.
core::Result<ReferentielResult> ScoreReferentielFiles(const ReferentielFiles& files);
// {"referentiel", "total_points", "total", "stars", "axes": [...], "personnalisation"?, "label"?}
nlohmann::ordered_json ReferentielJson(const ReferentielResult& r);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_REFERENTIEL_H_
