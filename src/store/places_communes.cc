// Coordinates and INSEE context figures for every French commune, from the project's derived copy
// of the comparateur de territoires (data/places/communes_fr_2024.csv).
#include "store/places_communes.h"

#include <fmt/format.h>

#include <cmath>

#include "duckweed/core/csv.h"
#include "store/sql.h"

namespace duckweed::store::internal {

namespace {

using core::Result;
using core::Status;

constexpr const char* kComparateur = "https://www.insee.fr/fr/statistiques/2521169";
constexpr const char* kCog = "https://www.insee.fr/fr/information/7766585";

struct ContextColumn {
  const char* column;
  const char* indicator;
  int year;
};

// The file's figure columns and the (indicator, year) each becomes.
constexpr ContextColumn kColumns[] = {
    {"population_2015", "population", 2015},
    {"population_2021", "population", 2021},
    {"menages_2021", "households", 2021},
    {"naissances_2022", "births", 2022},
    {"deces_2022", "deaths", 2022},
    {"pop_15_64_totale_2021", "population_15_64", 2021},
    {"pop_15_64_active_2021", "active_15_64", 2021},
    {"pop_15_64_chomage_2021", "unemployed_15_64", 2021},
    {"superficie_km2", "area_km2", 2024},
};

struct Definition {
  const char* id;
  const char* name;
  const char* unit;
  const char* domain;
  const char* description;
  const char* source;
  const char* formula;
};

constexpr Definition kDefinitions[] = {
    {"population", "Municipal population", "inhabitants", "demography",
     "Residents counted by the census (INSEE population municipale in France), or as stated by the "
     "cited page elsewhere.",
     "https://www.insee.fr/fr/metadonnees/definition/c1751", ""},
    {"households", "Households", "households", "demography",
     "Households (ménages) counted by the census.", kComparateur, ""},
    {"births", "Births", "births/year", "demography", "Live births domiciled in the commune.",
     kComparateur, ""},
    {"deaths", "Deaths", "deaths/year", "demography", "Deaths domiciled in the commune.",
     kComparateur, ""},
    {"population_15_64", "Population aged 15-64", "inhabitants", "social",
     "Residents aged 15 to 64 (census).", kComparateur, ""},
    {"active_15_64", "Active population aged 15-64", "inhabitants", "social",
     "Residents aged 15 to 64 in work or looking for work (census).", kComparateur, ""},
    {"unemployed_15_64", "Unemployed aged 15-64", "inhabitants", "social",
     "Residents aged 15 to 64 who declare themselves unemployed (census).", kComparateur, ""},
    {"unemployment_rate", "Unemployment rate (census, 15-64)", "% of active 15-64", "social",
     "Unemployed aged 15-64 per 100 active residents aged 15-64, computed by duckweed from the "
     "census counts.",
     kComparateur, "100 * unemployed_15_64 / active_15_64"},
    {"area_km2", "Area", "km2", "land", "Area of the commune in the Code officiel géographique.",
     kCog, ""},
};

std::optional<double> Coordinate(const core::CsvTable& t, size_t r, size_t c, double limit,
                                 core::DiagnosticSink& sink) {
  auto v = t.Real(r, c, sink, /*required=*/false);
  if (v && (!std::isfinite(*v) || std::fabs(*v) > limit)) {
    sink.Add(t.Where(r, c),
             fmt::format("expected a coordinate in [-{0}, {0}], found {1}", limit, t.text(r, c)));
    return std::nullopt;
  }
  return v;
}

void AddFigure(const core::CsvTable& t, size_t r, size_t c, const ContextColumn& col,
               core::DiagnosticSink& sink, CommuneRow& row) {
  auto v = t.Real(r, c, sink, /*required=*/false);
  if (!v) return;
  if (!std::isfinite(*v) || *v < 0) {
    sink.Add(t.Where(r, c), fmt::format("expected a count >= 0, found {}", t.text(r, c)));
    return;
  }
  row.figures.push_back({col.indicator, col.year, *v});
}

}  // namespace

Result<std::vector<CommuneRow>> ReadCommuneTable(const std::filesystem::path& csv) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable t, core::ReadCsvFile(csv));
  core::DiagnosticSink sink;
  const auto c_id = t.RequireColumn("insee_com", sink);
  const auto c_lat = t.RequireColumn("lat", sink);
  const auto c_lng = t.RequireColumn("lng", sink);
  std::vector<std::optional<size_t>> c_fig;
  for (const ContextColumn& col : kColumns) c_fig.push_back(t.RequireColumn(col.column, sink));
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  std::vector<CommuneRow> rows;
  rows.reserve(t.row_count());
  for (size_t r = 0; r < t.row_count(); ++r) {
    CommuneRow row;
    auto code = t.String(r, *c_id, sink);
    if (!code) continue;
    row.id = "fr:" + *code;
    row.latitude = Coordinate(t, r, *c_lat, 90, sink);
    row.longitude = Coordinate(t, r, *c_lng, 180, sink);
    if (row.latitude.has_value() != row.longitude.has_value()) {
      sink.Add(t.Where(r, *c_lat), "expected both lat and lng, or neither");
    }
    for (size_t k = 0; k < c_fig.size(); ++k) AddFigure(t, r, *c_fig[k], kColumns[k], sink, row);
    double active = -1, unemployed = -1;
    for (const CommuneFigure& f : row.figures) {
      if (f.indicator_id == "active_15_64") active = f.value;
      if (f.indicator_id == "unemployed_15_64") unemployed = f.value;
    }
    if (active > 0 && unemployed >= 0) {
      row.figures.push_back({"unemployment_rate", 2021, 100.0 * unemployed / active});
    }
    rows.push_back(std::move(row));
  }
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  return rows;
}

