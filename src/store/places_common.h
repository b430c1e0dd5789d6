// Internal: steps shared by the world and France place imports.
#ifndef DUCKWEED_STORE_PLACES_COMMON_H_
#define DUCKWEED_STORE_PLACES_COMMON_H_

#include "duckweed/core/status.h"
#include "duckweed/store/places.h"
#include "store/sql.h"

namespace duckweed::store::internal {

// Gives every territory without coordinates that same_place links the coordinates of its most populous linked GeoNames
// place, gives EPCIs, départements and régions the population-weighted mean position of their
// located communes, and sets summary.located to the number of communes with coordinates.
core::Status LocateLinkedCommunes(Connection* db, PlacesSummary& summary);

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_PLACES_COMMON_H_
