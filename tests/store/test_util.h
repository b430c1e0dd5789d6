// Helpers for the store tests: a scratch folder, whole-file bytes, and a small sample data set.
#ifndef DUCKWEED_TESTS_STORE_TEST_UTIL_H_
#define DUCKWEED_TESTS_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>

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

// The backends a parameterised store test runs on.
enum class Backend { kSqlite, kPostgres };
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

// The test cluster's address (tests/support/pg_cluster.sh, started by the ctest fixture), or ""
// when the test runs outside ctest without one.
std::string PostgresAddress();

// A fresh, empty database address on `backend`: for SQLite a file in `dir` (":memory:" without
// one), for PostgreSQL a new schema of the test cluster (search_path in the URI). "" when the
// cluster is absent.
std::string FreshAddress(Backend backend, const TempDir* dir = nullptr);

// A test run once per backend: address() is a fresh empty database; skipped on PostgreSQL
// outside ctest (no cluster).
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  const std::string& address() const { return address_; }
  bool postgres() const { return GetParam() == Backend::kPostgres; }
  TempDir dir_;

 private:
  std::string address_;
};

#define DUCKWEED_BOTH_BACKENDS(suite)                                                         \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                   \
                           ::testing::Values(::duckweed::store::testing::Backend::kSqlite,    \
                                             ::duckweed::store::testing::Backend::kPostgres), \
                           ::duckweed::store::testing::BackendName)

// A store holding the four sample files (fails the test on error).
std::unique_ptr<Store> SampleStore(const std::string& path = ":memory:");

}  // namespace duckweed::store::testing

#endif  // DUCKWEED_TESTS_STORE_TEST_UTIL_H_
