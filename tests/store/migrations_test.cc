// Schema migrations, pragmas, database path resolution and open errors.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "duckweed/store/store.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::Bytes;
using testing::TempDir;

int64_t QueryInt(Store& store, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(store.handle(), sql, -1, &stmt, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const int64_t value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return value;
}

TEST(StoreMigrations, FreshDatabaseIsAtCurrentVersionWithEmptyTables) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 5u);
  for (const auto& [name, n] : *counts) EXPECT_EQ(n, 0) << name;
  EXPECT_EQ(QueryInt(**store, "PRAGMA foreign_keys"), 1);
}

TEST(StoreMigrations, FileDatabaseUsesWalAndReopeningWritesNothing) {
  TempDir dir;
  const auto path = dir / "a.db";
  {
    auto store = Store::Open(path.string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2((*store)->handle(), "PRAGMA journal_mode", -1, &stmt, nullptr);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
  }
  const std::string before = Bytes(path);
  ASSERT_FALSE(before.empty());
  {
    auto store = Store::Open(path.string());
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
  }
  EXPECT_EQ(Bytes(path), before);
}

TEST(StoreMigrations, ForeignKeysRejectObservationOfUnknownTerritory) {
  auto store = testing::SampleStore();
  ASSERT_NE(store, nullptr);
  Observation o{"fr:00000", "turnout", 2020, "result", 1.0, "", ""};
  core::Status status = store->UpsertObservations({o});
  EXPECT_EQ(status.code(), core::Code::kInvalidInput) << status.ToString();
  EXPECT_NE(status.message().find("FOREIGN KEY"), std::string::npos) << status.message();
  EXPECT_EQ(store->ListObservations("fr:62528")->size(), 4u);
}

TEST(StoreMigrations, NewerDatabaseIsRefused) {
  TempDir dir;
  const auto path = (dir / "new.db").string();
  {
    auto store = Store::Open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_EQ(
        sqlite3_exec((*store)->handle(), "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  auto store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("schema version 99"), std::string::npos);
  EXPECT_EQ(store.status().ExitCode(), 1);
}

TEST(StoreMigrations, UnwritablePathIsAnIoErrorWithExitCode1) {
  auto store = Store::Open("/nonexistent-duckweed-dir/sub/x.db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), core::Code::kIoError);
  EXPECT_EQ(store.status().ExitCode(), 1);
  EXPECT_NE(store.status().message().find("/nonexistent-duckweed-dir/sub/x.db"), std::string::npos);
}

TEST(StoreMigrations, NonDatabaseFileIsAnIoError) {
  TempDir dir;
  testing::WriteText(dir / "text.db", std::string(4096, 'x'));
  auto store = Store::Open((dir / "text.db").string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().ExitCode(), 1);
  EXPECT_EQ(Bytes(dir / "text.db"), std::string(4096, 'x'));
}

TEST(StoreDbPath, FlagThenEnvironmentThenXdgDefault) {
  TempDir dir;
  setenv("DUCKWEED_DB", "/tmp/from-env.db", 1);
  EXPECT_EQ(*ResolveDbPath("/tmp/flag.db"), "/tmp/flag.db");
  EXPECT_EQ(*ResolveDbPath(""), "/tmp/from-env.db");
  unsetenv("DUCKWEED_DB");
  setenv("XDG_DATA_HOME", dir.path().c_str(), 1);
  EXPECT_EQ(*ResolveDbPath(""), (dir / "duckweed" / "duckweed.db").string());
  EXPECT_TRUE(std::filesystem::is_directory(dir / "duckweed"));
  unsetenv("XDG_DATA_HOME");
}

}  // namespace
}  // namespace duckweed::store
