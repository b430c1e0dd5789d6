#include "cli/qca_cases_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "duckweed/core/csv.h"

namespace duckweed::cli {

namespace {

constexpr std::array<const char*, 4> kInvolvements = {"inform", "consult", "co-produce",
                                                      "citizen-led"};

core::Status Bad(const std::string& text, const std::string& expected) {
  return core::Status::Usage(fmt::format("case spec '{}': expected {}", text, expected));
}

// Splits "LHS<op>NUMBER" on the first comparison operator.
core::Status ParseComparison(const std::string& text, const std::string& body, std::string& lhs,
                             CaseSpec& spec) {
  size_t pos = body.find_first_of("<>");
  if (pos == std::string::npos || pos == 0) {
    return Bad(text, "a comparison such as population<10000 or indicator:ID>=X");
  }
  lhs = body.substr(0, pos);
  size_t op_len = pos + 1 < body.size() && body[pos + 1] == '=' ? 2 : 1;
  spec.op = body.substr(pos, op_len);
  std::string number = body.substr(pos + op_len);
  const char* end = number.data() + number.size();
  auto [ptr, ec] = std::from_chars(number.data(), end, spec.threshold);
  if (number.empty() || ec != std::errc() || ptr != end) {
    return Bad(text, fmt::format("a number after '{}', found '{}'", spec.op, number));
  }
  return core::Status::Ok();
}

bool Compare(double value, const CaseSpec& spec) {
  if (spec.op == "<") return value < spec.threshold;
  if (spec.op == "<=") return value <= spec.threshold;
  if (spec.op == ">") return value > spec.threshold;
  return value >= spec.threshold;
}

// The latest "result" observation of `indicator`, if any.
std::optional<double> Latest(const TerritoryFacts& facts, const std::string& indicator) {
  std::optional<double> value;
  int year = 0;
  for (const auto& o : facts.observations) {
    if (o.indicator_id != indicator || o.kind != "result") continue;
    if (!value || o.year >= year) {
      value = o.value;
      year = o.year;
    }
  }
  return value;
}

// Least-squares slope per year of the result observations of `indicator` in the window; nullopt
// with fewer than two distinct years.
std::optional<double> Slope(const TerritoryFacts& facts, const CaseSpec& spec) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const auto& o : facts.observations) {
    if (o.indicator_id != spec.indicator || o.kind != "result") continue;
    if ((spec.from_year && o.year < *spec.from_year) || (spec.to_year && o.year > *spec.to_year)) {
      continue;
    }
    const double x = o.year;
    n += 1;
    sx += x;
    sy += o.value;
    sxx += x * x;
    sxy += x * o.value;
  }
  const double den = n * sxx - sx * sx;
  if (n < 2 || den <= 0) return std::nullopt;
  return (n * sxy - sx * sy) / den;
}

// "ID" or "ID@FROM-TO" of a trend spec.
core::Status ParseTrendTarget(const std::string& text, const std::string& target, CaseSpec& spec) {
  const size_t at = target.find('@');
  spec.indicator = target.substr(0, at);
  if (spec.indicator.empty()) return Bad(text, "trend:ID>X or trend:ID@FROM-TO>X");
  if (at == std::string::npos) return core::Status::Ok();
  const std::string window = target.substr(at + 1);
  int from = 0, to = 0;
  const size_t dash = window.find('-');
  auto year = [](const std::string& s, int& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
  };
  if (dash == std::string::npos || !year(window.substr(0, dash), from) ||
      !year(window.substr(dash + 1), to) || from >= to) {
    return Bad(text, fmt::format("a window of years FROM-TO with FROM < TO after '@', found '{}'",
                                 window));
  }
  spec.from_year = from;
  spec.to_year = to;
  return core::Status::Ok();
}

// Loads column `column` of the score file, keyed by its first column.
core::Status LoadScores(const std::string& text, const std::string& file, const std::string& column,
                        CaseSpec& spec) {
  auto table = core::ReadCsvFile(file);
  if (!table.ok()) {
    const std::string message = fmt::format("case spec '{}': {}", text, table.status().message());
    return table.status().code() == core::Code::kIoError ? core::Status::IoError(message)
                                                         : core::Status::InvalidInput(message);
  }
  core::DiagnosticSink sink;
  auto col = table->RequireColumn(column, sink);
  auto scores = std::make_shared<std::map<std::string, double>>();
  if (col) {
    for (size_t r = 0; r < table->row_count(); ++r) {
      auto v = table->Real(r, *col, sink, /*required=*/false);
      if (v) (*scores)[table->text(r, 0)] = *v;
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  spec.scores = std::move(scores);
  return core::Status::Ok();
}

// "A,B,C" as numbers.
core::Status ParseNumbers(const std::string& text, const std::string& list,
                          std::vector<double>& out) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(start, comma - start);
    double v = 0;
    const char* end = item.data() + item.size();
    auto [ptr, ec] = std::from_chars(item.data(), end, v);
    if (item.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) {
      return Bad(text, fmt::format("comma-separated numbers, found '{}'", item));
    }
    out.push_back(v);
    start = comma + 1;
  }
  return core::Status::Ok();
}

