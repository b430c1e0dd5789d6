// Postures: Likert survey answers of residents, employees and elected officials aggregated per
// group, year and item, with sample sizes and 95% confidence intervals (t-interval for the mean
// answer; Wilson score interval for the share who agree, i.e. answer >= agree_from).
// When the survey has a respondent column, a posture index per group and year is the mean over
// respondents of their mean answer (one value per respondent, so the t-interval is valid).
//
// CSV columns: group, year, item, answer (integer on the scale; empty = no answer), optional
// respondent.
//
// Thread safety: pure functions. Complexity: O(answers log answers).
#ifndef DUCKWEED_SYSTEMIC_POSTURES_H_
#define DUCKWEED_SYSTEMIC_POSTURES_H_

#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/core/result.h"
#include "duckweed/systemic/stats.h"

namespace duckweed::evaluate {

struct LikertScale {
  int min = 1, max = 5;
  int agree_from = 4;  // "agree" = top boxes
};

struct PostureCell {
  std::string group;
  int year = 0;
  std::string item;  // "*" for the posture index over items
  int n = 0;         // answers (or respondents for the index)
  int missing = 0;   // empty answers
  MeanSummary mean;
  double agree_share = 0;
  Interval agree_ci;  // Wilson; for the index: share of respondents whose mean >= agree_from
};

// Errors (collected, file:line:column): missing columns, a non-integer answer, an answer outside
// the scale ("answer 7 outside the scale 1..5"), a non-integer year, an invalid scale.
core::Result<std::vector<PostureCell>> SummarisePostures(const core::CsvTable& table,
                                                         const LikertScale& scale);

}  // namespace duckweed::evaluate

#endif  // DUCKWEED_SYSTEMIC_POSTURES_H_
