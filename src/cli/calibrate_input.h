// `diffuse calibrate` inputs: the adoption table (one row per town: id, date of adoption, optional
// coordinates, population and group columns) and the candidate population.
#ifndef DUCKWEED_CLI_CALIBRATE_INPUT_H_
#define DUCKWEED_CLI_CALIBRATE_INPUT_H_

#include <map>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/diffusion/calibrate.h"

namespace duckweed::cli {

struct AdoptionColumns {
  std::string id, date, lat, lon;
  std::vector<std::string> groups;
  std::string population;  // "" or "none": no receptivity
  std::string country;     // for candidates from the store; "" when absent
};

struct AdoptionTable {
  diffusion::AdoptionData data;
  std::vector<std::string> countries;  // per town (upper case), "" when unknown
  // Per group column: group name -> index (the country column's names in upper case).
  std::vector<std::map<std::string, int32_t>> group_ids;
  int64_t rows = 0, without_date = 0, without_coordinates = 0, without_population = 0;
};

// Reads the table. A date is YYYY-MM-DD (a time after it is ignored) or YYYY; an empty or "-"
// date makes a candidate that has not adopted. Empty or "-" coordinates, population or group:
// unknown. Errors (all collected): a missing column, a date that is not a date, a coordinate
// out of range, a population that is not a number >= 0, a duplicate id, each as file:line:column.
core::Result<AdoptionTable> ReadAdoptionTable(const std::string& path,
                                              const AdoptionColumns& columns);

// Appends the rows of another table as towns that have not adopted (same column names; dates
// ignored; a group column it lacks leaves its towns without that group). Ids of the adoption
// table are skipped.
core::Status AddCandidateFile(AdoptionTable& table, const std::string& path,
                              const AdoptionColumns& columns);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_CALIBRATE_INPUT_H_
