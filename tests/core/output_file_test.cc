// OutputFile writes through to what the target is: regular files replaced atomically, links
// followed, FIFOs and devices written to, directories refused, and no temporary left behind.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "duckweed/core/file.h"

namespace duckweed::core {
namespace {

namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("duckweed_output_file_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  size_t EntryCount() {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }

  fs::path dir_;
};

TEST_F(OutputFileTest, ReplacesARegularFileAndKeepsItsPermissions) {
  const fs::path out = dir_ / "out.csv";
  ASSERT_TRUE(WriteFileAtomic(out, "first").ok());
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write);
  ASSERT_TRUE(WriteFileAtomic(out, "second").ok());
  EXPECT_EQ(Read(out), "second");
  EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(EntryCount(), 1u);
}

TEST_F(OutputFileTest, FollowsASymlinkAndReplacesItsTarget) {
  fs::create_directories(dir_ / "real");
  const fs::path target = dir_ / "real" / "data.csv";
  { std::ofstream(target) << "old"; }
  fs::create_symlink("real/data.csv", dir_ / "link.csv");            // relative link
  fs::create_symlink(dir_ / "link.csv", dir_ / "link-to-link.csv");  // a chain of two
  ASSERT_TRUE(WriteFileAtomic(dir_ / "link-to-link.csv", "new").ok());
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.csv"));
  EXPECT_TRUE(fs::is_symlink(dir_ / "link-to-link.csv"));
  EXPECT_EQ(Read(target), "new");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "real"), {}), 1);
}

TEST_F(OutputFileTest, ADanglingSymlinkCreatesItsTarget) {
  fs::create_symlink("made.csv", dir_ / "link.csv");
  ASSERT_TRUE(WriteFileAtomic(dir_ / "link.csv", "made").ok());
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.csv"));
  EXPECT_EQ(Read(dir_ / "made.csv"), "made");
}

TEST_F(OutputFileTest, WritesThroughAFifoToItsReader) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Read(fifo); });
  const std::string payload(3 << 20, 'x');  // larger than the pipe buffer and the write buffer
  Status status = WriteFileAtomic(fifo, payload + "end");
  reader.join();
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(received.size(), payload.size() + 3);
  EXPECT_EQ(received.substr(received.size() - 3), "end");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(EntryCount(), 1u);
}

TEST_F(OutputFileTest, AFifoWhoseReaderLeftIsAnErrorNotADeath) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY);
    ::close(fd);  // goes away before reading anything
  });
  auto out = OutputFile::Open(fifo);
  reader.join();
  ASSERT_TRUE(out.ok());
  Status status = out->Write(std::string(2 << 20, 'x'));
  if (status.ok()) status = out->Commit();
  EXPECT_EQ(status.code(), Code::kIoError);
  EXPECT_NE(status.message().find("Broken pipe"), std::string::npos) << status.message();
}

TEST_F(OutputFileTest, WritesToDevNullWithoutReplacingIt) {
  ASSERT_TRUE(WriteFileAtomic("/dev/null", "discarded").ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(OutputFileTest, RefusesADirectory) {
  Status s = WriteFileAtomic(dir_, "x");
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_NE(s.message().find("is a directory"), std::string::npos);
  EXPECT_EQ(EntryCount(), 0u);
}

TEST_F(OutputFileTest, UncommittedOutputLeavesTargetAndFolderAsTheyWere) {
  const fs::path out = dir_ / "out.csv";
  ASSERT_TRUE(WriteFileAtomic(out, "kept").ok());
  {
    auto file = OutputFile::Open(out);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE(file->Write("never committed").ok());
  }
  EXPECT_EQ(Read(out), "kept");
  EXPECT_EQ(EntryCount(), 1u);
}

TEST_F(OutputFileTest, KillNineWhileWritingLeavesNoTemporary) {
  const fs::path out = dir_ / "out.csv";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto file = OutputFile::Open(out);
    if (file.ok()) (void)file->Write(std::string(4 << 20, 'x'));  // past the buffer: on disk
    ::raise(SIGKILL);
    ::_exit(0);
  }
  int wstatus = 0;
  ASSERT_EQ(::waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wstatus));
  EXPECT_EQ(EntryCount(), 0u);
}

TEST_F(OutputFileTest, RemovesStaleTemporariesOfDeadProcessesOnly) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(child, nullptr, 0), child);  // `child` is now a dead pid
  const fs::path out = dir_ / "out.csv";
  const fs::path stale = dir_ / ("out.csv.tmp-" + std::to_string(child));
  const fs::path live = dir_ / ("out.csv.tmp-" + std::to_string(::getppid()));
  const fs::path other = dir_ / ("other.csv.tmp-" + std::to_string(child));
  for (const fs::path& p : {stale, live, other}) std::ofstream(p) << "left over";
  ASSERT_TRUE(WriteFileAtomic(out, "x").ok());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(other));  // not next to this target's name
}

TEST_F(OutputFileTest, MissingFolderIsAnIoErrorNamingThePath) {
  Status s = WriteFileAtomic(dir_ / "missing" / "out.csv", "x");
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_EQ(s.ExitCode(), 1);
  EXPECT_NE(s.ToString().find("missing/out.csv"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::core
