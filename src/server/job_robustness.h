// Internal to the server: the robustness job (POST /api/v1/jobs/robustness) — the QCA of the
// server's case base (serve --cases) over a grid of inclusion and frequency cut-offs, as
// `duckweed qca robustness CASES --json` computes it (app/qca_robustness.h).
#ifndef DUCKWEED_SERVER_JOB_ROBUSTNESS_H_
#define DUCKWEED_SERVER_JOB_ROBUSTNESS_H_

#include <nlohmann/json.hpp>

#include "duckweed/core/result.h"
#include "server/context.h"

namespace duckweed::server {

// The job's work, its parameters checked first (types, ranges, the table's columns): every error
// is a 4xx naming its field, and nothing is queued. Parameters: outcome (default the table's last
// column, as `qca cases` writes it; "~Y" for its negation), conditions (default every other
// column), incl_cuts (default 0.7..0.9 by 0.05), n_cuts (default [1]), solution (complex,
// parsimonious or both), anchors (calibration variants, see CalibrationVariants). The result is
// the JSON of `qca robustness --json`.
core::Result<JobWork> RobustnessJob(const ServerContext& ctx, const nlohmann::json& parameters);

}  // namespace duckweed::server

#endif  // DUCKWEED_SERVER_JOB_ROBUSTNESS_H_
