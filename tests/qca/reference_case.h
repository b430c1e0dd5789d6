// Test helper: loads one R QCA reference analysis (../shared/data/qca/reference/*.json) and the
// dataset it names, and maps R calls to our options.
#ifndef DUCKWEED_TESTS_QCA_REFERENCE_CASE_H_
#define DUCKWEED_TESTS_QCA_REFERENCE_CASE_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "duckweed/core/result.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"

namespace duckweed::qca::testing_support {

struct ReferenceCase {
  nlohmann::json json;
  Dataset data;
  TruthTableOptions tt_options;
};

core::Result<ReferenceCase> LoadReference(const std::filesystem::path& path);

// The reference's dataset with another outcome ("~Y" allowed) and conditions.
core::Result<Dataset> LoadReferenceData(const std::filesystem::path& path,
                                        const std::string& outcome,
                                        const std::vector<std::string>& conditions);

// include = "?", "?, C"; all.sol = TRUE; row.dom = TRUE in an R minimize() call.
SolveOptions SolveOptionsFromCall(const std::string& call);

// dir.exp of an R call as our "A=1,B=0,DEV=1;2" text; conjunctions ("~LIT*IND") as they are.
std::string DirExpFromCall(const std::string& call);

}  // namespace duckweed::qca::testing_support

#endif  // DUCKWEED_TESTS_QCA_REFERENCE_CASE_H_
