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
#include "duckweed/core/result.h"
#include "duckweed/evaluate/aggregate.h"
#include "duckweed/evaluate/capacity.h"
#include "duckweed/evaluate/domain_scores.h"
#include "duckweed/evaluate/labellisation.h"
#include "duckweed/evaluate/personnalisation.h"
#include "duckweed/evaluate/postures.h"
#include "duckweed/evaluate/referentiel.h"
#include "duckweed/evaluate/referentiel_score.h"

namespace duckweed::cli {

core::Result<evaluate::TwoAdditiveCapacity> LoadCapacity(const std::string& path);
// Rounds away floating-point dust so that an exact tie prints as 0, not -0.0000.
double Clean(double v);
nlohmann::ordered_json OptionalNumber(const std::optional<double>& v);
std::string Num(const std::optional<double>& v, const char* format = "{:.3f}");

// Domain scores per year from files; the capacity is optional (verbs_evaluate_scores.cc).
struct TownScores {
  evaluate::DomainScores scores;
  std::optional<evaluate::TwoAdditiveCapacity> capacity;
  std::vector<evaluate::YearAggregate> systemic;
};
core::Result<TownScores> LoadTownScores(const std::string& indicators,
                                        const std::string& observations,
                                        const std::string& capacity_path, int carry_forward);
nlohmann::ordered_json ScoresJson(const TownScores& town);

// Likert scale "MIN:MAX"; agree_from 0 = the top quarter (verbs_evaluate_postures.cc).
core::Result<evaluate::LikertScale> ParseScale(const std::string& text, int agree_from);
nlohmann::ordered_json PostureJson(const evaluate::PostureCell& c);

// A référentiel's files: the tree or actions, the statuses, and the personnalisation (rules
// beside those written in the référentiel, identity, answers) and star criteria, all optional
// but one of tree / actions (verbs_evaluate_referentiel.cc).
struct ReferentielFiles {
  std::string tree, actions, statuses, rules, identity, answers, criteria;
};
struct ReferentielResult {
  evaluate::Referentiel referentiel;
  evaluate::ReferentielScore score;
  std::optional<evaluate::Personnalisation> personnalisation;  // when identity or answers given
  std::optional<evaluate::LabelLevel> label;                   // when criteria given
};
core::Result<ReferentielResult> ScoreReferentielFiles(const ReferentielFiles& files);
nlohmann::ordered_json ReferentielJson(const ReferentielResult& r);

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
