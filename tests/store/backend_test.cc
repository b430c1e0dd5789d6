// The two backends behind one Store: same schema and errors, addresses chosen by their scheme,
// PostgreSQL connection failures named without the password, and the SQL text helpers.
#include <gtest/gtest.h>

#include <algorithm>

#include "duckweed/store/store.h"
#include "store/backends.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

class StoreBackend : public testing::BackendTest {};

TEST_P(StoreBackend, FreshStoreIsAtTheCurrentVersionAndReopeningKeepsIt) {
  {
    auto store = Store::Open(address());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
    EXPECT_STREQ((*store)->backend_name(), postgres() ? "postgresql" : "sqlite");
    auto counts = (*store)->Counts();  // named: a range-for over *temporary would dangle
    ASSERT_TRUE(counts.ok());
    for (const auto& [name, n] : *counts) EXPECT_EQ(n, 0) << name;
    EXPECT_TRUE((*store)->CheckIntegrity().ok());
  }
  auto again = Store::Open(address());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->schema_version(), kSchemaVersion);
}

TEST_P(StoreBackend, NewerSchemaIsRefusedWithExitCode1) {
  {
    auto store = Store::Open(address());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->handle()->SetSchemaVersion(99).ok());
  }
  auto store = Store::Open(address());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("schema version 99"), std::string::npos);
  EXPECT_EQ(store.status().ExitCode(), 1);
}

TEST_P(StoreBackend, ConstraintFailuresReadAlikeOnBothBackends) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  Observation o{"fr:00000", "turnout", 2020, "result", 1.0, "", ""};
  core::Status status = store->UpsertObservations({o});
  EXPECT_EQ(status.code(), core::Code::kInvalidInput) << status.ToString();
  EXPECT_EQ(status.message().rfind("observation fr:00000 turnout 2020: writing: FOREIGN KEY "
                                   "constraint failed",
                                   0),
            0u)
      << status.message();
  Initiative bad{"fr:62528", "x", "", {}, {}, "shouting", {}, {}, "", ""};
  status = store->UpsertInitiatives({bad});
  EXPECT_EQ(status.code(), core::Code::kInvalidInput);
  EXPECT_NE(status.message().find("CHECK constraint failed"), std::string::npos)
      << status.message();
  EXPECT_EQ(store->ListObservations("fr:62528")->size(), 4u);
  EXPECT_EQ(store->ListInitiatives("fr:62528")->size(), 2u);
}

// Store::ChangeCount: one more per committed write transaction, whoever commits it; reads,
// refused writes and reopening leave it; the counter is bookkeeping, not a table of the store.
TEST_P(StoreBackend, ChangeCountMovesWithEveryCommittedWriteOnly) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  auto count = [&](Store& s) {
    auto n = s.ChangeCount();
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  };
  const int64_t start = count(*store);
  EXPECT_GT(start, 0);  // SampleStore's writes
  ASSERT_TRUE(store->ListObservations().ok());
  EXPECT_EQ(count(*store), start);
  Observation unknown{"fr:00000", "turnout", 2020, "result", 1.0, "", ""};
  EXPECT_FALSE(store->UpsertObservations({unknown}).ok());
  EXPECT_EQ(count(*store), start);
  ASSERT_TRUE(
      store->UpsertObservations({{"fr:62528", "turnout", 2031, "result", 1.0, "", ""}}).ok());
  EXPECT_EQ(count(*store), start + 1);
  auto other = Store::Open(address());  // another connection, as another process would
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(count(**other), start + 1);
  ASSERT_TRUE(
      (*other)->UpsertObservations({{"fr:62528", "turnout", 2032, "result", 2.0, "", ""}}).ok());
  EXPECT_EQ(count(*store), start + 2);
  auto tables = store->handle()->Tables();
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(std::count(tables->begin(), tables->end(), "store_change"), 0);
}

TEST_P(StoreBackend, DoublesSurviveExactly) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  const double values[] = {0.1 + 0.2, 1e-310, 1.7976931348623157e308, -2.5e-7, 6799.0};
  int year = 1990;
  for (double v : values) {
    ASSERT_TRUE(
        store->UpsertObservations({{"fr:62498", "turnout", year++, "result", v, "", ""}}).ok());
  }
  auto rows = *store->ListObservations("fr:62498");
  ASSERT_EQ(rows.size(), std::size(values));
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].value, values[i]) << i;
}

DUCKWEED_BOTH_BACKENDS(StoreBackend);

