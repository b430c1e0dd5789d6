// Internal to the CLI: the sections of the town report (`evaluate TOWN --out DIR`), each a function
// that appends headings, SVG figures and tables to an HtmlReport.
#ifndef DUCKWEED_CLI_VERBS_EVALUATE_REPORT_SECTIONS_H_
#define DUCKWEED_CLI_VERBS_EVALUATE_REPORT_SECTIONS_H_

#include <string>
#include <vector>

#include "cli/verbs_evaluate_common.h"
#include "duckweed/report/html.h"

namespace duckweed::cli {

// Radar of the first and last year, trajectories, and the table of scores with indicator counts.
void AddDomainSections(report::HtmlReport& html, const evaluate::DomainScores& s);
// Choquet, stand-alone sum and weighted sum per year, the systemic surplus as bars, the balance.
void AddSystemicSection(report::HtmlReport& html, const std::vector<evaluate::YearAggregate>& sys,
                        const std::string& capacity_path);
// Mean answers with 95% intervals per group and item.
void AddPostureSection(report::HtmlReport& html, const std::vector<evaluate::PostureCell>& cells,
                       const evaluate::LikertScale& scale);
// Trust, image and attractiveness (survey items of those names, rescaled to [0,1]) beside the
// systemic score, year by year: the outcomes that are meant to "more than add up".
void AddEmergentSection(report::HtmlReport& html, const std::vector<evaluate::YearAggregate>& sys,
                        const std::vector<evaluate::PostureCell>& cells,
                        const evaluate::LikertScale& scale);
// Réalisé per axis, the personnalisation applied and the label level with its prerequisites.
void AddReferentielSection(report::HtmlReport& html, const ReferentielResult& r);
// A section the inputs did not allow: its heading, why it is absent, and how to supply it.
void AddAbsentSection(report::HtmlReport& html, const std::string& heading, const std::string& why,
                      const std::string& how);

}  // namespace duckweed::cli

#endif  // DUCKWEED_CLI_VERBS_EVALUATE_REPORT_SECTIONS_H_
