#include "duckweed/systemic/postures.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace duckweed::evaluate {

using core::DiagnosticSink;
using core::Result;
using core::Status;

namespace {

PostureCell Summarise(const std::vector<double>& answers, int missing, double agree_from) {
  PostureCell c;
  c.n = static_cast<int>(answers.size());
  c.missing = missing;
  c.mean = SummariseMean(answers);
  int agree = 0;
  for (double a : answers) agree += a >= agree_from ? 1 : 0;
  if (c.n > 0) {
    c.agree_share = static_cast<double>(agree) / c.n;
    c.agree_ci = WilsonInterval(agree, c.n);
  }
  return c;
}

}  // namespace

Result<std::vector<PostureCell>> SummarisePostures(const core::CsvTable& t,
                                                   const LikertScale& scale) {
  if (scale.min >= scale.max || scale.agree_from < scale.min || scale.agree_from > scale.max) {
    return Status::InvalidInput(fmt::format("invalid scale {}..{} with agreement from {}",
                                            scale.min, scale.max, scale.agree_from));
  }
  DiagnosticSink sink;
  auto c_group = t.RequireColumn("group", sink);
  auto c_year = t.RequireColumn("year", sink);
  auto c_item = t.RequireColumn("item", sink);
  auto c_answer = t.RequireColumn("answer", sink);
  const auto c_resp = t.ColumnIndex("respondent");
  if (!sink.empty()) return sink.ToStatus();
  using Key = std::tuple<std::string, int, std::string>;
  std::map<Key, std::vector<double>> answers;
  std::map<Key, int> missing;
  std::map<Key, std::map<std::string, std::vector<double>>> by_respondent;  // item "*"
  for (size_t r = 0; r < t.row_count(); ++r) {
    auto group = t.String(r, *c_group, sink);
    auto year = t.Integer(r, *c_year, sink);
    auto item = t.String(r, *c_item, sink);
    if (!group || !year || !item) continue;
    const Key key{*group, static_cast<int>(*year), *item};
    if (t.text(r, *c_answer).empty()) {
      ++missing[key];
      answers[key];
      continue;
    }
    auto answer = t.Integer(r, *c_answer, sink);
    if (!answer) continue;
    if (*answer < scale.min || *answer > scale.max) {
      sink.Add(t.Where(r, *c_answer),
               fmt::format("answer {} outside the scale {}..{}", *answer, scale.min, scale.max));
      continue;
    }
    answers[key].push_back(static_cast<double>(*answer));
    if (c_resp && !t.text(r, *c_resp).empty()) {
      by_respondent[{*group, static_cast<int>(*year), "*"}][t.text(r, *c_resp)].push_back(
          static_cast<double>(*answer));
    }
  }
  if (!sink.empty()) return sink.ToStatus();
  std::vector<PostureCell> out;
  for (const auto& [key, values] : answers) {
    PostureCell c = Summarise(values, missing[key], scale.agree_from);
    std::tie(c.group, c.year, c.item) = key;
    out.push_back(std::move(c));
  }
  for (const auto& [key, respondents] : by_respondent) {
    std::vector<double> means;
    for (const auto& [id, values] : respondents) {
      double sum = 0;
      for (double v : values) sum += v;
      means.push_back(sum / values.size());
    }
    PostureCell c = Summarise(means, 0, scale.agree_from);
    std::tie(c.group, c.year, c.item) = key;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace duckweed::evaluate
