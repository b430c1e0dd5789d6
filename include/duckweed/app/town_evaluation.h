// Use case: a town's systemic evaluation — domain scores per year, the systemic score (Choquet)
// when a capacity is given, postures from a survey, the ADEME référentiel lens — with the notes
// saying where every input came from and, for each section the inputs did not allow, why and how
// to supply it. Used by `duckweed evaluate TOWN --out DIR` (which draws it) and by
// GET /api/v1/territories/{id}/evaluation.
//
// Thread safety: reads the files named and the store given (one thread per store, store.h).
#ifndef DUCKWEED_APP_TOWN_EVALUATION_H_
#define DUCKWEED_APP_TOWN_EVALUATION_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/app/referentiel.h"
#include "duckweed/app/scores.h"
#include "duckweed/app/store_access.h"
#include "duckweed/core/result.h"
#include "duckweed/systemic/postures.h"

namespace duckweed::app {

struct TownEvaluationRequest {
  std::string town;  // territory id or name (or the territory column of --observations)
  std::string
      indicators;  // specification CSV; empty: the town's indicators and targets in the store
  std::string observations;  // observation CSV; empty: the store
  std::string capacity;      // capacity JSON; empty: no systemic score
  int carry_forward = 0;
  std::string survey;  // Likert survey CSV; empty: no postures
  std::string scale = "1:5";
  ReferentielFiles referentiel;  // tree or actions empty: no référentiel
};

// A section the inputs did not allow.
struct AbsentSection {
  enum class Kind { kSystemic, kPostures, kReferentiel } kind;
  std::string heading, why, how;
};

struct TownEvaluation {
  std::string town;   // as requested
  TownScores scores;  // domain scores; systemic per year when a capacity was given
  std::string capacity_path;
  std::optional<evaluate::LikertScale> scale;   // with postures
  std::vector<evaluate::PostureCell> postures;  // empty without a survey
  std::optional<ReferentielResult> referentiel;
  std::vector<AbsentSection> absent;  // in the order of the sections
  std::vector<std::string> notes;     // sources and caveats, in order
  const AbsentSection* Absent(AbsentSection::Kind kind) const;
};

// Errors: NotFound (no such territory), kInvalidInput (no observation of the declared
// indicators; located problems in the files), kIoError (a file or the database).
core::Result<TownEvaluation> EvaluateTown(const TownEvaluationRequest& request, LazyStore& db);

// {"town", "absent": [{"section", "why", "how"}], "scores": ScoresJson, "postures"?: [...],
//  "referentiel"?: ReferentielJson, "notes": [...]}
nlohmann::ordered_json TownEvaluationJson(const TownEvaluation& evaluation);

}  // namespace duckweed::app

#endif  // DUCKWEED_APP_TOWN_EVALUATION_H_