// A ":fuzzy=E,C,I" or ":levels=T1,..." suffix of `body`; false when it has none.
core::Result<bool> ParseCalibration(const std::string& text, std::string& body, CaseSpec& spec) {
  for (const auto& [key, scale] :
       {std::pair<std::string, CaseSpec::Scale>{":fuzzy=", CaseSpec::Scale::kFuzzy},
        {":levels=", CaseSpec::Scale::kLevels}}) {
    size_t at = body.rfind(key);
    if (at == std::string::npos) continue;
    std::vector<double> v;
    DUCKWEED_RETURN_IF_ERROR(ParseNumbers(text, body.substr(at + key.size()), v));
    body = body.substr(0, at);
    spec.scale = scale;
    if (scale == CaseSpec::Scale::kFuzzy) {
      if (v.size() != 3) {
        return Bad(
            text, fmt::format("three anchors (exclusion,crossover,inclusion), found {}", v.size()));
      }
      spec.anchors = {v[0], v[1], v[2]};
      // The calibration's own check of the anchors' order, reported against the spec.
      auto check = qca::CalibrateFuzzy({}, spec.anchors);
      if (!check.ok()) {
        return core::Status::InvalidInput(
            fmt::format("case spec '{}': {}", text, check.status().message()));
      }
    } else {
      spec.thresholds = v;
      auto check = qca::CalibrateCrisp({}, spec.thresholds);
      if (!check.ok()) {
        return core::Status::InvalidInput(
            fmt::format("case spec '{}': {}", text, check.status().message()));
      }
    }
    return true;
  }
  return false;
}

// Calibrates one raw value under the spec's scale.
double Calibrated(double value, const CaseSpec& spec) {
  switch (spec.scale) {
    case CaseSpec::Scale::kFuzzy:
      return (*qca::CalibrateFuzzy({value}, spec.anchors))[0];
    case CaseSpec::Scale::kLevels:
      return (*qca::CalibrateCrisp({value}, spec.thresholds))[0];
    case CaseSpec::Scale::kComparison:
      break;
  }
  return Compare(value, spec) ? 1 : 0;
}

bool IsIdentifier(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char ch : s) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return false;
  }
  return true;
}

core::Result<CaseSpec> ParseMember(const std::string& text) {
  CaseSpec spec;
  spec.text = text;
  spec.kind = CaseSpec::Kind::kMember;
  spec.network = text.substr(7);
  const size_t colon = spec.network.rfind(':');
  if (colon != std::string::npos) {
    const std::string channel = spec.network.substr(colon + 1);
    if (channel == "coordinator" || channel == "supporter" || channel == "direct") {
      spec.channel = channel;
      spec.network = spec.network.substr(0, colon);
    }
  }
  if (spec.network.empty()) return Bad(text, "member:NETWORK[:coordinator|supporter|direct]");
  return spec;
}

