// Internal: the calendar parts of the run and comparison records (one definition for both).
#ifndef DUCKWEED_SRC_DIFFUSION_CALENDAR_JSON_H_
#define DUCKWEED_SRC_DIFFUSION_CALENDAR_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/diffusion/calendar.h"

namespace duckweed::diffusion::internal {

// {name, source, fit_years, memory, year_shock_sd, parameters [{name, estimate, stderr}]}.
nlohmann::ordered_json CalibratedModelJson(const CalibratedModel& model);

// {layers, unmatched, years [{year, mean, lo, hi}], reach [{fraction, target, replicas_reached,
// year, lo, hi}] (null: later than the last year), sentences [...]}.
nlohmann::ordered_json CalendarJson(const CalendarResult& result, const std::string& what);

// "year  mean  5%  95%" rows.
std::string YearsTable(const CalendarResult& result);

}  // namespace duckweed::diffusion::internal

#endif  // DUCKWEED_SRC_DIFFUSION_CALENDAR_JSON_H_
