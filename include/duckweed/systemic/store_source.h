// A town's evaluation inputs read from the store: its indicator specifications and observations.
//
// For every indicator the town has "result" observations of: the domain is the indicator's
// domain when it is a taxonomy id, else the taxonomy domain its ADEME theme maps to; the value
// function is linear from the town's earliest result (the baseline year) to its latest "target"
// observation; the store's direction (higher/lower) must agree. Indicators without a domain or a
// target are skipped and listed with the reason, so the report can say what was left out.
//
// Thread safety: uses the store's connection; not for concurrent use of the same Store.
#ifndef DUCKWEED_SYSTEMIC_STORE_SOURCE_H_
#define DUCKWEED_SYSTEMIC_STORE_SOURCE_H_

#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"
#include "duckweed/systemic/domain_scores.h"
#include "duckweed/systemic/taxonomy.h"

namespace duckweed::evaluate {

struct TownInputs {
  store::Territory territory;
  std::vector<IndicatorSpec> specs;
  std::vector<Observation> observations;
  std::vector<std::string> skipped;  // "indicator: reason"
};

// Errors: NotFound when no territory matches `town` (an id like fr:62528 or a name).
core::Result<TownInputs> LoadTownFromStore(store::Store& db, const std::string& town,
                                           const Taxonomy& taxonomy);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_STORE_SOURCE_H_
