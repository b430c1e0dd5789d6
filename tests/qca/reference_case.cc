#include "qca/reference_case.h"

#include <fstream>
#include <sstream>

#include "duckweed/core/csv.h"

namespace duckweed::qca::testing_support {

core::Result<ReferenceCase> LoadReference(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  ReferenceCase rc;
  rc.json = nlohmann::json::parse(buffer.str());
  const auto& tt = rc.json["truth_table"];
  std::string csv_name =
      std::filesystem::path(rc.json["dataset_csv"].get<std::string>()).filename().string();
  DUCKWEED_ASSIGN_OR_RETURN(auto table,
                            core::ReadCsvFile(path.parent_path().parent_path() / csv_name));
  DatasetSpec spec;
  spec.outcome = (tt["neg.out"].get<bool>() ? "~" : "") + tt["outcome"].get<std::string>();
  spec.conditions = tt["conditions"].get<std::vector<std::string>>();
  DUCKWEED_ASSIGN_OR_RETURN(rc.data, DatasetFromCsv(table, spec));
  const auto& o = tt["options"];
  rc.tt_options.incl_cut.clear();
  if (o["incl.cut"].is_array()) {
    for (const auto& v : o["incl.cut"]) rc.tt_options.incl_cut.push_back(v.get<double>());
  } else {
    rc.tt_options.incl_cut.push_back(o["incl.cut"].get<double>());
  }
  rc.tt_options.n_cut = o["n.cut"].get<int>();
  rc.tt_options.pri_cut = o["pri.cut"].get<double>();
  return rc;
}

core::Result<Dataset> LoadReferenceData(const std::filesystem::path& path,
                                        const std::string& outcome,
                                        const std::vector<std::string>& conditions) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto j = nlohmann::json::parse(buffer.str());
  std::string csv_name =
      std::filesystem::path(j["dataset_csv"].get<std::string>()).filename().string();
  DUCKWEED_ASSIGN_OR_RETURN(auto table,
                            core::ReadCsvFile(path.parent_path().parent_path() / csv_name));
  DatasetSpec spec;
  spec.outcome = outcome;
  spec.conditions = conditions;
  return DatasetFromCsv(table, spec);
}

SolveOptions SolveOptionsFromCall(const std::string& call) {
  SolveOptions s;
  s.include_remainders = call.find("include = \"?") != std::string::npos;
  s.include_contradictions = call.find("include = \"?, C\"") != std::string::npos;
  s.all_sol = call.find("all.sol = TRUE") != std::string::npos;
  s.row_dom = call.find("row.dom = TRUE") != std::string::npos;
  return s;
}

}  // namespace duckweed::qca::testing_support

namespace duckweed::qca::testing_support {

std::string DirExpFromCall(const std::string& call) {
  size_t at = call.find("dir.exp = ");
  if (at == std::string::npos) return "";
  std::string rest = call.substr(at + 10);
  // Either c(A, ~B) or "A, B[1,2]".
  std::string body;
  if (rest.rfind("c(", 0) == 0) {
    body = rest.substr(2, rest.find(')') - 2);
  } else {
    body = rest.substr(1, rest.find('"', 1) - 1);
  }
  std::string out;
  size_t i = 0;
  while (i < body.size()) {
    while (i < body.size() && (body[i] == ' ' || body[i] == ',')) ++i;
    if (i >= body.size()) break;
    size_t item_end = body.find(',', i);
    if (item_end == std::string::npos) item_end = body.size();
    std::string item = body.substr(i, item_end - i);
    if (item.find('*') != std::string::npos) {  // a conjunction: R notation passes through
      out += (out.empty() ? "" : ",") + item;
      i = item_end;
      continue;
    }
    bool neg = body[i] == '~';
    if (neg) ++i;
    size_t j = i;
    while (j < body.size() && body[j] != ',' && body[j] != '[' && body[j] != ' ') ++j;
    std::string name = body.substr(i, j - i);
    std::string values = neg ? "0" : "1";
    if (j < body.size() && body[j] == '[') {
      size_t close = body.find(']', j);
      values = body.substr(j + 1, close - j - 1);
      for (char& ch : values) {
        if (ch == ',') ch = ';';
      }
      j = close + 1;
    }
    out += (out.empty() ? "" : ",") + name + "=" + values;
    i = j;
  }
  return out;
}

}  // namespace duckweed::qca::testing_support
