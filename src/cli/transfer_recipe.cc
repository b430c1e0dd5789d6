#include "cli/transfer_recipe.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "cli/qca_cases_query.h"
#include "cli/qca_cases_table.h"
#include "duckweed/store/recipes.h"
#include "duckweed/transfer/lever_advice.h"
#include "duckweed/transfer/transfer.h"

namespace duckweed::cli {

double LiteralValue(const evaluate::Literal& lit, double raw) {
  double v = lit.level ? (std::lround(raw) == *lit.level ? 1.0 : 0.0) : raw;
  return lit.negated ? 1 - v : v;
}

namespace {

using core::Result;
using core::Status;
using nlohmann::ordered_json;

constexpr double kHeld = 0.5;
constexpr size_t kAdviceLines = 5;

// Crisp and multi-value values are their own band; fuzzy ones: above 0.5 or not.
double Band(double v) { return v == std::floor(v) ? v : (v > 0.5 ? 1.0 : 0.0); }

struct Town {
  std::string id, name;
  std::vector<double> values;  // per case table column
  int case_index = -1;         // its row in the case table, -1 when outside the case base
};

Result<Town> FindTown(store::Store& db, const CaseQuery& query, const CaseTable& table,
                      const std::string& key) {
  DUCKWEED_ASSIGN_OR_RETURN(auto territory, db.FindTerritory(key));
  if (!territory) return Status::NotFound(fmt::format("territory '{}' is not in the store", key));
  Town town{territory->id, territory->name, {}, -1};
  for (size_t i = 0; i < table.territory_ids.size(); ++i) {
    if (table.territory_ids[i] == territory->id) {
      town.case_index = static_cast<int>(i);
      town.values = table.values[i];
      return town;
    }
  }
  // Outside the case base (or dropped from it): its own values under the same definitions.
  CaseTableRequest alone;
  alone.ids = {territory->id};
  alone.conditions = query.request.conditions;
  alone.outcome = query.request.outcome;
  alone.outcome_optional = true;
  auto own = BuildCaseTable(db, alone);
  if (!own.ok()) {
    return Status::InvalidInput(fmt::format("{} ({}) cannot be compared with this recipe: {}",
                                            territory->name, territory->id,
                                            own.status().message()));
  }
  town.values = own->values.front();
  return town;
}

struct ConditionInfo {
  std::string tag = "condition", definition;
};

std::string Describe(const evaluate::Literal& lit, const ConditionInfo& info) {
  return info.definition.empty() ? lit.ToString()
                                 : fmt::format("{} ({})", lit.ToString(), info.definition);
}

double Percent(size_t part, size_t whole) {
  return whole == 0 ? std::nan("") : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// One term of the recipe as it applies to the town.
struct TermView {
  std::string expression;
  std::vector<evaluate::Literal> literals;
  std::vector<double> current;      // the town's membership per literal
  std::vector<ConditionInfo> info;  // per literal
  double membership = 0;
  std::vector<evaluate::LeverBundle> bundles;
  bool fits_context = true;  // no context literal below kHeld
  size_t exemplars_total = 0, exemplars_like = 0, like_with_outcome = 0;
  // Cases sharing the town's context outside the term (membership below kHeld): the baseline.
  size_t others_like = 0, others_with_outcome = 0;
  std::vector<std::pair<std::string, double>> closest;  // name, distance over the levers
};

std::string Raise(const TermView& v, const evaluate::LeverBundle& b, bool described) {
  std::string what;
  for (size_t k : b.literals) {
    what += (what.empty() ? "" : " + ") +
            (described ? Describe(v.literals[k], v.info[k]) : v.literals[k].ToString());
  }
  return what;
}

ordered_json TermJson(const TermView& v) {
  ordered_json t;
  t["expression"] = v.expression;
  t["membership"] = v.membership;
  t["fits_context"] = v.fits_context;
  t["advice"] = ordered_json::array();
  for (const auto& b : v.bundles) {
    ordered_json levers = ordered_json::array();
    for (size_t k : b.literals) levers.push_back(v.literals[k].ToString());
    t["advice"].push_back(
        {{"raise", levers}, {"membership_after", b.membership_after}, {"gain", b.gain}});
  }
  t["held"] = ordered_json::array();
  t["context_differences"] = ordered_json::array();
  t["other_lacking"] = ordered_json::array();
  for (size_t k = 0; k < v.literals.size(); ++k) {
    const std::string& tag = v.info[k].tag;
    ordered_json item = {{"literal", v.literals[k].ToString()}, {"current", v.current[k]}};
    if (tag == "lever" && v.current[k] >= kHeld) t["held"].push_back(item);
    if (tag == "context" && v.current[k] < kHeld) t["context_differences"].push_back(item);
    if (tag == "condition" && v.current[k] < kHeld) t["other_lacking"].push_back(item);
  }
  t["exemplars"] = v.exemplars_total;
  t["exemplars_like_you"] = v.exemplars_like;
  t["exemplars_like_you_with_outcome"] = v.like_with_outcome;
  t["others_like_you"] = v.others_like;
  t["others_like_you_with_outcome"] = v.others_with_outcome;
  t["closest"] = ordered_json::array();
  for (const auto& [town, d] : v.closest) t["closest"].push_back({{"town", town}, {"distance", d}});
  return t;
}

// Advice lines only for bundles that raise the membership; a lever whose raise changes nothing
// (another key or the context keeps the minimum down) is said once, not as advice.
void PrintTerm(const TermView& v) {
  std::printf("%-32s membership %.2f%s\n", v.expression.c_str(), v.membership,
              v.fits_context ? "" : "  (seen in another context than yours)");
  size_t shown = 0, useful = 0;
  for (const auto& b : v.bundles) {
    if (b.gain <= 0) continue;
    ++useful;
    if (shown == kAdviceLines) continue;
    ++shown;
    std::printf("    advice: raise %s%s: membership %.2f (gain %+.2f)\n", Raise(v, b, true).c_str(),
                b.literals.size() > 1 ? " together" : "", b.membership_after, b.gain);
  }
  if (useful > shown) std::printf("    (%zu more bundles: --json lists them)\n", useful - shown);
  if (useful == 0 && !v.bundles.empty()) {
    std::printf("    no lever raises it: %s\n",
                v.fits_context ? "a key not tagged as a lever is missing"
                               : "the context keeps it at 0, whatever the levers");
  }
  for (size_t k = 0; k < v.literals.size(); ++k) {
    const ConditionInfo& ci = v.info[k];
    if (ci.tag == "lever" && v.current[k] >= kHeld) {
      std::printf("    already holds %s (%.2f)\n", v.literals[k].ToString().c_str(), v.current[k]);
    } else if (ci.tag == "context" && v.current[k] < kHeld) {
      std::printf("    why this recipe may not fit you: context %s, here %.2f\n",
                  Describe(v.literals[k], ci).c_str(), v.current[k]);
    } else if (ci.tag == "condition" && v.current[k] < kHeld) {
      std::printf("    lacks %s (%.2f), not tagged as a lever: no advice\n",
                  Describe(v.literals[k], ci).c_str(), v.current[k]);
    }
  }
  std::string closest;
  for (size_t k = 0; k < v.closest.size(); ++k) {
    closest += fmt::format("{}{} ({:.2f})", k ? ", " : "", v.closest[k].first, v.closest[k].second);
  }
  std::printf("    exemplars sharing your context: %zu of %zu (%zu with the outcome)%s%s\n",
              v.exemplars_like, v.exemplars_total, v.like_with_outcome,
              closest.empty() ? "" : "; closest: ", closest.c_str());
  if (v.others_like > 0) {
    std::printf(
        "    cases sharing your context outside this term: %zu, %zu with the outcome (%.0f %%)\n",
        v.others_like, v.others_with_outcome, Percent(v.others_with_outcome, v.others_like));
  }
}

// One plain sentence: what the town could do, or why the recipe may not fit it.
std::string Summary(const std::string& town, const std::vector<TermView>& views) {
  size_t fitting = 0;
  const TermView* best = nullptr;
  const evaluate::LeverBundle* best_bundle = nullptr;
  for (const auto& v : views) {
    if (!v.fits_context) continue;
    ++fitting;
    if (v.membership >= kHeld) {
      return fmt::format("In short: {} already follows {} (membership {:.2f}).", town, v.expression,
                         v.membership);
    }
    for (const auto& b : v.bundles) {
      if (b.gain > 0 && (!best_bundle || b.membership_after > best_bundle->membership_after ||
                         (b.membership_after == best_bundle->membership_after &&
                          b.literals.size() < best_bundle->literals.size()))) {
        best = &v;
        best_bundle = &b;
      }
    }
  }
  if (fitting == 0) {
    return fmt::format(
        "In short: none of the {} term(s) was seen in towns of {}'s context, so this recipe may "
        "not fit it, whatever the levers.",
        views.size(), town);
  }
  if (!best) {
    return fmt::format("In short: {} term(s) fit {}'s context, but no lever raises its membership.",
                       fitting, town);
  }
  return fmt::format(
      "In short: {} of {} term(s) fit {}'s context; the best lever advice is to raise {} ({}), "
      "which takes its membership in {} from {:.2f} to {:.2f}; among the cases that share its "
      "context, {:.0f} % of those in this term have the outcome, against {:.0f} % of the others.",
      fitting, views.size(), town, Raise(*best, *best_bundle, false),
      best_bundle->literals.size() > 1 ? "together" : "alone", best->expression, best->membership,
      best_bundle->membership_after, Percent(best->like_with_outcome, best->exemplars_like),
      Percent(best->others_with_outcome, best->others_like));
}

}  // namespace

Status RunTransferRecipe(const CliContext& ctx, const std::string& town_key,
                         const std::string& name, int top, bool json) {
  DUCKWEED_ASSIGN_OR_RETURN(std::string path, store::ResolveDbPath(ctx.db_path));
  DUCKWEED_ASSIGN_OR_RETURN(auto db, store::Store::Open(path));
  DUCKWEED_ASSIGN_OR_RETURN(auto found, store::GetRecipe(*db, name));
  if (!found) {
    return Status::NotFound(
        fmt::format("no recipe named '{}' in the store (`duckweed recipes list`)", name));
  }
  const store::RecipeRecord& recipe = *found;
  if (recipe.query.empty()) {
    return Status::Usage(
        fmt::format("recipe '{}' was mined from a plain CSV ({}) without a case base query: use "
                    "`transfer TOWN --recipes FILE --data FILE`, or mine it from `qca cases --out`",
                    name, recipe.data_file));
  }
  DUCKWEED_ASSIGN_OR_RETURN(CaseQuery query,
                            CaseQueryFromJson(recipe.query, "recipe '" + name + "'"));
  query.request.drop_missing = true;
  DUCKWEED_ASSIGN_OR_RETURN(CaseTable table, BuildCaseTable(*db, query.request));
  DUCKWEED_ASSIGN_OR_RETURN(Town town, FindTown(*db, query, table, town_key));

  std::map<std::string, ConditionInfo> info;
  for (const auto& c : recipe.conditions) info[c.name] = {c.tag, c.definition};
  auto column = [&](const std::string& c) -> int {
    auto it = std::find(table.columns.begin(), table.columns.end(), c);
    return it == table.columns.end() ? -1 : static_cast<int>(it - table.columns.begin());
  };
  // Towns like this one: the same band on every context condition of the recipe.
  std::vector<int> context_columns;
  for (const auto& c : recipe.conditions) {
    if (c.tag == "context" && column(c.name) >= 0) context_columns.push_back(column(c.name));
  }
  std::vector<bool> like(table.values.size(), true);
  size_t like_count = 0;
  for (size_t i = 0; i < table.values.size(); ++i) {
    for (int c : context_columns) {
      if (Band(table.values[i][c]) != Band(town.values[c])) like[i] = false;
    }
    if (static_cast<int>(i) == town.case_index) like[i] = false;
    like_count += like[i];
  }
  const int outcome_column = static_cast<int>(table.columns.size()) - 1;
  std::unordered_map<std::string, size_t> case_index;
  for (size_t i = 0; i < table.case_names.size(); ++i) case_index.emplace(table.case_names[i], i);

  ordered_json doc;
  doc["town"] = {{"id", town.id}, {"name", town.name}, {"in_case_base", town.case_index >= 0}};
  doc["recipe"] = name;
  doc["towns_like_you"] = like_count;
  doc["context"] = ordered_json::object();
  for (int c : context_columns) doc["context"][table.columns[c]] = town.values[c];
  doc["terms"] = ordered_json::array();
  if (!json) {
    std::printf("recipe %s: %s -> %s (%s), mined %s from %lld cases: %s\n", name.c_str(),
                recipe.expression.c_str(), recipe.outcome.c_str(),
                recipe.outcome_definition.c_str(), recipe.created_at.substr(0, 10).c_str(),
                static_cast<long long>(recipe.case_count), recipe.case_base.c_str());
    std::string context;
    for (int c : context_columns) {
      context += fmt::format(" {}={}", table.columns[c], town.values[c]);
    }
    std::printf("%s (%s)%s; context%s: %zu other cases share it\n", town.name.c_str(),
                town.id.c_str(), town.case_index >= 0 ? "" : ", outside the case base",
                context.empty() ? " (none tagged)" : context.c_str(), like_count);
  }
  std::vector<TermView> views;
  for (const auto& term : recipe.terms) {
    TermView v;
    v.expression = term.expression;
    DUCKWEED_ASSIGN_OR_RETURN(v.literals, evaluate::ParseTerm(term.expression));
    const auto& literals = v.literals;
    auto& current = v.current;
    std::vector<bool> is_lever;
    std::vector<int> columns;
    for (const auto& lit : literals) {
      const int c = column(lit.condition);
      if (c < 0) {
        return Status::InvalidInput(
            fmt::format("recipe '{}': condition '{}' of term {} is not in its case base query",
                        name, lit.condition, term.expression));
      }
      columns.push_back(c);
      current.push_back(LiteralValue(lit, town.values[c]));
      is_lever.push_back(info[lit.condition].tag == "lever");
      v.info.push_back(info[lit.condition]);
    }
    v.membership = *std::min_element(current.begin(), current.end());
    v.bundles = evaluate::RankLeverBundles(current, is_lever, 3, kHeld);
    for (size_t k = 0; k < literals.size(); ++k) {
      if (v.info[k].tag == "context" && current[k] < kHeld) v.fits_context = false;
    }
    // Exemplars that share the town's context, nearest first over the term's lever literals.
    std::vector<std::pair<double, size_t>> near;
    for (const auto& e : term.exemplars) {
      auto found_case = case_index.find(e);
      if (found_case == case_index.end()) continue;
      const size_t i = found_case->second;
      ++v.exemplars_total;
      if (!like[i]) continue;
      double d2 = 0;
      for (size_t k = 0; k < literals.size(); ++k) {
        if (!is_lever[k]) continue;
        const double diff = LiteralValue(literals[k], table.values[i][columns[k]]) - current[k];
        d2 += diff * diff;
      }
      near.emplace_back(std::sqrt(d2), i);
    }
    std::stable_sort(near.begin(), near.end());
    v.exemplars_like = near.size();
    for (const auto& [d, i] : near) v.like_with_outcome += table.values[i][outcome_column] >= 0.5;
    for (size_t i = 0; i < table.values.size(); ++i) {
      if (!like[i]) continue;
      double m = 1;
      for (size_t k = 0; k < literals.size(); ++k) {
        m = std::min(m, LiteralValue(literals[k], table.values[i][columns[k]]));
      }
      if (m >= kHeld) continue;
      ++v.others_like;
      v.others_with_outcome += table.values[i][outcome_column] >= 0.5;
    }
    for (size_t k = 0; k < near.size() && static_cast<int>(k) < top; ++k) {
      v.closest.emplace_back(table.case_names[near[k].second], near[k].first);
    }
    views.push_back(std::move(v));
  }
  if (json) {
    for (const auto& v : views) doc["terms"].push_back(TermJson(v));
    std::printf("%s\n", doc.dump(2).c_str());
    return Status::Ok();
  }
  // Terms seen in towns of the town's context first (the advice that may apply), then the rest.
  std::stable_sort(views.begin(), views.end(), [](const TermView& a, const TermView& b) {
    return a.fits_context > b.fits_context;
  });
  for (const auto& v : views) PrintTerm(v);
  std::printf("%s\n", Summary(town.name, views).c_str());
  return Status::Ok();
}

}  // namespace duckweed::cli