core::Result<CaseSpec> ParseAttribute(const std::string& text) {
  CaseSpec spec;
  spec.text = text;
  std::string body = text.substr(5);
  const size_t cmp = body.find_first_of("<>");
  const size_t eq = body.find('=');
  if (eq != std::string::npos && (cmp == std::string::npos || eq < cmp) &&
      body.find(":fuzzy=") == std::string::npos && body.find(":levels=") == std::string::npos) {
    spec.kind = CaseSpec::Kind::kAttribute;
    spec.attribute = body.substr(0, eq);
    const std::string list = body.substr(eq + 1);
    for (size_t start = 0;;) {
      const size_t bar = list.find('|', start);
      spec.values.push_back(list.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    for (const auto& v : spec.values) {
      if (v.empty()) return Bad(text, "attr:NAME=V1|V2|... with non-empty values");
    }
    if (spec.attribute.empty()) return Bad(text, "attr:NAME=V1|V2|...");
    return spec;
  }
  spec.kind = CaseSpec::Kind::kAttributeNumber;
  DUCKWEED_ASSIGN_OR_RETURN(bool calibrated, ParseCalibration(text, body, spec));
  if (calibrated) {
    if (body.empty()) return Bad(text, "attr:NAME:fuzzy=E,C,I or attr:NAME:levels=T,...");
    spec.attribute = body;
    return spec;
  }
  std::string lhs;
  DUCKWEED_RETURN_IF_ERROR(ParseComparison(text, body, lhs, spec));
  spec.attribute = lhs;
  return spec;
}

const store::AttributeValue* FindAttribute(const TerritoryFacts& facts, const std::string& name) {
  for (const auto& a : facts.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::optional<double> EvaluateMembership(const CaseSpec& spec, const TerritoryFacts& facts) {
  if (spec.kind == CaseSpec::Kind::kMember) {
    for (const auto& m : facts.memberships) {
      if (m.network == spec.network && (spec.channel.empty() || m.channel == spec.channel)) {
        return 1;
      }
    }
    return 0;
  }
  std::optional<int> year;
  bool member = false;
  for (const auto& m : facts.memberships) {
    if (m.network != spec.network) continue;
    member = true;
    if (m.joined.size() >= 4) year = std::stoi(m.joined.substr(0, 4));
  }
  if (!member) return 0;
  if (!year) return std::nullopt;
  return Compare(*year, spec) ? 1 : 0;
}

std::optional<double> EvaluateAttribute(const CaseSpec& spec, const TerritoryFacts& facts) {
  const store::AttributeValue* a = FindAttribute(facts, spec.attribute);
  if (!a) return std::nullopt;
  if (spec.kind == CaseSpec::Kind::kAttribute) {
    return std::find(spec.values.begin(), spec.values.end(), a->value) != spec.values.end() ? 1 : 0;
  }
  double v = 0;
  const char* end = a->value.data() + a->value.size();
  auto [ptr, ec] = std::from_chars(a->value.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return Calibrated(v, spec);
}

}  // namespace

int InvolvementRank(const std::string& involvement) {
  for (size_t i = 0; i < kInvolvements.size(); ++i) {
    if (involvement == kInvolvements[i]) return static_cast<int>(i);
  }
  return -1;
}

core::Result<CaseSpec> ParseCaseSpec(const std::string& text) {
  CaseSpec spec;
  spec.text = text;
  const std::string kInit = "initiative:";
  const std::string kInd = "indicator:";
  if (text.rfind(kInit, 0) == 0) {
    spec.kind = CaseSpec::Kind::kInitiative;
    std::string rest = text.substr(kInit.size());
    size_t colon = rest.find(':');
    spec.domain = rest.substr(0, colon);
    if (spec.domain.empty()) return Bad(text, "initiative:DOMAIN[:INVOLVEMENT] (DOMAIN or *)");
    if (colon != std::string::npos) {
      std::string level = rest.substr(colon + 1);
      spec.min_involvement = InvolvementRank(level);
      if (spec.min_involvement < 0) {
        return Bad(text, fmt::format("involvement inform, consult, co-produce or citizen-led, "
                                     "found '{}'",
                                     level));
      }
    }
    return spec;
  }
  std::string lhs;
  if (text.rfind(kInd, 0) == 0) {
    spec.kind = CaseSpec::Kind::kIndicator;
    std::string body = text.substr(kInd.size());
    DUCKWEED_ASSIGN_OR_RETURN(bool calibrated, ParseCalibration(text, body, spec));
    if (calibrated) {
      if (body.empty()) return Bad(text, "indicator:ID:fuzzy=E,C,I or indicator:ID:levels=T,...");
      spec.indicator = body;
      return spec;
    }
    DUCKWEED_RETURN_IF_ERROR(ParseComparison(text, body, lhs, spec));
    spec.indicator = lhs;
    return spec;
  }
  if (text.rfind("trend:", 0) == 0 || text.rfind("score:", 0) == 0) {
    const bool trend = text[0] == 't';
    spec.kind = trend ? CaseSpec::Kind::kTrend : CaseSpec::Kind::kScore;
    std::string body = text.substr(6);
    DUCKWEED_ASSIGN_OR_RETURN(bool calibrated, ParseCalibration(text, body, spec));
    if (!calibrated) DUCKWEED_RETURN_IF_ERROR(ParseComparison(text, body, lhs, spec));
    const std::string target = calibrated ? body : lhs;
    if (trend) {
      DUCKWEED_RETURN_IF_ERROR(ParseTrendTarget(text, target, spec));
      return spec;
    }
    const size_t colon = target.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == target.size()) {
      return Bad(text, "score:FILE:COLUMN>=X (or :fuzzy=E,C,I, :levels=T,...)");
    }
    DUCKWEED_RETURN_IF_ERROR(
        LoadScores(text, target.substr(0, colon), target.substr(colon + 1), spec));
    return spec;
  }
  const std::string kCountry = "country:";
  if (text.rfind(kCountry, 0) == 0) {
    spec.kind = CaseSpec::Kind::kCountry;
    spec.country = text.substr(kCountry.size());
    if (spec.country.size() != 2) return Bad(text, "country:CC with a two-letter ISO code");
    return spec;
  }
  if (text.rfind("member:", 0) == 0) return ParseMember(text);
  if (text.rfind("joined:", 0) == 0) {
    spec.kind = CaseSpec::Kind::kJoined;
    DUCKWEED_RETURN_IF_ERROR(ParseComparison(text, text.substr(7), lhs, spec));
    spec.network = lhs;
    return spec;
  }
  if (text.rfind("attr:", 0) == 0) return ParseAttribute(text);
  if (text.rfind("population", 0) == 0) {
    spec.kind = CaseSpec::Kind::kPopulation;
    std::string body = text;
    DUCKWEED_ASSIGN_OR_RETURN(bool calibrated, ParseCalibration(text, body, spec));
    if (calibrated) {
      if (body != "population") {
        return Bad(text, "population:fuzzy=E,C,I or population:levels=T,...");
      }
      return spec;
    }
    DUCKWEED_RETURN_IF_ERROR(ParseComparison(text, text, lhs, spec));
    if (lhs != "population") return Bad(text, "population<N or population>=N");
    return spec;
  }
  return Bad(text,
             "initiative:DOMAIN[:INVOLVEMENT], population<N, population:fuzzy=E,C,I, "
             "population:levels=T,..., indicator:ID>=X (or :fuzzy=, :levels=), country:CC, "
             "member:NETWORK[:CHANNEL], joined:NETWORK<=YEAR, attr:NAME=V1|V2, attr:NAME>=X, "
             "trend:ID[@FROM-TO]>X or score:FILE:COLUMN>=X");
}

core::Result<NamedSpec> ParseNamedSpec(const std::string& arg) {
  size_t eq = arg.find('=');
  if (eq == std::string::npos) {
    return core::Status::Usage(fmt::format("'{}': expected NAME=SPEC", arg));
  }
  NamedSpec named;
  named.name = arg.substr(0, eq);
  if (!IsIdentifier(named.name)) {
    return core::Status::Usage(
        fmt::format("'{}': expected a column name of letters, digits and _ before '='", arg));
  }
  DUCKWEED_ASSIGN_OR_RETURN(named.spec, ParseCaseSpec(arg.substr(eq + 1)));
  return named;
}

std::optional<double> EvaluateSpec(const CaseSpec& spec, const TerritoryFacts& facts) {
  switch (spec.kind) {
    case CaseSpec::Kind::kInitiative:
      for (const auto& i : facts.initiatives) {
        if ((spec.domain == "*" || i.domain == spec.domain) &&
            InvolvementRank(i.involvement) >= spec.min_involvement) {
          return 1;
        }
      }
      return 0;
    case CaseSpec::Kind::kPopulation: {
      std::optional<double> pop;
      if (facts.territory.population) pop = static_cast<double>(*facts.territory.population);
      if (!pop) pop = Latest(facts, "population");
      if (!pop) return std::nullopt;
      return Calibrated(*pop, spec);
    }
    case CaseSpec::Kind::kIndicator: {
      std::optional<double> v = Latest(facts, spec.indicator);
      if (!v) return std::nullopt;
      return Calibrated(*v, spec);
    }
    case CaseSpec::Kind::kTrend: {
      std::optional<double> slope = Slope(facts, spec);
      if (!slope) return std::nullopt;
      return Calibrated(*slope, spec);
    }
    case CaseSpec::Kind::kScore: {
      auto it = spec.scores->find(facts.territory.id);
      if (it == spec.scores->end()) it = spec.scores->find(facts.territory.name);
      if (it == spec.scores->end()) return std::nullopt;
      return Calibrated(it->second, spec);
    }
    case CaseSpec::Kind::kCountry:
      if (facts.territory.country.empty()) return std::nullopt;
      return facts.territory.country == spec.country ? 1 : 0;
    case CaseSpec::Kind::kMember:
    case CaseSpec::Kind::kJoined:
      return EvaluateMembership(spec, facts);
    case CaseSpec::Kind::kAttribute:
    case CaseSpec::Kind::kAttributeNumber:
      return EvaluateAttribute(spec, facts);
  }
  return std::nullopt;
}

}  // namespace duckweed::cli
