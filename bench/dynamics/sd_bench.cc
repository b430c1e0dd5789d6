// Per-run time of conformance models, compiled once. The peer is SDEverywhere 0.7.28 (JavaScript
// target) on this kind of machine: teacup 0.29 ms, SIR 1.35 ms, test_inputs 0.77 ms per run
// (../shared/data/sd-test-models/README.md).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "duckweed/dynamics/sd_simulate.h"
#include "duckweed/dynamics/sd_xmile.h"

namespace {

using duckweed::dynamics::CompiledModel;

std::string DataDir() {
  const char* env = std::getenv("DUCKWEED_SHARED_DATA");
  return std::string(env && *env ? env : DUCKWEED_SHARED_DATA) + "/sd-test-models/";
}

void RunModel(benchmark::State& state, const std::string& relative) {
  auto project = duckweed::dynamics::ReadXmileFile(DataDir() + relative);
  if (!project.ok()) {
    state.SkipWithError(("cannot read " + relative).c_str());
    return;
  }
  auto model = CompiledModel::Compile(*project);
  if (!model.ok()) {
    state.SkipWithError(model.status().ToString().c_str());
    return;
  }
  size_t cells = 0;
  for (auto _ : state) {
    auto results = model->Run();
    cells = results.values.size();
    benchmark::DoNotOptimize(results.values.data());
  }
  state.counters["saved_values"] = static_cast<double>(cells);
}

void CompileModel(benchmark::State& state, const std::string& relative) {
  auto project = duckweed::dynamics::ReadXmileFile(DataDir() + relative);
  if (!project.ok()) {
    state.SkipWithError(("cannot read " + relative).c_str());
    return;
  }
  for (auto _ : state) {
    auto model = CompiledModel::Compile(*project);
    benchmark::DoNotOptimize(model.ok());
  }
}

BENCHMARK_CAPTURE(RunModel, teacup, "samples/teacup/teacup.xmile")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(RunModel, SIR, "samples/SIR/SIR.xmile")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(RunModel, test_inputs, "simlin-extras/tests/input_functions/test_inputs.xmile")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(RunModel, hares_and_lynxes_modules,
                  "samples/bpowers-hares_and_lynxes_modules/model.xmile")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(RunModel, delays, "simlin-extras/tests/delays2/delays.xmile")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(RunModel, subscript_3d,
                  "simlin-extras/tests/subscript_3d_arrays/test_subscript_3d_arrays.xmile")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(CompileModel, SIR, "samples/SIR/SIR.xmile")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