Status WriteCommuneTable(Connection* db, const std::vector<CommuneRow>& rows,
                         PlacesSummary& summary) {
  DUCKWEED_ASSIGN_OR_RETURN(Statement define, Statement::Prepare(db, R"sql(
    INSERT INTO indicator (id, name, unit, domain, description, source, formula)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING)sql"));
  for (const Definition& d : kDefinitions) {
    define.Bind(1, d.id);
    define.Bind(2, d.name);
    define.Bind(3, d.unit);
    define.Bind(4, d.domain);
    define.Bind(5, d.description);
    define.Bind(6, d.source);
    define.Bind(7, d.formula);
    DUCKWEED_RETURN_IF_ERROR(define.Run());
  }
  DUCKWEED_ASSIGN_OR_RETURN(Statement exists,
                            Statement::Prepare(db, "SELECT 1 FROM territory WHERE id = ?1"));
  DUCKWEED_ASSIGN_OR_RETURN(
      Statement locate,
      Statement::Prepare(db, "UPDATE territory SET latitude = ?2, longitude = ?3 WHERE id = ?1"));
  DUCKWEED_ASSIGN_OR_RETURN(Statement observe, Statement::Prepare(db, R"sql(
    INSERT INTO observation (territory_id, indicator_id, year, kind, value, source, note)
    VALUES (?1, ?2, ?3, 'result', ?4, ?5, '')
    ON CONFLICT (territory_id, indicator_id, year, kind)
    DO UPDATE SET value = excluded.value, source = excluded.source,
      version = observation.version + 1)sql"));
  for (const CommuneRow& row : rows) {
    exists.Bind(1, row.id);
    DUCKWEED_ASSIGN_OR_RETURN(bool known, exists.Step());
    exists.Reset();
    if (!known) {
      ++summary.communes_unknown;
      continue;
    }
    if (row.latitude && row.longitude) {
      locate.Bind(1, row.id);
      locate.Bind(2, *row.latitude);
      locate.Bind(3, *row.longitude);
      DUCKWEED_RETURN_IF_ERROR(locate.Run());
    }
    for (const CommuneFigure& f : row.figures) {
      observe.Bind(1, row.id);
      observe.Bind(2, f.indicator_id);
      observe.Bind(3, static_cast<int64_t>(f.year));
      observe.Bind(4, f.value);
      observe.Bind(5, f.indicator_id == "area_km2" ? kCog : kComparateur);
      DUCKWEED_RETURN_IF_ERROR(observe.Run());
      ++summary.context_observations;
    }
  }
  return Status::Ok();
}

}  // namespace duckweed::store::internal
