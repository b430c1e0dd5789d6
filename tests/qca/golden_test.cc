// Our own golden cases, one per file under tests/golden/qca/: small synthetic data inline, the
// options exercised, and analytically derived expectations (each file says why).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "duckweed/core/csv.h"
#include "duckweed/qca/intermediate.h"
#include "duckweed/qca/solution.h"

namespace duckweed::qca {
namespace {

using nlohmann::json;

std::vector<std::string> Files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(QCA_GOLDEN_DIR)) {
    if (e.path().extension() == ".json") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Expressions(const Solution& s) {
  std::vector<std::string> out;
  for (const auto& m : s.models) out.push_back(m.expression);
  return out;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

// Runs one case; returns the first error status met, so "error" cases can check it.
core::Status RunCase(const json& g) {
  DUCKWEED_ASSIGN_OR_RETURN(auto table, core::ParseCsv(g["csv"].get<std::string>(), "golden"));
  DatasetSpec spec;
  spec.outcome = g["outcome"];
  DUCKWEED_ASSIGN_OR_RETURN(Dataset d, DatasetFromCsv(table, spec));
  TruthTableOptions o;
  if (g.contains("incl_cut")) o.incl_cut = g["incl_cut"].get<std::vector<double>>();
  o.n_cut = g.value("n_cut", 1);
  o.pri_cut = g.value("pri_cut", 0.0);
  DUCKWEED_ASSIGN_OR_RETURN(TruthTable tt, BuildTruthTable(d, o));
  const json outs = g.value("out", json::object());
  for (const auto& [row, out] : outs.items()) {
    auto it = std::find_if(tt.rows.begin(), tt.rows.end(),
                           [&](const auto& r) { return r.number == std::stoull(row); });
    EXPECT_NE(it, tt.rows.end()) << "row " << row;
    if (it == tt.rows.end()) continue;
    EXPECT_EQ(out.get<std::string>(), std::string(1, it->out)) << "row " << row;
    if (g.contains("incl") && g["incl"].contains(row)) {
      EXPECT_NEAR(g["incl"][row].get<double>(), it->incl, 1e-9);
    }
    if (g.contains("pri") && g["pri"].contains(row)) {
      EXPECT_NEAR(g["pri"][row].get<double>(), it->pri, 1e-9);
    }
  }
  SolveOptions so;
  std::string include = g.value("include", "");
  so.include_contradictions = include.find('C') != std::string::npos;
  const json& expect = g.value("expect", json::object());
  for (const char* kind : {"complex", "parsimonious"}) {
    if (!expect.contains(kind)) continue;
    so.include_remainders = std::string(kind) == "parsimonious";
    DUCKWEED_ASSIGN_OR_RETURN(Solution s, Solve(tt, so));
    EXPECT_EQ(expect[kind].get<std::vector<std::string>>(), Expressions(s)) << kind;
    if (expect.contains("essential") && expect["essential"].contains(kind)) {
      EXPECT_EQ(expect["essential"][kind].size(), s.essential.size());
    }
  }
  if (g.contains("dir_exp")) {
    DUCKWEED_ASSIGN_OR_RETURN(auto de, ParseDirectionalExpectations(d, g["dir_exp"]));
    DUCKWEED_ASSIGN_OR_RETURN(auto is, SolveIntermediate(tt, so, de));
    for (const auto& sol : is) {
      if (!expect.contains("intermediate")) break;
      EXPECT_EQ(expect["intermediate"][sol.name].get<std::vector<std::string>>(),
                Expressions(sol.solution))
          << sol.name;
    }
  }
  return core::Status::Ok();
}

TEST_P(GoldenTest, Matches) {
  std::ifstream in(std::filesystem::path(QCA_GOLDEN_DIR) / (GetParam() + ".json"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  json g = json::parse(buffer.str());
  core::Status st = RunCase(g);
  if (g.contains("error")) {
    ASSERT_FALSE(st.ok()) << "expected an error";
    EXPECT_EQ(st.ExitCode(), 1);
    EXPECT_NE(st.ToString().find(g["error"].get<std::string>()), std::string::npos)
        << st.ToString();
  } else {
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
}

INSTANTIATE_TEST_SUITE_P(QcaGolden, GoldenTest, ::testing::ValuesIn(Files()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duckweed::qca
