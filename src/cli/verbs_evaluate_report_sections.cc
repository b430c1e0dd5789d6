// The sections of the town report (see verbs_evaluate_report_sections.h).
#include "cli/verbs_evaluate_report_sections.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "duckweed/evaluate/taxonomy.h"
#include "duckweed/report/svg.h"

namespace duckweed::cli {

void AddDomainSections(report::HtmlReport& html, const evaluate::DomainScores& s) {
  const auto& taxonomy = evaluate::Taxonomy::Default();
  std::vector<std::string> names;
  for (const auto& id : s.domains) names.push_back(taxonomy.Find(id)->name);
  html.AddHeading("Domains");
  std::vector<report::Series> radar;
  for (size_t y : {size_t{0}, s.years.size() - 1}) {
    if (s.years.empty() || (y == s.years.size() - 1 && y == 0 && !radar.empty())) continue;
    report::Series series{std::to_string(s.years[y]), {}};
    for (size_t d = 0; d < s.domains.size(); ++d) series.values.push_back(s.score[d][y]);
    radar.push_back(std::move(series));
  }
  report::ChartOptions ro;
  ro.title = "Domain scores, first and last year";
  ro.height = 380;
  html.AddFigure(report::RadarChart(names, radar, ro),
                 "Scores in [0,1]: 0 at the baseline, 1 at the target; n/a = no observation.");
  std::vector<std::string> years;
  for (int y : s.years) years.push_back(std::to_string(y));
  std::vector<report::Series> lines;
  for (size_t d = 0; d < s.domains.size(); ++d) {
    bool any = false;
    for (const auto& v : s.score[d]) any |= v.has_value();
    if (any) lines.push_back({names[d], s.score[d]});
  }
  report::ChartOptions lo;
  lo.title = "Trajectories by domain";
  lo.y_min = 0;
  lo.y_max = 1;
  html.AddFigure(report::LineChart(years, lines, lo), "Gaps are years without observations.");
  std::vector<std::string> header = {"domain", "indicators"};
  header.insert(header.end(), years.begin(), years.end());
  std::vector<std::vector<std::string>> rows;
  for (size_t d = 0; d < s.domains.size(); ++d) {
    std::vector<std::string> row = {names[d], std::to_string(s.declared[d])};
    for (size_t y = 0; y < s.years.size(); ++y) {
      row.push_back(s.score[d][y] ? fmt::format("{:.2f} ({}{})", *s.score[d][y], s.used[d][y],
                                                s.carried[d][y] > 0 ? "*" : "")
                                  : "n/a");
    }
    rows.push_back(std::move(row));
  }
  html.AddTable(header, rows);
  html.AddNote(
      "In brackets: the number of indicators behind each score; * = some carried forward "
      "from an earlier year.");
}

void AddSystemicSection(report::HtmlReport& html, const std::vector<evaluate::YearAggregate>& sys,
                        const std::string& capacity_path) {
  html.AddHeading("Systemic score");
  html.AddParagraph(
      "The Choquet integral aggregates the domain scores with the capacity's importances and "
      "interactions. It splits into the stand-alone sum (each domain's value achieved alone, "
      "sum of m_i x_i) and the systemic surplus (sum of m_ij min(x_i, x_j): what exists only "
      "because "
      "domains advance together; positive when synergies dominate). Beside it, the weighted sum "
      "with the Shapley importances; the balance (Choquet minus weighted sum) is the penalty for "
      "an "
      "unbalanced profile.");
  std::vector<std::string> years;
  report::Series choquet{"Choquet", {}}, standalone{"stand-alone sum", {}},
      weighted{"weighted sum", {}}, surplus{"surplus", {}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& ya : sys) {
    years.push_back(std::to_string(ya.year));
    auto pick = [&](double evaluate::Aggregate::*field) {
      return ya.result ? std::optional(Clean((*ya.result).*field)) : std::nullopt;
    };
    choquet.values.push_back(pick(&evaluate::Aggregate::choquet));
    standalone.values.push_back(pick(&evaluate::Aggregate::standalone_sum));
    weighted.values.push_back(pick(&evaluate::Aggregate::weighted_sum));
    surplus.values.push_back(pick(&evaluate::Aggregate::surplus));
    rows.push_back({years.back(), Num(choquet.values.back()), Num(standalone.values.back()),
                    Num(surplus.values.back(), "{:+.3f}"), Num(weighted.values.back()),
                    Num(pick(&evaluate::Aggregate::balance), "{:+.3f}"),
                    fmt::format("{}", fmt::join(ya.missing, ", "))});
  }
  report::ChartOptions o;
  o.title = "Systemic score, stand-alone sum and weighted sum";
  o.y_min = 0;
  o.y_max = 1;
  html.AddFigure(report::LineChart(years, {choquet, standalone, weighted}, o),
                 "A year is missing when one of the capacity's domains has no score.");
  report::ChartOptions so;
  so.title = "Systemic surplus over the years";
  std::vector<report::Bar> bars;
  for (size_t k = 0; k < years.size(); ++k) bars.push_back({years[k], surplus.values[k]});
  html.AddFigure(report::BarChart(bars, so),
                 "Choquet minus stand-alone sum: what the domains' synergies add.");
  html.AddTable({"year", "Choquet", "stand-alone sum", "surplus", "weighted sum", "balance",
                 "missing domains"},
                rows);
  html.AddNote("Capacity: " + capacity_path);
}

void AddPostureSection(report::HtmlReport& html, const std::vector<evaluate::PostureCell>& cells,
                       const evaluate::LikertScale& scale) {
  html.AddHeading("Postures");
  int last = 0;
  for (const auto& c : cells) last = std::max(last, c.year);
  std::vector<report::Bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : cells) {
    rows.push_back({c.group, std::to_string(c.year), c.item == "*" ? "index" : c.item,
                    std::to_string(c.n), fmt::format("{:.2f}", c.mean.mean),
                    fmt::format("[{:.2f}, {:.2f}]", c.mean.ci.low, c.mean.ci.high),
                    fmt::format("{:.0f}% [{:.0f}%, {:.0f}%]", 100 * c.agree_share,
                                100 * c.agree_ci.low, 100 * c.agree_ci.high)});
    if (c.year == last) {
      bars.push_back({c.group + " " + (c.item == "*" ? "index" : c.item), c.mean.mean,
                      c.mean.ci.low, c.mean.ci.high});
    }
  }
  report::ChartOptions o;
  o.title = fmt::format("Mean answers in {} (95% intervals)", last);
  o.y_min = scale.min;
  o.y_max = scale.max;
  o.width = std::max(560, static_cast<int>(bars.size()) * 70);
  html.AddFigure(report::BarChart(bars, o), "Likert answers; error bars are t-intervals.");
  html.AddTable({"group", "year", "item", "n", "mean", "95% CI", "agree (Wilson 95% CI)"}, rows);
}

