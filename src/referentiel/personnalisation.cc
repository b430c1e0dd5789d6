#include "duckweed/referentiel/personnalisation.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <sstream>

#include "referentiel/personnalisation_formula.h"

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;
using core::Status;

namespace {

const char* KindName(RuleKind k) {
  switch (k) {
    case RuleKind::kDesactivation:
      return "desactivation";
    case RuleKind::kReduction:
      return "reduction";
    case RuleKind::kScore:
      return "score";
  }
  return "?";
}

// Score rules read indicator values this tool does not hold: they are kept unparsed.
void AddRule(std::vector<PersonnalisationRule>& rules, const std::string& action, RuleKind kind,
             const std::string& text, const core::Location& where, DiagnosticSink& sink) {
  PersonnalisationRule rule{action, kind, text, nullptr};
  if (kind != RuleKind::kScore) {
    auto formula = ParseFormula(text, where);
    if (!formula.ok()) {
      for (const auto& d : formula.status().diagnostics()) sink.Add(d.where, d.message);
      return;
    }
    rule.formula = *formula;
  }
  rules.push_back(std::move(rule));
}

}  // namespace

Result<Identite> ParseIdentite(const std::string& text) {
  Identite id;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidInput(
          fmt::format("identity item '{}': expected key=value (type, soustype, localisation, "
                      "population)",
                      item),
          {"--identity"});
    }
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "type") {
      id.type = value;
    } else if (key == "soustype") {
      id.soustype = value;
    } else if (key == "localisation") {
      id.localisation = value;
    } else if (key == "population") {
      int64_t n = -1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || n < 0) {
        return Status::InvalidInput(
            fmt::format("population: expected a non-negative integer, found '{}'", value),
            {"--identity", 0, 0, "population"});
      }
      id.population = n;
    } else {
      return Status::InvalidInput(
          fmt::format("unknown identity key '{}' (expected type, soustype, localisation or "
                      "population)",
                      key),
          {"--identity"});
    }
  }
  return id;
}

Result<Answers> ParseAnswers(const core::CsvTable& t) {
  DiagnosticSink sink;
  auto c_q = t.RequireColumn("question_id", sink);
  auto c_a = t.RequireColumn("reponse", sink);
  if (!sink.empty()) return sink.ToStatus();
  Answers answers;
  for (size_t r = 0; r < t.row_count(); ++r) {
    const std::string& q = t.text(r, *c_q);
    const std::string& a = t.text(r, *c_a);
    if (q.empty()) {
      sink.Add(t.Where(r, *c_q), "expected a question id, found an empty field");
    } else if (a.empty()) {
      sink.Add(t.Where(r, *c_a), fmt::format("question '{}': expected an answer (OUI, NON, a "
                                             "choice id or a proportion), found nothing",
                                             q));
    } else if (!answers.emplace(q, a).second) {
      sink.Add(t.Where(r, *c_q), fmt::format("question '{}' answered twice", q));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return answers;
}

Result<std::vector<PersonnalisationRule>> RulesFromReferentiel(const Referentiel& ref) {
  DiagnosticSink sink;
  std::vector<PersonnalisationRule> rules;
  for (const auto& n : ref.nodes()) {
    const core::Location where{ref.id(), 0, 0, n.id};
    if (!n.expr_desactivation.empty()) {
      AddRule(rules, n.id, RuleKind::kDesactivation, n.expr_desactivation, where, sink);
    }
    if (!n.expr_reduction.empty()) {
      AddRule(rules, n.id, RuleKind::kReduction, n.expr_reduction, where, sink);
    }
    if (!n.expr_score.empty()) AddRule(rules, n.id, RuleKind::kScore, n.expr_score, where, sink);
  }
  if (!sink.empty()) return sink.ToStatus();
  return rules;
}

Result<std::vector<PersonnalisationRule>> RulesFromCsv(const core::CsvTable& t,
                                                       const Referentiel& ref) {
  DiagnosticSink sink;
  auto c_id = t.RequireColumn("action_id", sink);
  auto c_type = t.RequireColumn("type", sink);
  auto c_formula = t.RequireColumn("formule", sink);
  if (!sink.empty()) return sink.ToStatus();
  std::vector<PersonnalisationRule> rules;
  for (size_t r = 0; r < t.row_count(); ++r) {
    const std::string& id = t.text(r, *c_id);
    const std::string& type = t.text(r, *c_type);
    if (ref.IndexOf(id) < 0) {
      sink.Add(t.Where(r, *c_id),
               fmt::format("rule for unknown action '{}' (not in référentiel '{}')", id, ref.id()));
      continue;
    }
    const RuleKind kind = type == "desactivation" ? RuleKind::kDesactivation
                          : type == "reduction"   ? RuleKind::kReduction
                                                  : RuleKind::kScore;
    if (type != "desactivation" && type != "reduction" && type != "score") {
      sink.Add(t.Where(r, *c_type),
               fmt::format("expected desactivation, reduction or score, found '{}'", type));
      continue;
    }
    AddRule(rules, id, kind, t.text(r, *c_formula), t.Where(r, *c_formula), sink);
  }
  if (!sink.empty()) return sink.ToStatus();
  return rules;
}

Result<Personnalisation> ApplyRules(const std::vector<PersonnalisationRule>& rules,
                                    const Referentiel& ref, const Identite& identite,
                                    const Answers& answers) {
  DiagnosticSink sink;
  Personnalisation out;
  std::set<std::pair<std::string, RuleKind>> seen;
  for (const auto& rule : rules) {
    const core::Location where{ref.id(), 0, 0, rule.action_id};
    const int node = ref.IndexOf(rule.action_id);
    if (node < 0) {
      sink.Add(where, fmt::format("rule for unknown action '{}'", rule.action_id));
      continue;
    }
    if (!seen.emplace(rule.action_id, rule.kind).second) {
      sink.Add(where, fmt::format("two {} rules for one action", KindName(rule.kind)));
      continue;
    }
    if (rule.kind == RuleKind::kScore) {
      ++out.score_rules_not_applied;
      continue;
    }
    FormulaContext ctx{&identite, &answers};
    const FormulaValue v = EvaluateFormula(*rule.formula, ctx);
    if (!ctx.error.empty()) {
      sink.Add(where, fmt::format("{} rule '{}': {}", KindName(rule.kind), rule.text, ctx.error));
      continue;
    }
    if (!ctx.missing.empty()) {
      out.unanswered.insert(ctx.missing);
      continue;
    }
    if (v.kind == FormulaValue::Kind::kNone) continue;
    Consequence& c = out.consequences[node];
    if (rule.kind == RuleKind::kDesactivation) {
      if (v.kind != FormulaValue::Kind::kBool) {
        sink.Add(where,
                 fmt::format("desactivation rule '{}': expected VRAI or FAUX, found {}", rule.text,
                             v.kind == FormulaValue::Kind::kNumber ? fmt::format("{}", v.number)
                                                                   : "'" + v.text + "'"));
        continue;
      }
      c.desactive = v.truth;
    } else {
      if (v.kind != FormulaValue::Kind::kNumber || !(v.number >= 0) || !std::isfinite(v.number)) {
        sink.Add(where,
                 fmt::format("reduction rule '{}': expected a factor >= 0, found {}", rule.text,
                             v.kind == FormulaValue::Kind::kNumber
                                 ? fmt::format("{}", v.number)
                                 : std::string("a condition or a name")));
        continue;
      }
      c.reduction = v.number;
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  return out;
}

}  // namespace duckweed::evaluate
