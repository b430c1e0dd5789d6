// Internal: the commune table of data/places/communes_fr_2024.csv (INSEE and La Poste open data):
// coordinates and census context per INSEE code, read before an import and written inside its
// transaction.
#ifndef DUCKWEED_STORE_PLACES_COMMUNES_H_
#define DUCKWEED_STORE_PLACES_COMMUNES_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/store/places.h"
#include "store/sql.h"

namespace duckweed::store::internal {

struct CommuneFigure {
  std::string indicator_id;
  int year = 0;
  double value = 0;
};

struct CommuneRow {
  std::string id;  // fr:<insee>
  std::optional<double> latitude, longitude;
  std::vector<CommuneFigure> figures;
};

// Reads and checks the whole file: every problem as file:line:column with the column name.
core::Result<std::vector<CommuneRow>> ReadCommuneTable(const std::filesystem::path& csv);

// Gives the store's communes (ids already present) the file's coordinates and context
// observations; defines the context indicators when absent. Rows whose commune the store lacks
// are counted in summary.communes_unknown, not written.
core::Status WriteCommuneTable(Connection* db, const std::vector<CommuneRow>& rows,
                               PlacesSummary& summary);

}  // namespace duckweed::store::internal

#endif  // DUCKWEED_STORE_PLACES_COMMUNES_H_
