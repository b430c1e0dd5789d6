#include "cli/qca_save_recipe.h"

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "cli/qca_cases_query.h"
#include "duckweed/core/file.h"
#include "duckweed/core/utc_time.h"

namespace duckweed::cli {

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  }
  return core::FormatUtc(t);
}

core::Result<store::RecipeRecord> MakeRecipeRecord(const std::string& name,
                                                   const std::string& data_file,
                                                   const qca::TruthTable& tt,
                                                   const qca::Solution& s) {
  const qca::Dataset& d = *tt.data;
  store::RecipeRecord r;
  r.name = name;
  r.created_at = NowUtc();
  r.data_file = data_file;
  r.case_count = static_cast<int64_t>(d.case_count());
  r.outcome = (d.neg_out ? "~" : "") + d.outcome;
  const auto& o = tt.options;
  std::string incl;
  for (size_t i = 0; i < o.incl_cut.size(); ++i)
    incl += fmt::format("{}{}", i ? "," : "", o.incl_cut[i]);
  r.cutoffs = fmt::format("incl.cut={} n.cut={} pri.cut={}", incl, o.n_cut, o.pri_cut);
  r.solution = s.kind;
  if (!s.models.empty()) {
    r.expression = s.models.front().expression;
    r.consistency = s.models.front().incl;
    r.coverage = s.models.front().cov;
  }
  for (const auto& f : s.term_fits) {
    store::RecipeTermRecord t{f.expression, f.incl, f.cov_r, {}};
    for (int i : f.cases) t.exemplars.push_back(d.case_ids[i]);
    r.terms.push_back(std::move(t));
  }
  CaseQuery query;
  const std::string query_path = CaseQueryPath(data_file);
  const bool has_query = std::filesystem::is_regular_file(query_path);
  if (has_query) {
    DUCKWEED_ASSIGN_OR_RETURN(std::string text, core::ReadFile(query_path));
    DUCKWEED_ASSIGN_OR_RETURN(query, CaseQueryFromJson(text, query_path));
    r.case_base = query.case_base.empty() ? DescribeCaseBase(query.request) : query.case_base;
    if (query.dropped > 0) {
      r.case_base += fmt::format(" ({} left out for missing data)", query.dropped);
    }
    r.query = CaseQueryToJson(query).dump();
    r.outcome_definition = query.request.outcome.spec.text;
  } else {
    r.case_base = fmt::format("the cases of {}", data_file);
  }
  for (const auto& c : d.conditions) {
    store::RecipeConditionRecord rc{c.name, "condition", ""};
    if (has_query) {
      const std::string tag = TagOf(query, c.name);
      if (tag == "lever" || tag == "context") rc.tag = tag;
      for (const auto& spec : query.request.conditions) {
        if (spec.name == c.name) rc.definition = spec.spec.text;
      }
    }
    r.conditions.push_back(std::move(rc));
  }
  return r;
}

}  // namespace duckweed::cli
