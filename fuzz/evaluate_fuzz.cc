// libFuzzer target: the evaluation input readers — capacity JSON, référentiel (tree JSON or
// actions CSV) with statuses, personnalisation rules and answers, star criteria, survey CSV,
// recipes JSON — must never crash, hang or read out of bounds. The first byte picks the reader;
// for the référentiel CSV the bytes are split at NULs into actions, statuses, rules and answers.
// A capacity that is read must survive a round trip through its JSON with the same importances.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/referentiel/labellisation.h"
#include "duckweed/referentiel/personnalisation.h"
#include "duckweed/referentiel/referentiel.h"
#include "duckweed/referentiel/referentiel_score.h"
#include "duckweed/systemic/capacity.h"
#include "duckweed/systemic/postures.h"
#include "duckweed/transfer/transfer.h"

namespace {

using namespace duckweed;
using namespace duckweed::evaluate;

std::vector<std::string_view> SplitAtNul(std::string_view text, size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const size_t nul = text.find('\0');
    if (nul == std::string_view::npos) break;
    out.push_back(text.substr(0, nul));
    text.remove_prefix(nul + 1);
  }
  out.push_back(text);
  out.resize(parts);
  return out;
}

void Capacity(std::string_view text) {
  auto cap = ParseCapacityJson(text, "fuzz.json");
  if (!cap.ok()) return;
  auto again = ParseCapacityJson(CapacityToJson(*cap), "again.json");
  if (!again.ok() || again->criteria() != cap->criteria()) __builtin_trap();
  std::vector<double> x(cap->size(), 0.5);
  (void)Choquet(*cap, x);
}

// Scores a référentiel with everything the bytes give: statuses, rules, answers, criteria.
void Score(const Referentiel& ref, const std::vector<std::string_view>& parts) {
  std::map<int, StatusEntry> statuses;
  if (auto t = core::ParseCsv(parts[0], "statuses.csv"); t.ok()) {
    if (auto s = ParseStatuses(*t, ref); s.ok()) statuses = *s;
  }
  std::map<int, Consequence> consequences;
  if (auto rules = RulesFromReferentiel(ref); rules.ok()) {
    if (auto t = core::ParseCsv(parts[1], "rules.csv"); t.ok()) {
      if (auto more = RulesFromCsv(*t, ref); more.ok()) {
        rules->insert(rules->end(), more->begin(), more->end());
      }
    }
    Answers answers;
    if (auto t = core::ParseCsv(parts[2], "answers.csv"); t.ok()) {
      if (auto a = ParseAnswers(*t); a.ok()) answers = *a;
    }
    auto identite = ParseIdentite("type=commune,population=6900,localisation=Metropole");
    if (auto p = ApplyRules(*rules, ref, *identite, answers); p.ok())
      consequences = p->consequences;
  }
  const ReferentielScore score = ScoreReferentiel(ref, statuses, consequences);
  if (auto t = core::ParseCsv(parts[3], "criteria.csv"); t.ok()) {
    if (auto c = ParseStarCriteria(*t, ref); c.ok()) (void)EvaluateLabel(ref, score, statuses, *c);
  }
}

void ReferentielCsv(std::string_view text) {
  const auto parts = SplitAtNul(text, 5);
  auto table = core::ParseCsv(parts[0], "actions.csv");
  if (!table.ok()) return;
  auto ref = Referentiel::FromActionsCsv(*table);
  if (ref.ok()) Score(*ref, std::vector<std::string_view>(parts.begin() + 1, parts.end()));
}

void ReferentielTree(std::string_view text) {
  const auto parts = SplitAtNul(text, 5);
  auto ref = Referentiel::FromTreeJson(std::string(parts[0]), "tree.json");
  if (ref.ok()) Score(*ref, std::vector<std::string_view>(parts.begin() + 1, parts.end()));
}

void Survey(std::string_view text) {
  auto table = core::ParseCsv(text, "survey.csv");
  if (table.ok()) (void)SummarisePostures(*table, LikertScale{1, 5, 4});
}

void FormulaText(std::string_view text) { (void)ParseFormula(std::string(text), {"fuzz"}); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 6) {
    case 0:
      Capacity(text);
      break;
    case 1:
      ReferentielCsv(text);
      break;
    case 2:
      ReferentielTree(text);
      break;
    case 3:
      Survey(text);
      break;
    case 4:
      FormulaText(text);
      break;
    default:
      if (auto recipes = qca::RecipesFromJson(text, "recipes.json"); recipes.ok()) {
        for (const auto& r : *recipes) (void)LiteralsOf(r);
      }
      break;
  }
  return 0;
}
