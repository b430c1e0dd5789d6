// The one way tests and benchmarks find the reference data in ../shared/data (never copied into
// the repository). The folder is taken from $DUCKWEED_SHARED_DATA (set by ctest from the CMake
// cache variable of the same name), else from the source tree's sibling ../shared/data.
#ifndef DUCKWEED_TESTS_SUPPORT_SHARED_DATA_H_
#define DUCKWEED_TESTS_SUPPORT_SHARED_DATA_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>

namespace duckweed::testing {

// The reference data folder, or nullopt when it is absent.
std::optional<std::filesystem::path> SharedDataDir();

// Path of `relative` inside the reference data folder, or nullopt (after printing a loud message
// on stderr) when the folder or the file is absent.
std::optional<std::filesystem::path> SharedDataFile(const std::string& relative);

// Reads a whole file into a string. Fails the current test (ADD_FAILURE) when unreadable.
std::string ReadFileOrFail(const std::filesystem::path& path);

}  // namespace duckweed::testing

// Binds `var` to the path of a reference file, or skips the test loudly when it is absent.
#define DUCKWEED_SHARED_FILE_OR_SKIP(var, relative)                        \
  auto var##_opt_ = ::duckweed::testing::SharedDataFile(relative);         \
  if (!var##_opt_)                                                         \
    GTEST_SKIP() << "REFERENCE DATA ABSENT: ../shared/data/" << (relative) \
                 << " not found; this test did not run";                   \
  const std::filesystem::path var = *var##_opt_

#endif  // DUCKWEED_TESTS_SUPPORT_SHARED_DATA_H_
