// Per-run time of every conformance model, compiled once, with the register bytecode (Run/...)
// and with the tree-walking reference evaluator (RunTree/...) in the same process, so the ratio
// holds even on a busy machine. The peer is SDEverywhere 0.7.28 (JavaScript target) on this kind
// of machine: teacup 0.29 ms, SIR 1.35 ms, test_inputs 0.77 ms per run
// (../shared/data/sd-test-models/README.md); their benchmarks carry the counter peer_us.
//
// Flags besides Google Benchmark's: none. Environment: DUCKWEED_SHARED_DATA.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "duckweed/sd/sd_simulate.h"
#include "duckweed/sd/sd_xmile.h"

namespace {

namespace fs = std::filesystem;
using duckweed::sd::CompiledModel;

fs::path DataDir() {
  const char* env = std::getenv("DUCKWEED_SHARED_DATA");
  return fs::path(env && *env ? env : DUCKWEED_SHARED_DATA) / "sd-test-models";
}

// SDEverywhere's published per-run times (README), by model path without extension.
const std::map<std::string, double> kPeerMicroseconds = {
    {"samples/teacup/teacup", 290},
    {"samples/SIR/SIR", 1350},
    {"simlin-extras/tests/input_functions/test_inputs", 770},
};

void RunModel(benchmark::State& state, std::shared_ptr<const CompiledModel> model, bool tree,
              double peer_us) {
  duckweed::sd::RunOptions options;
  options.reference_evaluator = tree;
  size_t cells = 0;
  for (auto _ : state) {
    auto results = model->Run(options);
    cells = results.values.size();
    benchmark::DoNotOptimize(results.values.data());
  }
  state.counters["saved_values"] = static_cast<double>(cells);
  if (peer_us > 0) state.counters["peer_us"] = peer_us;
}

void CompileModel(benchmark::State& state, duckweed::sd::Project project) {
  for (auto _ : state) {
    auto model = CompiledModel::Compile(project);
    benchmark::DoNotOptimize(model.ok());
  }
}

// One benchmark pair per model file that compiles, in path order; the peers' models first.
void RegisterSuite() {
  fs::path root = DataDir();
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::string ext = it->path().extension().string();
    if (ext == ".xmile" || ext == ".stmx") files.push_back(it->path());
  }
  if (files.empty()) {
    benchmark::RegisterBenchmark("sd-test-models absent", [](benchmark::State& state) {
      state.SkipWithError("set DUCKWEED_SHARED_DATA to the shared data folder");
    });
    return;
  }
  std::sort(files.begin(), files.end(), [&](const fs::path& a, const fs::path& b) {
    auto key = [&](const fs::path& p) {
      std::string rel = fs::relative(p, root).replace_extension().string();
      return std::make_pair(kPeerMicroseconds.count(rel) == 0, rel);
    };
    return key(a) < key(b);
  });
  for (const fs::path& file : files) {
    auto project = duckweed::sd::ReadXmileFile(file.string());
    if (!project.ok()) continue;
    auto model = CompiledModel::Compile(*project);
    if (!model.ok()) continue;
    std::string name = fs::relative(file, root).string();
    std::string key = fs::relative(file, root).replace_extension().string();
    double peer = kPeerMicroseconds.count(key) ? kPeerMicroseconds.at(key) : 0;
    auto shared = std::make_shared<const CompiledModel>(std::move(*model));
    for (bool tree : {false, true}) {
      benchmark::RegisterBenchmark((std::string(tree ? "RunTree/" : "Run/") + name).c_str(),
                                   RunModel, shared, tree, peer)
          ->Unit(benchmark::kMicrosecond)
          ->MinTime(peer > 0 ? 0.5 : 0.05);
    }
    if (key == "samples/SIR/SIR") {
      benchmark::RegisterBenchmark(("Compile/" + name).c_str(), CompileModel, *project)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RegisterSuite();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
