// Helpers for system-dynamics tests: build a model from a few XMILE variable lines and run it.
#ifndef DUCKWEED_TESTS_DYNAMICS_SD_TEST_UTIL_H_
#define DUCKWEED_TESTS_DYNAMICS_SD_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "duckweed/sd/sd_simulate.h"
#include "duckweed/sd/sd_xmile.h"

namespace duckweed::sd {

// An XMILE document with the given sim specs, dimensions and <variables> content.
inline std::string XmileDoc(const std::string& variables, double start = 0, double stop = 10,
                            double dt = 1, const std::string& method = "Euler",
                            const std::string& dimensions = "") {
  return "<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
         "<header><name>t</name></header>\n"
         "<sim_specs method=\"" +
         method + "\"><start>" + std::to_string(start) + "</start><stop>" + std::to_string(stop) +
         "</stop><dt>" + std::to_string(dt) + "</dt></sim_specs>\n<dimensions>" + dimensions +
         "</dimensions>\n<model><variables>\n" + variables + "\n</variables></model></xmile>\n";
}

// Compiles and runs; returns the status of the first failing stage in `status`.
inline core::Result<SimResults> RunXmile(const std::string& doc, RunOptions options = {}) {
  auto project = ReadXmile(doc, "test.xmile");
  if (!project.ok()) return project.status();
  auto model = CompiledModel::Compile(*project);
  if (!model.ok()) return model.status();
  return model->Run(options);
}

// Compiles a document, failing the current test (not aborting it) at the first failing stage.
inline CompiledModel MustCompile(const std::string& doc) {
  auto project = ReadXmile(doc, "t.xmile");
  EXPECT_TRUE(project.ok()) << project.status().ToString();
  auto model = CompiledModel::Compile(*project);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return *model;
}

// Column index of `name` in results, or -1.
inline int Column(const SimResults& r, const std::string& name) {
  for (size_t i = 0; i < r.names.size(); ++i) {
    if (r.names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// Value of column `name` at saved row `row`.
inline double ValueAt(const SimResults& r, const std::string& name, size_t row) {
  int c = Column(r, name);
  return c < 0 ? -12345.678 : r.At(row, c);
}

}  // namespace duckweed::sd

#endif  // DUCKWEED_TESTS_DYNAMICS_SD_TEST_UTIL_H_
