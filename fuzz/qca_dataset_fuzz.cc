// libFuzzer target: the QCA dataset loader (CSV → set memberships) and the truth table built from
// it must never crash, hang or read out of bounds. The outcome is the last column; up to 8
// conditions go on to a truth table, a parsimonious and a conservative solution (small enough to
// stay fast).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duckweed/core/csv.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duckweed;
  duckweed::core::CsvOptions csv_options;
  csv_options.max_line_bytes = 4096;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = core::ParseCsv(text, "fuzz.csv", csv_options);
  if (!table.ok() || table->column_count() == 0) return 0;
  qca::DatasetSpec spec;
  spec.outcome = table->header().back();
  spec.max_levels = 4;
  auto dataset = qca::DatasetFromCsv(*table, spec);
  if (!dataset.ok()) {
    if (dataset.status().ExitCode() != 1) __builtin_trap();
    return 0;
  }
  if (dataset->condition_count() == 0 || dataset->condition_count() > 8) return 0;
  for (double v : dataset->outcome_values) {
    if (!(v >= 0 && v <= 1)) __builtin_trap();  // memberships were checked
  }
  qca::TruthTableOptions tt_options;
  tt_options.incl_cut = {0.8};
  auto tt = qca::BuildTruthTable(*dataset, tt_options);
  if (!tt.ok()) return 0;
  qca::SolveOptions solve_options;
  solve_options.include_remainders = true;
  (void)qca::Solve(*tt, solve_options);
  solve_options.include_remainders = false;  // the conservative solution (R's QMC order)
  (void)qca::Solve(*tt, solve_options);
  return 0;
}
