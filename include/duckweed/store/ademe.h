// ADEME "Territoires en Transitions" indicator catalogue (the format of
// ../shared/data/referentiels/indicateurs_definitions.csv: indicateur_id, titre, unite,
// thematiques, formule_calcul, description, ... as described in that folder's README).
//
// Mapping: id = indicateur_id, name = titre, unit = unite, domain = the first '|'-separated
// thématique, description, formula = formule_calcul, source = the platform's repository address.
// The catalogue does not say which direction is better; direction is set to "lower" for titles
// that start with Émissions / Emissions / Consommation / Concentration / Prélèvements /
// Artificialisation (quantities a transition reduces) and left empty otherwise.
// One transaction; a missing column, an empty id or title, or a duplicate id is reported with
// file:line:column and nothing is written.
#ifndef DUCKWEED_STORE_ADEME_H_
#define DUCKWEED_STORE_ADEME_H_

#include <filesystem>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

inline constexpr const char* kAdemeIndicatorSource =
    "https://github.com/incubateur-ademe/territoires-en-transitions";

// Returns the number of indicators written.
core::Result<size_t> ImportAdemeIndicators(Store& store, const std::filesystem::path& path);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_ADEME_H_
