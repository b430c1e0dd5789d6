// Case specifications for `duckweed qca cases`: how a store territory becomes a crisp (0/1) case.
//
// A SPEC is one of
//   initiative:DOMAIN                 1 when the territory has an initiative in DOMAIN ("*": any)
//   initiative:DOMAIN:INVOLVEMENT     ... with involvement at least INVOLVEMENT, in the order
//                                     inform < consult < co-produce < citizen-led
//   population<N, population>=N, ...  the territory's population, else its latest 'population'
//                                     result observation (operators <, <=, >, >=)
//   indicator:ID>=X, ...              the latest result observation of indicator ID
//   country:CC                        1 when the territory's country is CC (ISO alpha-2)
//   member:NETWORK[:CHANNEL]          1 when the territory is a member of NETWORK (from `import
//                                     table --network`), through CHANNEL when given
//                                     (coordinator, supporter or direct)
//   joined:NETWORK<=YEAR, ...         1 when it joined NETWORK in a year satisfying the comparison
//                                     (0 when not a member; missing when the date is unknown)
//   attr:NAME=V1|V2|...               1 when the categorical attribute NAME is one of the values
//                                     (missing when the territory has no value)
//   attr:NAME>=X, attr:NAME:fuzzy=... a numeric attribute, compared or calibrated
// Outcomes as results (also usable as conditions):
//   trend:ID>X, trend:ID@FROM-TO>=X   the least-squares slope per year of indicator ID's result
//                                     observations (of the years FROM..TO when given), compared;
//                                     missing with fewer than two years. Calibrated like an
//                                     indicator: trend:ID:fuzzy=E,C,I, trend:ID:levels=T,...
//   score:FILE:COLUMN>=X              an evaluation score: column COLUMN of the CSV FILE (its
//                                     first column names the territory: id, else name), e.g.
//                                     the systemic score of `evaluate scores`; missing when the
//                                     territory has no row or an empty cell; calibrated alike
// Population and indicators can also be calibrated as R QCA's calibrate() does (qca/calibrate.h):
//   population:fuzzy=E,C,I            fuzzy membership, direct method with the anchors full
//   indicator:ID:fuzzy=E,C,I          exclusion E, crossover C, full inclusion I (a decreasing
//                                     set when E > C > I)
//   population:levels=T1,T2,...       crisp (one threshold) or multi-value (several): the number
//   indicator:ID:levels=T1,T2,...     of thresholds at or below the value
// Errors: a malformed spec is kUsage naming the spec and what was expected; anchors or thresholds
// in the wrong order are kInvalidInput naming the spec; a score file that cannot be read, lacks
// the column or holds a non-number is an error naming the file (and line).
// Thread safety: values and pure functions.
#ifndef DUCKWEED_CLI_QCA_CASES_SPEC_H_
#define DUCKWEED_CLI_QCA_CASES_SPEC_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "duckweed/core/result.h"
#include "duckweed/qca/calibrate.h"
#include "duckweed/store/entities.h"
#include "duckweed/store/table_import.h"

namespace duckweed::cli {

struct CaseSpec {
  enum class Kind {
    kInitiative,
    kPopulation,
    kIndicator,
    kCountry,
    kMember,
    kJoined,
    kAttribute,
    kAttributeNumber,
    kTrend,
    kScore
  };
  // How a population or indicator value becomes a membership.
  enum class Scale { kComparison, kLevels, kFuzzy };
  Kind kind = Kind::kInitiative;
  Scale scale = Scale::kComparison;
  std::string text;                       // as written, for messages
  std::string domain;                     // kInitiative: "*" for any domain
  int min_involvement = 0;                // kInitiative: rank 0 (inform) .. 3 (citizen-led)
  std::string indicator;                  // kIndicator, kTrend: indicator id
  std::optional<int> from_year, to_year;  // kTrend: the years' window (inclusive)
  // kScore: the file's values by territory id or name (loaded when the spec is parsed).
  std::shared_ptr<const std::map<std::string, double>> scores;
  std::string country;              // kCountry: ISO 3166-1 alpha-2
  std::string network;              // kMember, kJoined
  std::string channel;              // kMember: "" (any), coordinator, supporter, direct
  std::string attribute;            // kAttribute, kAttributeNumber
  std::vector<std::string> values;  // kAttribute: the values that count as 1
  std::string op;                   // kPopulation / kIndicator: "<", "<=", ">", ">="
  double threshold = 0;
  std::vector<double> thresholds;  // kLevels: strictly increasing
  qca::FuzzyAnchors anchors;       // kFuzzy
};

struct NamedSpec {
  std::string name;  // column name in the case table
  CaseSpec spec;
};

// What the store knows about one territory, as needed to evaluate specs.
struct TerritoryFacts {
  store::Territory territory;
  std::vector<store::Initiative> initiatives;
  std::vector<store::Observation> observations;
  std::vector<store::NetworkMembership> memberships;
  std::vector<store::AttributeValue> attributes;
};

// Rank of an involvement level (inform 0 .. citizen-led 3), or -1 when unknown.
int InvolvementRank(const std::string& involvement);

core::Result<CaseSpec> ParseCaseSpec(const std::string& text);
// "NAME=SPEC"; NAME must be a non-empty identifier ([A-Za-z_][A-Za-z0-9_]*).
core::Result<NamedSpec> ParseNamedSpec(const std::string& arg);

// The membership (0 or 1; a level 0..T for kLevels; [0,1] for kFuzzy), or nullopt when the
// territory lacks the data the spec needs (population, observation, country).
std::optional<double> EvaluateSpec(const CaseSpec& spec, const TerritoryFacts& facts);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_QCA_CASES_SPEC_H_
