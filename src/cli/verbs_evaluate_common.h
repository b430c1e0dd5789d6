// Internal to the CLI: helpers shared by the `evaluate` and `transfer` verbs (one file per verb,
// verbs_evaluate_*.cc and verbs_transfer.cc), and each verb file's registration function.
#ifndef DUCKWEED_CLI_VERBS_EVALUATE_COMMON_H_
#define DUCKWEED_CLI_VERBS_EVALUATE_COMMON_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_context.h"
#include "duckweed/app/json_util.h"
#include "duckweed/app/postures.h"
#include "duckweed/app/referentiel.h"
#include "duckweed/app/scores.h"
#include "duckweed/core/result.h"
#include "duckweed/referentiel/labellisation.h"
#include "duckweed/referentiel/personnalisation.h"
#include "duckweed/referentiel/referentiel.h"
#include "duckweed/referentiel/referentiel_score.h"
#include "duckweed/systemic/aggregate.h"
#include "duckweed/systemic/capacity.h"
#include "duckweed/systemic/domain_scores.h"
#include "duckweed/systemic/postures.h"

namespace duckweed::cli {

// The use cases' functions and JSON live in the application layer (src/app).
using app::Clean;
using app::LoadCapacity;
using app::OptionalNumber;
using app::ParseScale;
using app::PostureJson;
using app::ReferentielFiles;
using app::ReferentielJson;
using app::ReferentielResult;
using app::ScoreReferentielFiles;
using app::ScoresJson;
using app::TownScores;

std::string Num(const std::optional<double>& v, const char* format = "{:.3f}");

void RegisterEvaluateAggregate(CLI::App& evaluate, CliContext& ctx);    // aggregate, identify
void RegisterEvaluateScores(CLI::App& evaluate, CliContext& ctx);       // domains, scores
void RegisterEvaluateReferentiel(CLI::App& evaluate, CliContext& ctx);  // referentiel
void RegisterEvaluatePostures(CLI::App& evaluate, CliContext& ctx);     // postures
void RegisterEvaluatePeers(CLI::App& evaluate, CliContext& ctx);        // peers
// `evaluate TOWN --out DIR`: options on the `evaluate` command itself and its callback.
void RegisterEvaluateTownReport(CLI::App& evaluate, CliContext& ctx);
void RegisterTransfer(CLI::App& app, CliContext& ctx);  // transfer

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_VERBS_EVALUATE_COMMON_H_
