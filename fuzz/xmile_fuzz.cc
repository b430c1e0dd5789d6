// libFuzzer target: the XMILE reader and the equation parser/compiler must never crash, hang or
// read out of bounds, whatever the bytes (deep nesting is refused at kMaxEquationDepth, long sums
// are flat chains). A model that compiles and asks for at most 64 saved steps is also run twice,
// as bytecode and as trees, which must give the same bits (NaN included).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "duckweed/sd/sd_simulate.h"
#include "duckweed/sd/sd_xmile.h"

namespace {

using duckweed::sd::CompiledModel;
using duckweed::sd::RunOptions;

std::vector<double> Rows(const CompiledModel& model, bool reference) {
  std::vector<double> out;
  size_t n = model.OutputNames().size();
  RunOptions options;
  options.reference_evaluator = reference;
  model.Stream(
      [&](double t, const double* values) {
        out.push_back(t);
        out.insert(out.end(), values, values + n);
      },
      options);
  return out;
}

void CheckRun(const CompiledModel& model) {
  if (model.SavedRows() > 64 || model.OutputNames().size() > 256) return;
  if (!model.CheckMemory(sizeof(double)).ok()) return;
  std::vector<double> fast = Rows(model, false), tree = Rows(model, true);
  if (fast.size() != tree.size() ||
      std::memcmp(fast.data(), tree.data(), fast.size() * sizeof(double)) != 0) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duckweed::sd;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Strict, then recovering (which compiles whatever precedes an XML error).
  for (bool recover : {false, true}) {
    auto project = ReadXmile(text, "fuzz.xmile", XmileOptions{.recover = recover});
    if (!project.ok()) {
      if (project.status().ExitCode() != 1) __builtin_trap();
      continue;
    }
    auto model = CompiledModel::Compile(*project);
    if (!model.ok() && model.status().ExitCode() != 1) __builtin_trap();
    if (model.ok()) CheckRun(*model);
  }
  return 0;
}
