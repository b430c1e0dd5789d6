// Golden tests against R QCA 3.25.1: one generated test per (reference analysis, solution) in
// ../shared/data/qca/reference/. Identical models (terms and order), essential terms and
// truth-table rows; fit values within 1e-6.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "duckweed/core/csv.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/intermediate.h"
#include "duckweed/qca/necessity.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"
#include "qca/reference_case.h"
#include "support/shared_data.h"

namespace duckweed::qca {
namespace {

using nlohmann::json;
using testing_support::LoadReference;
using testing_support::ReferenceCase;

constexpr double kTol = 1e-6;

struct Param {
  std::string file;      // "LC_SURV.json", or "" when the data are absent
  std::string solution;  // key under "solutions", or "truth_table"
};

void PrintTo(const Param& p, std::ostream* os) { *os << p.file << ":" << p.solution; }

std::vector<Param> Params() {
  std::vector<Param> out;
  auto dir = duckweed::testing::SharedDataDir();
  if (!dir || !std::filesystem::is_directory(*dir / "qca" / "reference")) return {{"", ""}};
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(*dir / "qca" / "reference")) {
    if (e.path().extension() == ".json") files.push_back(e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    out.push_back({f, "truth_table"});
    json j = json::parse(duckweed::testing::ReadFileOrFail(*dir / "qca" / "reference" / f));
    for (const auto& [key, value] : j["solutions"].items()) {
      if (!value.is_null()) out.push_back({f, key});
    }
    if (j.contains("necessity") && j["necessity"].contains("superSubset")) {
      out.push_back({f, "superSubset"});
    }
  }
  return out;
}

std::string Name(const ::testing::TestParamInfo<Param>& info) {
  if (info.param.file.empty()) return "ReferenceDataAbsent";
  std::string n =
      info.param.file.substr(0, info.param.file.size() - 5) + "__" + info.param.solution;
  for (char& c : n) {
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

std::vector<std::string> CaseNames(const Dataset& d, const std::vector<int>& cases) {
  std::vector<std::string> out;
  for (int i : cases) out.push_back(d.case_ids[i]);
  return out;
}

void ExpectNear(const json& expected, double actual, const std::string& what) {
  if (expected.is_null()) return;
  EXPECT_NEAR(expected.get<double>(), actual, kTol) << what;
}

void CheckTermFit(const json& e, const TermFit& f, const Dataset& d, bool with_cases) {
  EXPECT_EQ(e["term"].get<std::string>(), f.expression);
  ExpectNear(e["inclS"], f.incl, f.expression + " inclS");
  ExpectNear(e["PRI"], f.pri, f.expression + " PRI");
  ExpectNear(e["covS"], f.cov_r, f.expression + " covS");
  if (e["covU"].is_null()) {
    EXPECT_FALSE(f.cov_u.has_value()) << f.expression << " covU should be absent";
  } else {
    ASSERT_TRUE(f.cov_u.has_value()) << f.expression;
    ExpectNear(e["covU"], *f.cov_u, f.expression + " covU");
  }
  if (with_cases && e.contains("cases")) {
    EXPECT_EQ(e["cases"].get<std::vector<std::string>>(), CaseNames(d, f.cases))
        << f.expression << " cases";
  }
}

// Models, essential terms and term fits in R's exact order.
void CheckSolution(const json& e, const Solution& s, const Dataset& d) {
  std::vector<std::string> expected_models, actual_models;
  for (const auto& m : e["models"]) expected_models.push_back(m["expression"]);
  for (const auto& m : s.models) actual_models.push_back(m.expression);
  ASSERT_EQ(expected_models, actual_models);
  std::vector<std::string> essential;
  for (const auto& t : s.essential) essential.push_back(FormatTerm(t, d.conditions, s.multi_value));
  auto expected_essential = e["essential"].get<std::vector<std::string>>();
  EXPECT_EQ(expected_essential, essential);
  const json& fit = e["fit"];
  ASSERT_EQ(fit["terms"].size(), s.term_fits.size());
  for (size_t t = 0; t < s.term_fits.size(); ++t) {
    CheckTermFit(fit["terms"][t], s.term_fits[t], d, true);
  }
  ASSERT_EQ(fit["models"].size(), s.models.size());
  for (size_t m = 0; m < s.models.size(); ++m) {
    const json& em = fit["models"][m];
    ASSERT_EQ(em["terms"].size(), s.models[m].fits.size());
    for (size_t t = 0; t < s.models[m].fits.size(); ++t) {
      CheckTermFit(em["terms"][t], s.models[m].fits[t], d, false);
    }
    ExpectNear(em["solution"]["inclS"], s.models[m].incl, s.models[m].name + " inclS");
    ExpectNear(em["solution"]["PRI"], s.models[m].pri, s.models[m].name + " PRI");
    ExpectNear(em["solution"]["covS"], s.models[m].cov, s.models[m].name + " covS");
  }
}

class ReferenceTest : public ::testing::TestWithParam<Param> {};

TEST_P(ReferenceTest, MatchesR) {
  const Param& p = GetParam();
  if (p.file.empty()) GTEST_SKIP() << "REFERENCE DATA ABSENT: ../shared/data/qca/reference";
  DUCKWEED_SHARED_FILE_OR_SKIP(path, "qca/reference/" + p.file);
  auto rc = LoadReference(path);
  ASSERT_TRUE(rc.ok()) << rc.status().ToString();
  const ReferenceCase& ref = *rc;
  const Dataset& d = ref.data;
  auto tt = BuildTruthTable(d, ref.tt_options);
  ASSERT_TRUE(tt.ok()) << tt.status().ToString();
  if (p.solution == "truth_table") {
    for (const json& row : ref.json["truth_table"]["rows"]) {
      if (row["n"].get<int>() == 0) continue;
      auto it = std::find_if(tt->rows.begin(), tt->rows.end(), [&](const TruthTableRow& r) {
        return r.number == row["row"].get<uint64_t>();
      });
      ASSERT_NE(it, tt->rows.end()) << "row " << row["row"];
      EXPECT_EQ(row["OUT"].get<std::string>(), std::string(1, it->out)) << "row " << row["row"];
      EXPECT_EQ(row["n"].get<int>(), it->n);
      ExpectNear(row["incl"], it->incl, "incl of row " + row["row"].dump());
      ExpectNear(row["PRI"], it->pri, "PRI of row " + row["row"].dump());
      EXPECT_EQ(row["cases"].get<std::vector<std::string>>(), CaseNames(d, it->cases));
    }
    EXPECT_EQ(ref.json["truth_table"]["n_observed"].get<size_t>(), tt->rows.size());
    return;
  }
  if (p.solution == "superSubset") {
    const json& e = ref.json["necessity"]["superSubset"];
    NecessityOptions no;
    // R stores the cut-offs less its tolerance; ours applies it when comparing.
    no.incl_cut = std::round(e["options"]["incl.cut"].get<double>() * 1e6) / 1e6;
    no.cov_cut = std::round(e["options"]["cov.cut"].get<double>() * 1e6) / 1e6;
    const json& opt = e["options"];
    auto nd = testing_support::LoadReferenceData(path, opt["outcome"].get<std::string>(),
                                                 opt["conditions"].get<std::vector<std::string>>());
    ASSERT_TRUE(nd.ok()) << nd.status().ToString();
    auto r = SuperSubset(*nd, no);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> expected, actual;
    for (const auto& x : e["results"]) expected.push_back(x["term"]);
    for (const auto& x : *r) actual.push_back(x.expression);
    ASSERT_EQ(expected, actual);
    for (size_t i = 0; i < r->size(); ++i) {
      ExpectNear(e["results"][i]["inclN"], (*r)[i].incl, actual[i] + " inclN");
      ExpectNear(e["results"][i]["RoN"], (*r)[i].ron, actual[i] + " RoN");
      ExpectNear(e["results"][i]["covN"], (*r)[i].cov, actual[i] + " covN");
    }
    return;
  }
  const json& e = ref.json["solutions"][p.solution];
  auto options = testing_support::SolveOptionsFromCall(e["call"].get<std::string>());
  if (e.contains("i.sol")) {
    std::string call = e["call"].get<std::string>();
    auto spec = testing_support::DirExpFromCall(call);
    auto expected = ParseDirectionalExpectations(d, spec);
    ASSERT_TRUE(expected.ok()) << expected.status().ToString();
    auto is = SolveIntermediate(*tt, options, *expected);
    ASSERT_TRUE(is.ok()) << is.status().ToString();
    ASSERT_EQ(e["i.sol"].size(), is->size());
    for (const auto& sol : *is) {
      SCOPED_TRACE(sol.name);
      ASSERT_TRUE(e["i.sol"].contains(sol.name));
      const json& ej = e["i.sol"][sol.name];
      std::vector<uint64_t> easy;
      for (const auto& r : ej["easy_counterfactuals"]) easy.push_back(r["row"].get<uint64_t>());
      EXPECT_EQ(easy, sol.easy_counterfactuals);
      CheckSolution(ej, sol.solution, d);
    }
    return;
  }
  auto s = Solve(*tt, options);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  CheckSolution(e, *s, d);
}

INSTANTIATE_TEST_SUITE_P(QcaReference, ReferenceTest, ::testing::ValuesIn(Params()), Name);

}  // namespace
}  // namespace duckweed::qca
