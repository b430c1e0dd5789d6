// Schema migrations, pragmas, database path resolution and open errors.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "duckweed/store/store.h"
#include "store/sql.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

using testing::Bytes;
using testing::TempDir;

// The first column of the first row of `sql`, as text.
std::string Query(Store& store, const char* sql) {
  auto stmt = internal::Statement::Prepare(store.handle(), sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
  if (!stmt.ok()) return "";
  auto row = stmt->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? stmt->Text(0) : "";
}

TEST(StoreMigrations, FreshDatabaseIsAtCurrentVersionWithEmptyTables) {
  auto store = Store::Open(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
  auto counts = (*store)->Counts();
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 5u);
  for (const auto& [name, n] : *counts) EXPECT_EQ(n, 0) << name;
  EXPECT_EQ(Query(**store, "PRAGMA foreign_keys"), "1");
}

TEST(StoreMigrations, FileDatabaseUsesWalAndReopeningWritesNothing) {
  TempDir dir;
  const auto path = dir / "a.db";
  {
    auto store = Store::Open(path.string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(Query(**store, "PRAGMA journal_mode"), "wal");
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
    ASSERT_TRUE(internal::Exec((*store)->handle(), "PRAGMA user_version = 99").ok());
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
