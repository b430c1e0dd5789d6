#include "cli/calibrate_input.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "duckweed/core/csv.h"

namespace duckweed::cli {

namespace {

using core::Status;

// Spellings of "unknown" in real tables.
bool Blank(const std::string& s) {
  return s.empty() || s == "-" || s == "null" || s == "NULL" || s == "NA" || s == "n/a";
}

bool Digits(std::string_view s, size_t from, size_t n, int& out) {
  if (s.size() < from + n) return false;
  auto [end, ec] = std::from_chars(s.data() + from, s.data() + from + n, out);
  return ec == std::errc() && end == s.data() + from + n;
}

// The year of YYYY or YYYY-MM-DD[...], or 0 when it is not a date.
int YearOf(const std::string& text) {
  int year = 0, month = 0, day = 0;
  if (!Digits(text, 0, 4, year) || year < 1000) return 0;
  if (text.size() == 4) return year;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 5, 2, month) ||
      !Digits(text, 8, 2, day) || month < 1 || month > 12 || day < 1 || day > 31) {
    return 0;
  }
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return 0;
  return year;
}

std::optional<double> Number(const core::CsvTable& t, size_t r, size_t c, double lo, double hi,
                             const char* what, core::DiagnosticSink& sink) {
  std::string text = t.text(r, c);
  if (Blank(text)) return std::nullopt;
  // A decimal comma (European spreadsheets: "45,5397") reads as a decimal point.
  if (const size_t comma = text.find(',');
      comma != std::string::npos && text.find_first_of(",.", comma + 1) == std::string::npos &&
      text.find('.') == std::string::npos) {
    text[comma] = '.';
  }
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v) || v < lo ||
      v > hi) {
    sink.Add(t.Where(r, c), fmt::format("expected {} in [{}, {}], found '{}'", what, lo, hi, text));
    return std::nullopt;
  }
  return v;
}

struct ColumnIndex {
  size_t id = 0, date = 0;
  std::optional<size_t> lat, lon, population, country;
  std::vector<size_t> groups;
};

std::optional<ColumnIndex> Locate(const core::CsvTable& t, const AdoptionColumns& c, bool need_date,
                                  core::DiagnosticSink& sink) {
  ColumnIndex ix;
  auto id = t.RequireColumn(c.id, sink);
  auto date = need_date ? t.RequireColumn(c.date, sink) : t.ColumnIndex(c.date);
  ix.lat = c.lat.empty() ? std::nullopt : t.RequireColumn(c.lat, sink);
  ix.lon = c.lon.empty() ? std::nullopt : t.RequireColumn(c.lon, sink);
  if (!c.population.empty() && c.population != "none") {
    ix.population = t.RequireColumn(c.population, sink);
  }
  if (!c.country.empty()) ix.country = t.ColumnIndex(c.country);
  for (const std::string& g : c.groups) {
    auto at = need_date ? t.RequireColumn(g, sink) : t.ColumnIndex(g);
    ix.groups.push_back(at.value_or(SIZE_MAX));
  }
  if (!id || (need_date && !date) || sink.count() > 0) return std::nullopt;
  ix.id = *id;
  ix.date = date.value_or(SIZE_MAX);
  return ix;
}

int32_t GroupId(std::map<std::string, int32_t>& ids, std::string name, bool upper) {
  if (upper) {
    for (char& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  auto [it, added] = ids.emplace(std::move(name), static_cast<int32_t>(ids.size()));
  return it->second;
}

Status AddRows(AdoptionTable& table, const std::string& path, const AdoptionColumns& columns,
               bool adopters) {
  DUCKWEED_ASSIGN_OR_RETURN(core::CsvTable t, core::ReadCsvFile(path));
  core::DiagnosticSink sink;
  auto ix = Locate(t, columns, adopters, sink);
  DUCKWEED_RETURN_IF_ERROR(sink.ToStatus());
  table.group_ids.resize(columns.groups.size());
  std::unordered_map<std::string, int> seen;
  for (size_t i = 0; i < table.data.towns.size(); ++i) seen[table.data.towns[i].id] = -1;
  for (size_t r = 0; r < t.row_count(); ++r) {
    diffusion::CandidateTown town;
    town.id = t.text(r, ix->id);
    if (Blank(town.id)) {
      sink.Add(t.Where(r, ix->id), "expected an id, found an empty field");
      continue;
    }
    if (auto [it, added] = seen.emplace(town.id, t.row_line(r)); !added) {
      if (!adopters && it->second < 0) continue;  // an adopter listed again among candidates
      sink.Add(t.Where(r, ix->id),
               it->second > 0
                   ? fmt::format("duplicate id '{}' (first on line {})", town.id, it->second)
                   : fmt::format("id '{}' is already in the adoption table", town.id));
      continue;
    }
    if (adopters && ix->date != SIZE_MAX && !Blank(t.text(r, ix->date))) {
      const int year = YearOf(t.text(r, ix->date));
      if (year == 0) {
        sink.Add(t.Where(r, ix->date),
                 fmt::format("expected a date YYYY-MM-DD or a year YYYY, found '{}'",
                             t.text(r, ix->date)));
      }
      town.adoption_year = year == 0 ? diffusion::kNeverAdopted : year;
    } else if (adopters) {
      ++table.without_date;
    }
    if (ix->lat && ix->lon) {
      auto lat = Number(t, r, *ix->lat, -90, 90, "a latitude", sink);
      auto lon = Number(t, r, *ix->lon, -180, 180, "a longitude", sink);
      if (lat && lon) {
        town.latitude = *lat;
        town.longitude = *lon;
      }
    }
    if (std::isnan(town.latitude)) ++table.without_coordinates;
    if (ix->population) {
      auto pop = Number(t, r, *ix->population, 0, 1e10, "a population", sink);
      if (pop && *pop > 0) town.log_population = std::log(*pop);
    }
    if (std::isnan(town.log_population)) ++table.without_population;
    for (size_t c = 0; c < ix->groups.size(); ++c) {
      const std::string& g = ix->groups[c] == SIZE_MAX ? std::string() : t.text(r, ix->groups[c]);
      town.groups.push_back(
          Blank(g) ? -1 : GroupId(table.group_ids[c], g, columns.groups[c] == columns.country));
    }
    std::string country = ix->country ? t.text(r, *ix->country) : "";
    for (char& ch : country) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    table.countries.push_back(Blank(country) ? "" : country);
    table.data.towns.push_back(std::move(town));
    ++table.rows;
  }
  return sink.ToStatus();
}

}  // namespace

core::Result<AdoptionTable> ReadAdoptionTable(const std::string& path,
                                              const AdoptionColumns& columns) {
  AdoptionTable table;
  table.data.group_columns = columns.groups;
  DUCKWEED_RETURN_IF_ERROR(AddRows(table, path, columns, /*adopters=*/true));
  return table;
}

core::Status AddCandidateFile(AdoptionTable& table, const std::string& path,
                              const AdoptionColumns& columns) {
  return AddRows(table, path, columns, /*adopters=*/false);
}

}  // namespace duckweed::cli