void AddEmergentSection(report::HtmlReport& html, const std::vector<evaluate::YearAggregate>& sys,
                        const std::vector<evaluate::PostureCell>& cells,
                        const evaluate::LikertScale& scale) {
  std::set<int> year_set;
  for (const auto& ya : sys) year_set.insert(ya.year);
  std::map<std::string, std::map<int, double>> outcomes;
  for (const auto& c : cells) {
    if (c.item != "trust" && c.item != "image" && c.item != "attractiveness") continue;
    outcomes[c.group + " " + c.item][c.year] = (c.mean.mean - scale.min) / (scale.max - scale.min);
    year_set.insert(c.year);
  }
  if (outcomes.empty() || sys.empty()) return;
  const std::vector<int> years(year_set.begin(), year_set.end());
  std::vector<std::string> labels;
  report::Series systemic{"systemic score (Choquet)", {}};
  for (int y : years) {
    labels.push_back(std::to_string(y));
    std::optional<double> v;
    for (const auto& ya : sys) {
      if (ya.year == y && ya.result) v = ya.result->choquet;
    }
    systemic.values.push_back(v);
  }
  std::vector<report::Series> series = {systemic};
  for (const auto& [name, by_year] : outcomes) {
    report::Series ser{name, {}};
    for (int y : years) {
      auto it = by_year.find(y);
      ser.values.push_back(it == by_year.end() ? std::nullopt : std::optional(it->second));
    }
    series.push_back(std::move(ser));
  }
  html.AddHeading("Emergent outcomes");
  report::ChartOptions o;
  o.title = "Trust, image, attractiveness and the systemic score";
  o.y_min = 0;
  o.y_max = 1;
  html.AddFigure(report::LineChart(labels, series, o),
                 "Survey means rescaled from the Likert scale to [0,1]; gaps are years without "
                 "data.");
}

void AddReferentielSection(report::HtmlReport& html, const ReferentielResult& r) {
  html.AddHeading("Référentiel " + r.referentiel.id());
  std::vector<report::Bar> bars;
  for (int a : r.referentiel.axes()) {
    const auto& s = r.score.nodes[a];
    bars.push_back(
        {r.referentiel.nodes()[a].id, s.concerne ? std::optional(s.realise_pct()) : std::nullopt});
  }
  report::ChartOptions o;
  o.title = "Réalisé per axis (% of the personalised potential)";
  o.y_min = 0;
  o.y_max = 100;
  html.AddFigure(report::BarChart(bars, o), "n/a: axis not concerned.");
  html.AddParagraph(
      fmt::format("Total: {:.1f}% réalisé, {:.1f}% programmé of {:.1f} points: {} "
                  "star(s) (thresholds 35/50/65/75%).",
                  r.score.total.realise_pct(), r.score.total.programme_pct(),
                  r.score.total.potential, r.score.stars));
  if (r.personnalisation) {
    int desactivated = 0, changed = 0;
    for (const auto& [node, c] : r.personnalisation->consequences) {
      desactivated += c.desactive;
      changed += c.reduction.has_value();
    }
    html.AddNote(fmt::format(
        "Personnalisation: {} action(s) made non-applicable and {} potential(s) changed by the "
        "référentiel's rules{}.",
        desactivated, changed,
        r.personnalisation->unanswered.empty()
            ? std::string()
            : fmt::format("; rules without effect for want of an answer to: {}",
                          fmt::join(r.personnalisation->unanswered, ", "))));
  } else {
    html.AddNote("Personnalisation not applied: the full potential of every action is counted.");
  }
  if (!r.label) return;
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : r.label->criteria) {
    rows.push_back(
        {std::to_string(c.criterion.etoile), c.criterion.action_id, c.criterion.formulation,
         c.applies ? fmt::format("{:.0f}% / {:.0f}%", c.realise_pct, c.realise_programme_pct)
                   : "n/a",
         !c.applies ? "does not apply"
         : c.met    ? "met"
                    : "not met"});
  }
  html.AddTable({"star", "action", "prerequisite", "réalisé / +programmé", ""}, rows);
  html.AddParagraph(fmt::format("Label level with the prerequisites: {} star(s).", r.label->stars));
}

void AddAbsentSection(report::HtmlReport& html, const std::string& heading, const std::string& why,
                      const std::string& how) {
  html.AddHeading(heading);
  html.AddParagraph("Not shown: " + why);
  html.AddNote("To include it: " + how);
}

}  // namespace duckweed::cli