TEST(StorePostgres, UnreachableServerIsAnIoErrorNamingTheAddress) {
  auto store = Store::Open("postgresql://someone:s3cret@/duckweed?host=/nonexistent-socket-dir");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), core::Code::kIoError);
  EXPECT_EQ(store.status().ExitCode(), 1);
  const std::string message = store.status().message();
  EXPECT_NE(message.find("cannot connect to database "
                         "'postgresql://someone:***@/duckweed?host=/nonexistent-socket-dir'"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST(StorePostgres, WrongPasswordIsAnIoErrorWithoutThePassword) {
  const std::string uri = testing::PostgresAddress();
  if (uri.empty()) GTEST_SKIP() << "no test PostgreSQL cluster (run through ctest)";
  const std::string host = uri.substr(uri.find("host="));  // host=DIR&user=duckweed
  const std::string socket = host.substr(5, host.find('&') - 5);
  auto store = Store::Open("postgresql://pwuser:wrong-secret@/duckweed?host=" + socket);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().ExitCode(), 1);
  const std::string message = store.status().message();
  EXPECT_NE(message.find("password authentication failed for user \"pwuser\""), std::string::npos)
      << message;
  EXPECT_NE(message.find("postgresql://pwuser:***@/duckweed"), std::string::npos) << message;
  EXPECT_EQ(message.find("wrong-secret"), std::string::npos) << message;
  auto right = Store::Open("postgresql:///duckweed?host=" + socket +
                           "&user=pwuser&password=right-password&options=-csearch_path%3Dpw");
  // Connected (the password is right); the schema "pw" does not exist, so migrating fails.
  ASSERT_FALSE(right.ok());
  EXPECT_EQ(right.status().message().find("right-password"), std::string::npos)
      << right.status().message();
}

TEST(StoreSqlText, RedactAddressHidesPasswordsOnly) {
  using internal::RedactAddress;
  EXPECT_EQ(RedactAddress("postgresql://u:p%40ss@db.example:5432/x"),
            "postgresql://u:***@db.example:5432/x");
  EXPECT_EQ(RedactAddress("postgresql://u@h/x?password=abc&sslmode=require"),
            "postgresql://u@h/x?password=***&sslmode=require");
  EXPECT_EQ(RedactAddress("postgresql:///x?host=/tmp/s"), "postgresql:///x?host=/tmp/s");
  EXPECT_EQ(RedactAddress("/home/me/duckweed.db"), "/home/me/duckweed.db");
}

TEST(StoreSqlText, PlaceholdersBecomeNumberedOutsideLiterals) {
  int count = 0;
  EXPECT_EQ(internal::ToDollarPlaceholders("SELECT ?, '?', \"a?\" WHERE x = ?", &count),
            "SELECT $1, '?', \"a?\" WHERE x = $2");
  EXPECT_EQ(count, 2);
  EXPECT_EQ(internal::ToDollarPlaceholders("WHERE ?1 = '' OR k = ?1 LIMIT ?12", &count),
            "WHERE $1 = '' OR k = $1 LIMIT $12");
  EXPECT_EQ(count, 12);
  EXPECT_EQ(internal::ToDollarPlaceholders("VALUES ('it''s ?', ?)"), "VALUES ('it''s ?', $1)");
}

TEST(StoreSqlText, SqliteDdlInPostgresTypes) {
  EXPECT_EQ(internal::SqliteDdlToPostgres(
                "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v REAL, n TEXT NOT NULL "
                "DEFAULT 'TEXT REAL', text INTEGER) WITHOUT ROWID;\n"
                "CREATE INDEX t_by_n ON t(n COLLATE NOCASE);"),
            "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v DOUBLE "
            "PRECISION, n TEXT COLLATE \"C\" NOT NULL DEFAULT 'TEXT REAL', text BIGINT);\n"
            "CREATE INDEX t_by_n ON t(lower(n));");
}

// PostgreSQL keeps each statement text prepared for the connection: one first prepared inside a
// transaction that rolls back (after a failed write) must still run afterwards.
TEST_P(StoreBackend, StatementsPreparedInARolledBackTransactionStayUsable) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  core::Status status = store->InTransaction([&]() -> core::Status {
    EXPECT_TRUE(store->GetIndicator("pv_capacity")->has_value());
    return store->UpsertObservations({{"fr:62528", "nope", 2020, "result", 1.0, "", ""}});
  });
  ASSERT_FALSE(status.ok());
  auto turnout = store->GetIndicator("turnout");
  ASSERT_TRUE(turnout.ok()) << turnout.status().ToString();
  EXPECT_EQ((*turnout)->name, "Turnout");
  EXPECT_EQ(store->ListObservations("fr:62528")->size(), 4u);
}

// A table numbered by SQLite's rowid (INTEGER PRIMARY KEY): rows inserted without an id get one on
// both backends, and after a copy with explicit ids PostgreSQL continues after the largest.
TEST_P(StoreBackend, IntegerPrimaryKeysNumberRowsAndContinueAfterACopy) {
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok());
  internal::Connection* db = (*store)->handle();
  ASSERT_TRUE(internal::Exec(db, db->Ddl("CREATE TABLE numbered (id INTEGER PRIMARY KEY, "
                                         "label TEXT NOT NULL)"))
                  .ok());
  ASSERT_TRUE(internal::Exec(db, "INSERT INTO numbered (label) VALUES ('a')").ok());
  ASSERT_TRUE(internal::Exec(db, "INSERT INTO numbered (id, label) VALUES (41, 'b')").ok());
  ASSERT_TRUE(db->ContinueIdentities("numbered").ok());
  ASSERT_TRUE(internal::Exec(db, "INSERT INTO numbered (label) VALUES ('c')").ok());
  auto stmt = internal::Statement::Prepare(db, "SELECT id FROM numbered ORDER BY id");
  ASSERT_TRUE(stmt.ok());
  std::vector<int64_t> ids;
  while (*stmt->Step()) ids.push_back(stmt->Int(0));
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 41, 42}));
}

}  // namespace
}  // namespace duckweed::store
