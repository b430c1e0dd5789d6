#include "duckweed/referentiel/referentiel.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "duckweed/referentiel/labellisation.h"
#include "duckweed/referentiel/personnalisation.h"
#include "duckweed/referentiel/referentiel_score.h"
#include "support/shared_data.h"

namespace duckweed::evaluate {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> GoldenCases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(DUCKWEED_GOLDEN_DIR "/referentiel")) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ReferentielGolden : public ::testing::TestWithParam<std::string> {};

// The case's personnalisation: rules written in the référentiel plus "rules_csv", evaluated for
// "identite" and "answers_csv". Returns the first error (or "").
std::string RunPersonnalisation(const nlohmann::json& doc, const Referentiel& ref,
                                std::optional<Personnalisation>& out) {
  if (!doc.contains("identite") && !doc.contains("answers_csv") && !doc.contains("rules_csv")) {
    return "";
  }
  auto rules = RulesFromReferentiel(ref);
  if (!rules.ok()) return rules.status().ToString();
  if (doc.contains("rules_csv")) {
    auto table = core::ParseCsv(doc["rules_csv"].get<std::string>(), "rules.csv");
    if (!table.ok()) return table.status().ToString();
    auto more = RulesFromCsv(*table, ref);
    if (!more.ok()) return more.status().ToString();
    rules->insert(rules->end(), more->begin(), more->end());
  }
  auto identite = ParseIdentite(doc.value("identite", ""));
  if (!identite.ok()) return identite.status().ToString();
  Answers answers;
  if (doc.contains("answers_csv")) {
    auto table = core::ParseCsv(doc["answers_csv"].get<std::string>(), "answers.csv");
    if (!table.ok()) return table.status().ToString();
    auto parsed = ParseAnswers(*table);
    if (!parsed.ok()) return parsed.status().ToString();
    answers = *parsed;
  }
  auto applied = ApplyRules(*rules, ref, *identite, answers);
  if (!applied.ok()) return applied.status().ToString();
  out = *applied;
  return "";
}

// Loads the case's référentiel and statuses, and returns the first error (or "").
std::string RunCase(const nlohmann::json& doc, std::optional<Referentiel>& ref,
                    std::optional<ReferentielScore>& score, std::optional<Personnalisation>& perso,
                    std::optional<LabelLevel>& label) {
  core::Result<Referentiel> loaded = core::Status::Internal("no référentiel in the case");
  if (doc.contains("referentiel")) {
    loaded = Referentiel::FromTreeJson(doc["referentiel"].dump(), "case.json");
  } else {
    auto table = core::ParseCsv(doc["actions_csv"].get<std::string>(), "actions.csv");
    if (!table.ok()) return table.status().ToString();
    loaded = Referentiel::FromActionsCsv(*table);
  }
  if (!loaded.ok()) return loaded.status().ToString();
  ref = *loaded;
  std::map<int, StatusEntry> statuses;
  if (doc.contains("statuses_csv")) {
    auto table = core::ParseCsv(doc["statuses_csv"].get<std::string>(), "statuses.csv");
    if (!table.ok()) return table.status().ToString();
    auto parsed = ParseStatuses(*table, *ref);
    if (!parsed.ok()) return parsed.status().ToString();
    statuses = *parsed;
  }
  if (auto error = RunPersonnalisation(doc, *ref, perso); !error.empty()) return error;
  score =
      ScoreReferentiel(*ref, statuses, perso ? perso->consequences : std::map<int, Consequence>{});
  if (doc.contains("criteria_csv")) {
    auto table = core::ParseCsv(doc["criteria_csv"].get<std::string>(), "criteria.csv");
    if (!table.ok()) return table.status().ToString();
    auto criteria = ParseStarCriteria(*table, *ref);
    if (!criteria.ok()) return criteria.status().ToString();
    label = EvaluateLabel(*ref, *score, statuses, *criteria);
  }
  return "";
}

void ExpectNode(const NodeScore& s, const nlohmann::json& want, const std::string& what) {
  for (const char* key : {"potential", "fait", "programme", "pas_fait", "non_renseigne"}) {
    if (!want.contains(key)) continue;
    const double got = std::string(key) == "potential"   ? s.potential
                       : std::string(key) == "fait"      ? s.fait
                       : std::string(key) == "programme" ? s.programme
                       : std::string(key) == "pas_fait"  ? s.pas_fait
                                                         : s.non_renseigne;
    EXPECT_NEAR(got, want[key].get<double>(), 1e-9) << what << "." << key;
  }
  if (want.contains("concerne")) {
    EXPECT_EQ(s.concerne, want["concerne"].get<bool>()) << what;
  }
}

