// From indicator observations to domain scores per year.
//
// Each indicator is declared with its domain (taxonomy.h) and value function: linear from the
// baseline (a value, or the observation of the baseline year) to a target, or piecewise anchors.
// An indicator's score for a year is its value function applied to that year's observation; a
// domain's score for a year is the weighted mean of its indicators' scores that year. Missing data
// stays missing: a domain with no scored indicator in a year has no score (never zero), and every
// score carries the number of indicators it rests on.
//
// Specification CSV columns: indicator, domain (an id, alias or ADEME theme), target (or piecewise
// "v:s;v:s"), and optionally baseline, baseline_year, direction (up/down, checked against baseline
// and target), weight. Observation CSV columns: indicator, year, value (optional territory and
// kind, as the store's observations export; other columns are ignored).
//
// Thread safety: pure functions. Complexity: O(observations log observations).
#ifndef DUCKWEED_SYSTEMIC_DOMAIN_SCORES_H_
#define DUCKWEED_SYSTEMIC_DOMAIN_SCORES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/systemic/taxonomy.h"
#include "duckweed/systemic/value_function.h"

namespace duckweed::evaluate {

struct Observation {
  std::string indicator;
  int year = 0;
  double value = 0;
  core::Location where;  // for diagnostics
};

struct IndicatorSpec {
  std::string indicator;
  std::string domain;
  double weight = 1;
  // Either a complete value function, or a linear one waiting for its baseline observation.
  std::optional<ValueFunction> function;
  std::optional<int> baseline_year;
  double target = 0;
  std::string direction;  // "", "up" or "down"
  core::Location where;
};

// Parses a specification CSV. Errors (collected): unknown domain, no target nor piecewise, a
// direction that contradicts baseline -> target, an invalid piecewise function, a linear
// indicator with neither baseline nor baseline_year, an indicator listed twice.
core::Result<std::vector<IndicatorSpec>> ParseIndicatorSpecs(const core::CsvTable& table,
                                                             const Taxonomy& taxonomy);
// Parses an observation CSV. When `territory` is not empty and the CSV has a territory column,
// only that territory's rows are kept; with a kind column (the store's export), only "result" rows
// (targets are not observations). Errors (collected): missing columns, non-numeric year or
// value.
core::Result<std::vector<Observation>> ParseObservations(const core::CsvTable& table,
                                                         const std::string& territory = "");

struct IndicatorScore {
  std::string indicator, domain;
  int year = 0;
  double value = 0, score = 0;
};

struct DomainScores {
  std::vector<std::string> domains;  // the taxonomy's order
  std::vector<int> years;            // ascending, every year with an observation
  // score[d][y]: nullopt when no indicator of domain d was observed in year y.
  std::vector<std::vector<std::optional<double>>> score;
  std::vector<std::vector<int>> used;     // indicators behind score[d][y]
  std::vector<std::vector<int>> carried;  // of which carried forward from an earlier year
  std::vector<int> declared;              // indicators declared per domain
  std::vector<IndicatorScore> indicators;

  std::optional<double> At(const std::string& domain, int year) const;
};

struct DomainScoreOptions {
  // A year without an observation of an indicator reuses its latest earlier observation at most
  // this many years old (last observation carried forward; 0 = never). Carried values count in
  // DomainScores::carried so reports can flag them.
  int carry_forward_years = 0;
};

// Errors (collected): an observation of an undeclared indicator ("unknown indicator"), a linear
// indicator whose baseline year has no observation ("missing baseline"), a baseline equal to the
// target, the same indicator observed twice in a year.
core::Result<DomainScores> ComputeDomainScores(const std::vector<IndicatorSpec>& specs,
                                               const std::vector<Observation>& observations,
                                               const Taxonomy& taxonomy,
                                               const DomainScoreOptions& options = {});

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_DOMAIN_SCORES_H_
