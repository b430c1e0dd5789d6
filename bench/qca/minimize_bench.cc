// Parsimonious minimisation of the perf/ problems (../shared/data/qca/perf), the same calls the
// R QCA peer was timed on: truthTable(incl.cut = 0.8) then minimize(include = "?"): truth table,
// prime implicants and every minimal model (fit parameters are not part of the timing).
// Counters: r_seconds (the recorded R time; 0 = R gave no answer), speedup = r_seconds / ours,
// models, terms of M1, prime implicants found, search depth.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "duckweed/core/csv.h"
#include "duckweed/qca/dataset.h"
#include "duckweed/qca/minimizer.h"
#include "duckweed/qca/solution.h"
#include "duckweed/qca/truth_table.h"

namespace {

using namespace duckweed;

std::filesystem::path PerfDir() {
  const char* env = std::getenv("DUCKWEED_SHARED_DATA");
  std::filesystem::path base = env && *env ? env : DUCKWEED_SHARED_DATA_DEFAULT;
  return base / "qca" / "perf";
}

void Minimize(benchmark::State& state, std::string file, double r_seconds) {
  auto table = core::ReadCsvFile(PerfDir() / file);
  if (!table.ok()) {
    state.SkipWithError(("REFERENCE DATA ABSENT: " + file).c_str());
    return;
  }
  qca::DatasetSpec spec;
  // The outcome is the last column: "Y", or "Y.1" where a condition is itself named Y (k >= 22).
  spec.outcome = table->header().back();
  auto data = qca::DatasetFromCsv(*table, spec);
  if (!data.ok()) {
    state.SkipWithError(data.status().ToString().c_str());
    return;
  }
  qca::TruthTableOptions tto;
  tto.incl_cut = {0.8};
  qca::SolveOptions so;
  so.include_remainders = true;
  size_t models = 0, terms = 0, primes = 0;
  for (auto _ : state) {
    auto tt = qca::BuildTruthTable(*data, tto);
    auto s = qca::Minimize(qca::MakeChartProblem(*tt, so));
    if (!s.ok()) {
      state.SkipWithError(s.status().ToString().c_str());
      return;
    }
    models = s->models.size();
    terms = models ? s->models[0].size() : 0;
    primes = s->primes.size();
    benchmark::DoNotOptimize(s);
  }
  state.counters["models"] = static_cast<double>(models);
  state.counters["terms"] = static_cast<double>(terms);
  state.counters["primes"] = static_cast<double>(primes);
  state.counters["r_seconds"] = r_seconds;
  state.SetLabel(file);
}

// R times from ../shared/data/qca/perf/README.md (0: R gave no answer or was not attempted).
const struct {
  const char* file;
  double r_seconds;
} kProblems[] = {
    {"k10_n300_noise0.csv", 13.8},   {"k10_n300_noise8.csv", 0},  {"k12_n600_noise0.csv", 0},
    {"k14_n1000_noise0.csv", 185.4}, {"k16_n2000_noise0.csv", 0}, {"k18_n3000_noise0.csv", 0},
    {"k20_n4000_noise0.csv", 0},     {"k22_n5000_noise0.csv", 0}, {"k24_n6000_noise0.csv", 0},
};

int Register() {
  for (const auto& p : kProblems) {
    benchmark::RegisterBenchmark(("QcaParsimonious/" + std::string(p.file)).c_str(), Minimize,
                                 std::string(p.file), p.r_seconds)
        ->Unit(benchmark::kMillisecond)
        ->MeasureProcessCPUTime()
        ->UseRealTime();
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace

BENCHMARK_MAIN();
