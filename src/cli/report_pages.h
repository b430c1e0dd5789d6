// The offline pages `evaluate TOWN --out DIR` and `transfer TOWN --out DIR` write: the dashboard's
// town page and transfer sheet (web/), with the data the server's API would answer inlined
// (report/page.h), so the report draws with the dashboard's chart code.
#ifndef DUCKWEED_CLI_REPORT_PAGES_H_
#define DUCKWEED_CLI_REPORT_PAGES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_context.h"
#include "duckweed/core/status.h"

namespace duckweed::cli {

// A town as GET /api/v1/territories/{id} answers it, as far as the inputs tell: from the store
// (when the database exists and knows `town`) its territory, hierarchy, nearest neighbours and
// initiatives; the observations of the town from `observations_csv` (with their source addresses)
// or else the store. Without a store the territory is {id: town, name: town}. Reading the store is
// best effort: a store that is absent or does not know the town is noted in `notes`, never an
// error.
nlohmann::ordered_json ReportTownProfile(const CliContext& ctx, const std::string& town,
                                         const std::string& observations_csv,
                                         std::vector<std::string>& notes);

// Writes DIR/index.html: the town page over `profile` (above), `evaluation` (the evaluate record:
// scores, postures, absent, notes) and, when not null, `referentiel`.
core::Status WriteTownPage(const std::string& dir, const nlohmann::ordered_json& profile,
                           const nlohmann::ordered_json& evaluation,
                           const nlohmann::ordered_json& referentiel);

// Writes DIR/index.html: the transfer sheet of `town` over `transfer` (transfer --json's document).
// Exemplars the store knows by name are placed on the sheet's map.
core::Status WriteTransferPage(const CliContext& ctx, const std::string& dir,
                               const std::string& town, const nlohmann::ordered_json& transfer);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_REPORT_PAGES_H_
