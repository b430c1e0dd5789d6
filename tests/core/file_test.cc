#include "duckweed/core/file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "duckweed/core/utf8.h"

namespace duckweed::core {
namespace {

TEST(FileTest, AtomicWriteReplacesContentAndLeavesNoTemporary) {
  const auto dir = std::filesystem::temp_directory_path() / "duckweed_file_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto path = dir / "out.txt";
  ASSERT_TRUE(WriteFileAtomic(path, "first").ok());
  ASSERT_TRUE(WriteFileAtomic(path, "second").ok());
  auto back = ReadFile(path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "second");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  std::filesystem::remove_all(dir);
}

TEST(FileTest, WriteIntoMissingDirectoryFailsCleanly) {
  Status s = WriteFileAtomic("/nonexistent-dir/out.txt", "x");
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_EQ(s.ExitCode(), 1);
}

TEST(Utf8Test, ValidatesPerRfc3629) {
  EXPECT_TRUE(IsValidUtf8("Loos-en-Gohelle \xC3\xA9\xE2\x82\xAC\xF0\x9F\x8C\xB1"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

}  // namespace
}  // namespace duckweed::core