TEST_P(ReferentielGolden, MatchesHandComputation) {
  const fs::path path = fs::path(DUCKWEED_GOLDEN_DIR) / "referentiel" / (GetParam() + ".json");
  const auto doc = nlohmann::json::parse(duckweed::testing::ReadFileOrFail(path));
  std::optional<Referentiel> ref;
  std::optional<ReferentielScore> score;
  std::optional<Personnalisation> perso;
  std::optional<LabelLevel> label;
  const std::string error = RunCase(doc, ref, score, perso, label);
  if (doc.contains("expected_error")) {
    EXPECT_NE(error.find(doc["expected_error"].get<std::string>()), std::string::npos)
        << "got: " << error;
    return;
  }
  ASSERT_EQ(error, "");
  const auto& want = doc["expected"];
  EXPECT_NEAR(ref->TotalPoints(), want["total_points"].get<double>(), 1e-9);
  ExpectNode(score->total, want["total"], "total");
  for (const auto& [id, node] : want["nodes"].items()) {
    ASSERT_GE(ref->IndexOf(id), 0) << id;
    ExpectNode(score->nodes[ref->IndexOf(id)], node, id);
  }
  EXPECT_NEAR(score->total.realise_pct(), want["realise_pct"].get<double>(), 1e-9);
  EXPECT_EQ(score->stars, want["stars"].get<int>());
  if (want.contains("unanswered")) {
    ASSERT_TRUE(perso.has_value());
    EXPECT_EQ(std::vector<std::string>(perso->unanswered.begin(), perso->unanswered.end()),
              want["unanswered"].get<std::vector<std::string>>());
  }
  if (want.contains("desactive")) {
    for (const auto& id : want["desactive"]) {
      EXPECT_TRUE(score->nodes[ref->IndexOf(id.get<std::string>())].desactive) << id;
    }
  }
  if (!want.contains("label")) return;
  ASSERT_TRUE(label.has_value());
  EXPECT_EQ(label->stars_by_score, want["label"]["stars_by_score"].get<int>());
  EXPECT_EQ(label->stars, want["label"]["stars"].get<int>());
  const auto& criteria = want["label"]["criteria"];
  ASSERT_EQ(label->criteria.size(), criteria.size());
  for (size_t k = 0; k < criteria.size(); ++k) {
    const auto& c = label->criteria[k];
    const std::string what = c.criterion.action_id;
    EXPECT_EQ(c.applies, criteria[k]["applies"].get<bool>()) << what;
    EXPECT_EQ(c.met, criteria[k]["met"].get<bool>()) << what;
    if (criteria[k].contains("realise_pct")) {
      EXPECT_NEAR(c.realise_pct, criteria[k]["realise_pct"].get<double>(), 1e-9) << what;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ReferentielGolden, ::testing::ValuesIn(GoldenCases()),
                         [](const auto& info) { return info.param; });

TEST(ReferentielTest, StarThresholds) {
  EXPECT_EQ(StarsFor(0), 1);
  EXPECT_EQ(StarsFor(34.99), 1);
  EXPECT_EQ(StarsFor(35), 2);
  EXPECT_EQ(StarsFor(50), 3);
  EXPECT_EQ(StarsFor(64.9), 3);
  EXPECT_EQ(StarsFor(65), 4);
  EXPECT_EQ(StarsFor(75), 5);
  EXPECT_EQ(StarsFor(100), 5);
}

// The README of ../shared/data/referentiels states CAE and ECI are worth 500 points and TE's axes
// sum to 550; the resolved points of every node that has a points_calc in the CSV must match it.
struct RealCase {
  const char* name;
  double total;
};

class RealReferentiel : public ::testing::TestWithParam<RealCase> {};

TEST_P(RealReferentiel, TotalPointsAsStatedInTheReadme) {
  const std::string name = GetParam().name;
  DUCKWEED_SHARED_FILE_OR_SKIP(tree, "referentiels/referentiel_" + name + "_tree.json");
  DUCKWEED_SHARED_FILE_OR_SKIP(csv, "referentiels/referentiel_" + name + "_actions.csv");
  auto from_tree =
      Referentiel::FromTreeJson(duckweed::testing::ReadFileOrFail(tree), tree.string());
  ASSERT_TRUE(from_tree.ok()) << from_tree.status().ToString();
  EXPECT_NEAR(from_tree->TotalPoints(), GetParam().total, 1e-6);
  auto table = core::ReadCsvFile(csv);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto from_csv = Referentiel::FromActionsCsv(*table);
  ASSERT_TRUE(from_csv.ok()) << from_csv.status().ToString();
  EXPECT_NEAR(from_csv->TotalPoints(), GetParam().total, 1e-6);
  EXPECT_EQ(from_csv->nodes().size(), from_tree->nodes().size());
  // Fully "fait" scores 100% of the potential, 5 stars.
  std::map<int, StatusEntry> all_done;
  for (int a : from_csv->axes()) all_done[a] = {ActionStatus::kFait};
  auto score = ScoreReferentiel(*from_csv, all_done);
  EXPECT_NEAR(score.total.fait, score.total.potential, 1e-6);
  EXPECT_EQ(score.stars, 5);
  // TE's "alter" variants carry points of their own: without the personnalisation that
  // desactivates one of each pair, the axes' potentials add both up (the platform sums children).
  if (name == "te") return;
  EXPECT_NEAR(score.total.fait, GetParam().total, 1e-6);
  const size_t c_id = *table->ColumnIndex("action_id"), c_calc = *table->ColumnIndex("points_calc");
  int compared = 0;
  for (size_t r = 0; r < table->row_count(); ++r) {
    if (table->text(r, c_calc).empty()) continue;
    const auto* node = from_csv->Find(table->text(r, c_id));
    ASSERT_NE(node, nullptr);
    EXPECT_NEAR(node->resolved_points, std::stod(table->text(r, c_calc)), 1e-6) << node->id;
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

INSTANTIATE_TEST_SUITE_P(Shared, RealReferentiel,
                         ::testing::Values(RealCase{"cae", 500}, RealCase{"eci", 500},
                                           RealCase{"te", 550}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace duckweed::evaluate
