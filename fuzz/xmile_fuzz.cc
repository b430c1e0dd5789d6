// libFuzzer target: the XMILE reader and the equation parser/compiler must never crash, hang or
// read out of bounds, whatever the bytes; a model that compiles is not simulated (its sim_specs
// may ask for any number of steps).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "duckweed/dynamics/sd_simulate.h"
#include "duckweed/dynamics/sd_xmile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duckweed::dynamics;
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
  }
  return 0;
}
