// Helpers for the store tests: a scratch folder, whole-file bytes, and a small sample data set.
#ifndef DUCKWEED_TESTS_STORE_TEST_UTIL_H_
#define DUCKWEED_TESTS_STORE_TEST_UTIL_H_

#include <filesystem>
#include <memory>
#include <string>

#include "duckweed/store/store.h"

namespace duckweed::store::testing {

// A fresh empty folder under the system temp directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string Bytes(const std::filesystem::path& path);
void WriteText(const std::filesystem::path& path, const std::string& text);

// Sample CSV files: three French territories with memberships, two indicators, observations and
// initiatives of the commune.
extern const char kTerritoriesCsv[];
extern const char kIndicatorsCsv[];
extern const char kObservationsCsv[];
extern const char kInitiativesCsv[];

// A store holding the four sample files (fails the test on error).
std::unique_ptr<Store> SampleStore(const std::string& path = ":memory:");

}  // namespace duckweed::store::testing

#endif  // DUCKWEED_TESTS_STORE_TEST_UTIL_H_
