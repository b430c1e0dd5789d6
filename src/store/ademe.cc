#include "duckweed/store/ademe.h"

#include <fmt/format.h>

#include <array>
#include <map>

#include "duckweed/core/csv.h"

namespace duckweed::store {

using core::DiagnosticSink;
using core::Result;

namespace {

std::string InferDirection(std::string_view title) {
  static constexpr std::array<std::string_view, 7> kLowerIsBetter = {
      "Émissions",    "Emissions",         "Consommation",       "Concentration",
      "Prélèvements", "Artificialisation", "Quantité de déchets"};
  for (std::string_view prefix : kLowerIsBetter) {
    if (title.starts_with(prefix)) return "lower";
  }
  return "";
}

}  // namespace

Result<size_t> ImportAdemeIndicators(Store& store, const std::filesystem::path& path) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable table, core::ReadCsvFile(path));
  DiagnosticSink sink;
  const auto id = table.RequireColumn("indicateur_id", sink);
  const auto title = table.RequireColumn("titre", sink);
  const auto unit = table.RequireColumn("unite", sink);
  const auto themes = table.RequireColumn("thematiques", sink);
  const auto formula = table.RequireColumn("formule_calcul", sink);
  const auto description = table.RequireColumn("description", sink);
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  std::vector<Indicator> indicators;
  std::map<std::string, int> first_line;
  for (size_t r = 0; r < table.row_count(); ++r) {
    auto id_text = table.String(r, *id, sink);
    auto title_text = table.String(r, *title, sink);
    if (!id_text || !title_text) continue;
    if (auto [it, inserted] = first_line.emplace(*id_text, table.row_line(r)); !inserted) {
      sink.Add(table.Where(r, *id),
               fmt::format("duplicate indicator id '{}' (first at line {})", *id_text, it->second));
      continue;
    }
    const std::string& theme_list = table.text(r, *themes);
    Indicator i;
    i.id = *id_text;
    i.name = *title_text;
    i.unit = table.text(r, *unit);
    i.domain = theme_list.substr(0, theme_list.find('|'));
    i.direction = InferDirection(i.name);
    i.description = table.text(r, *description);
    i.source = kAdemeIndicatorSource;
    i.formula = table.text(r, *formula);
    indicators.push_back(std::move(i));
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  DUCKWEED_RETURN_IF_ERROR(store.UpsertIndicators(indicators));
  return indicators.size();
}

}  // namespace duckweed::store
