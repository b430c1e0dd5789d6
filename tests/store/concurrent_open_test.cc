// Regression (issue 10, F4): several processes opening a new database at once used to fail with
// "table territory already exists" (exit 3), because the schema version was read before the
// write lock was taken. Lock contention past the busy timeout is a clear, retryable error.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "duckweed/store/store.h"
#include "store/sql.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::TempDir;

int64_t QueryInt(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const int64_t value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

TEST(StoreConcurrentOpen, EightProcessesOpeningANewDatabaseAllSucceed) {
  TempDir dir;
  const std::string path = (dir / "new.db").string();
  int gate[2];
  ASSERT_EQ(::pipe(gate), 0);
  constexpr int kProcesses = 8;
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(gate[1]);
      char go = 0;
      if (::read(gate[0], &go, 1) != 1) ::_exit(2);  // all start together
      auto store = Store::Open(path);
      ::_exit(store.ok() && (*store)->schema_version() == kSchemaVersion ? 0 : 1);
    }
    children.push_back(pid);
  }
  ::close(gate[0]);
  const std::string go(kProcesses, 'g');
  ASSERT_EQ(::write(gate[1], go.data(), go.size()), kProcesses);
  ::close(gate[1]);
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_master WHERE name = 'territory'"), 1);
}

TEST(StoreConcurrentOpen, BusyDatabaseSaysHowLongItWaitedAndToRetry) {
  TempDir dir;
  const std::string path = (dir / "busy.db").string();
  auto holder = Store::Open(path);
  ASSERT_TRUE(holder.ok());
  ASSERT_TRUE((*holder)->handle()->Begin().ok());  // BEGIN IMMEDIATE: holds the write lock
  ::setenv("DUCKWEED_BUSY_TIMEOUT_MS", "50", 1);
  auto waiter = Store::Open(path);
  ASSERT_TRUE(waiter.ok()) << waiter.status().ToString();  // up to date: opening writes nothing
  core::Status status = (*waiter)->UpsertIndicators({Indicator{"x", "X"}});
  ::unsetenv("DUCKWEED_BUSY_TIMEOUT_MS");
  EXPECT_EQ(status.code(), core::Code::kIoError);
  EXPECT_EQ(status.ExitCode(), 1);
  const std::string message = status.message();
  EXPECT_NE(message.find("busy with another writer; waited 50 ms"), std::string::npos) << message;
  EXPECT_NE(message.find("retry"), std::string::npos) << message;
  EXPECT_EQ(message.find("locked: database is locked"), std::string::npos) << message;
}

TEST(StoreConcurrentOpen, MalformedBusyTimeoutIsBadInputNamingTheVariable) {
  ::setenv("DUCKWEED_BUSY_TIMEOUT_MS", "5s", 1);
  auto store = Store::Open(":memory:");
  ::unsetenv("DUCKWEED_BUSY_TIMEOUT_MS");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().ExitCode(), 1);
  EXPECT_NE(store.status().ToString().find("DUCKWEED_BUSY_TIMEOUT_MS"), std::string::npos);
  EXPECT_NE(store.status().ToString().find("found '5s'"), std::string::npos);
}

}  // namespace
}  // namespace duckweed::store
