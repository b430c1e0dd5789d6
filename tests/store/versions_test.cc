// Issue 15, item 3: no lost update. An edit carrying the version it read is refused with a
// conflict when the row changed since (another editor, an import), on both backends, and writes
// nothing; databases of schema 2 get version 1 for the rows they hold.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "duckweed/store/store.h"
#include "store/migrations.h"
#include "store/sql.h"
#include "test_util.h"

namespace duckweed::store {
namespace {

class StoreVersions : public testing::BackendTest {};

Observation Turnout2020(double value) {
  return Observation{"fr:62528", "turnout", 2020, "result", value, "https://example.org/e", "ed"};
}

TEST_P(StoreVersions, EveryWriteAddsOneAndAStaleEditIsAConflictThatWritesNothing) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  // The sample import wrote each row once.
  auto read = store->GetObservation("fr:62528", "turnout", 2020, "result");
  ASSERT_TRUE(read.ok() && read->has_value()) << read.status().ToString();
  EXPECT_EQ((*read)->version, 1);
  EXPECT_EQ((*read)->row.value, 0.30000000000000004);
  EXPECT_EQ((*read)->row.note, "odd double");

  // Two editors read version 1; the first wins, the second is refused.
  auto first = store->SetObservation(Turnout2020(81.5), 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 2);
  auto second = store->SetObservation(Turnout2020(60.0), 1);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), core::Code::kConflict);
  EXPECT_EQ(second.status().ExitCode(), 1);
  EXPECT_EQ(second.status().message(),
            "observation fr:62528 turnout 2020 (result): changed since version 1 (now version 2); "
            "read it again and retry");
  auto now = *store->GetObservation("fr:62528", "turnout", 2020, "result");
  EXPECT_EQ(now->row.value, 81.5);
  EXPECT_EQ(now->row.source, "https://example.org/e");
  EXPECT_EQ(now->version, 2);

  // An import rewriting the row moves its version too, so an edit read before it is refused.
  ASSERT_TRUE(store->UpsertObservations({Turnout2020(70.0)}).ok());
  EXPECT_EQ((*store->GetObservation("fr:62528", "turnout", 2020, "result"))->version, 3);
  EXPECT_EQ(store->SetObservation(Turnout2020(1.0), 2).status().code(), core::Code::kConflict);
  auto latest = store->SetObservation(Turnout2020(72.5), 3);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(*latest, 4);
  // Without a version the write goes through whatever the version.
  EXPECT_EQ(*store->SetObservation(Turnout2020(73.0)), 5);
  EXPECT_EQ((*store->GetObservation("fr:62528", "turnout", 2020, "result"))->row.value, 73.0);
  // The other rows were not touched.
  EXPECT_EQ((*store->GetObservation("fr:62528", "turnout", 2014, "result"))->version, 1);
}

TEST_P(StoreVersions, CreateOnlyMissingRowsAndUnknownReferences) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  Observation fresh{"fr:62498", "turnout", 2021, "result", 55.0, "", ""};
  EXPECT_FALSE(store->GetObservation("fr:62498", "turnout", 2021, "result")->has_value());
  // Changing a row that does not exist: not found, nothing created.
  auto missing = store->SetObservation(fresh, 4);
  EXPECT_EQ(missing.status().code(), core::Code::kNotFound) << missing.status().ToString();
  EXPECT_EQ(missing.status().ExitCode(), 1);
  EXPECT_FALSE(store->GetObservation("fr:62498", "turnout", 2021, "result")->has_value());
  // Version 0 creates only.
  auto created = store->SetObservation(fresh, 0);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(*created, 1);
  auto again = store->SetObservation(fresh, 0);
  EXPECT_EQ(again.status().code(), core::Code::kConflict);
  EXPECT_EQ(again.status().message(),
            "observation fr:62498 turnout 2021 (result): already exists (version 1); read it and "
            "retry with --if-version 1");
  // Unknown indicator: bad input, worded as on the other write paths.
  Observation unknown{"fr:62498", "nope", 2021, "result", 1.0, "", ""};
  for (std::optional<int64_t> v : {std::optional<int64_t>(), std::optional<int64_t>(0)}) {
    auto bad = store->SetObservation(unknown, v);
    EXPECT_EQ(bad.status().code(), core::Code::kInvalidInput);
    EXPECT_NE(bad.status().message().find("observation fr:62498 nope 2021 (result): "),
              std::string::npos)
        << bad.status().message();
    EXPECT_NE(bad.status().message().find("FOREIGN KEY constraint failed"), std::string::npos)
        << bad.status().message();
  }
  EXPECT_EQ(store->SetObservation(fresh, -1).status().code(), core::Code::kInvalidInput);
  EXPECT_EQ(store->ListObservations("fr:62498")->size(), 1u);
}

TEST_P(StoreVersions, InitiativesCarryVersionsToo) {
  auto store = testing::SampleStore(address());
  ASSERT_NE(store, nullptr);
  auto read = store->GetInitiative("fr:62528", "Fifty-fifty");
  ASSERT_TRUE(read.ok() && read->has_value()) << read.status().ToString();
  EXPECT_EQ((*read)->version, 1);
  EXPECT_EQ((*read)->row.involvement, "co-produce");
  EXPECT_EQ((*read)->row.start_year, 2001);
  EXPECT_FALSE((*read)->row.end_year.has_value());

  Initiative edited = (*read)->row;
  edited.status = "completed";
  edited.end_year = 2024;
  auto first = store->SetInitiative(edited, 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, 2);
  edited.status = "stopped";
  auto stale = store->SetInitiative(edited, 1);
  EXPECT_EQ(stale.status().code(), core::Code::kConflict);
  EXPECT_EQ(stale.status().message(),
            "initiative 'Fifty-fifty' of fr:62528: changed since version 1 (now version 2); read "
            "it again and retry");
  auto now = *store->GetInitiative("fr:62528", "Fifty-fifty");
  EXPECT_EQ(now->row.status, "completed");
  EXPECT_EQ(now->row.end_year, 2024);
  EXPECT_EQ(now->version, 2);
  // A bad involvement is bad input and writes nothing.
  edited.involvement = "shouting";
  EXPECT_EQ(store->SetInitiative(edited, 2).status().code(), core::Code::kInvalidInput);
  EXPECT_EQ((*store->GetInitiative("fr:62528", "Fifty-fifty"))->version, 2);
  ASSERT_TRUE(store->UpsertInitiatives({now->row}).ok());
  EXPECT_EQ((*store->GetInitiative("fr:62528", "Fifty-fifty"))->version, 3);
}

// Two connections (two editors' processes): the one that read before the other's commit loses.
TEST_P(StoreVersions, TwoConnectionsReadingTheSameVersionOneWins) {
  auto a = testing::SampleStore(address());
  ASSERT_NE(a, nullptr);
  auto b = Store::Open(address());
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  const int64_t seen_a = (*a->GetObservation("fr:62528", "turnout", 2014, "result"))->version;
  const int64_t seen_b = (*(*b)->GetObservation("fr:62528", "turnout", 2014, "result"))->version;
  ASSERT_EQ(seen_a, seen_b);
  Observation o{"fr:62528", "turnout", 2014, "result", 46.0, "", ""};
  EXPECT_TRUE(a->SetObservation(o, seen_a).ok());
  o.value = 47.0;
  EXPECT_EQ((*b)->SetObservation(o, seen_b).status().code(), core::Code::kConflict);
  EXPECT_EQ((*(*b)->GetObservation("fr:62528", "turnout", 2014, "result"))->row.value, 46.0);
}

// A second editor writing while a first editor's transaction is open: on PostgreSQL at READ
// COMMITTED its conditional UPDATE waits on the row lock (seen in pg_stat_activity), then re-reads
// the committed row and finds the version moved; on SQLite it waits for the write lock (busy
// timeout) and then finds the same. A conflict either way, not an overwrite.
TEST_P(StoreVersions, SecondEditorWaitsForTheFirstThenConflicts) {
  auto a = testing::SampleStore(address());
  ASSERT_NE(a, nullptr);
  auto b = Store::Open(address());
  auto watcher = Store::Open(address());
  ASSERT_TRUE(b.ok() && watcher.ok());
  int64_t b_pid = 0;
  if (postgres()) {
    auto pid = internal::Statement::Prepare((*b)->handle(), "SELECT pg_backend_pid()");
    ASSERT_TRUE(pid.ok() && *pid->Step());
    b_pid = pid->Int(0);
  }
  core::Result<int64_t> second = core::Status::Internal("not run");
  std::thread editor;
  core::Status first = a->InTransaction([&]() -> core::Status {
    auto written = a->SetObservation(Turnout2020(81.5), 1);
    if (!written.ok()) return written.status();
    editor = std::thread([&] { second = (*b)->SetObservation(Turnout2020(60.0), 1); });
    if (!postgres()) return core::Status::Ok();  // SQLite: b waits for the write lock
    auto waiting = internal::Statement::Prepare(
        (*watcher)->handle(),
        "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'");
    bool blocked = false;
    for (int poll = 0; poll < 6000 && !blocked; ++poll) {  // up to a minute on a loaded machine
      waiting->Bind(1, b_pid);
      blocked = *waiting->Step() && waiting->Int(0) == 1;
      waiting->Reset();
      if (!blocked) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(blocked) << "the second editor never waited for the first's row lock";
    return core::Status::Ok();  // commit: the waiting editor proceeds
  });
  if (editor.joinable()) editor.join();
  ASSERT_TRUE(first.ok()) << first.ToString();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), core::Code::kConflict);
  EXPECT_EQ(second.status().message(),
            "observation fr:62528 turnout 2020 (result): changed since version 1 (now version 2); "
            "read it again and retry");
  auto now = *a->GetObservation("fr:62528", "turnout", 2020, "result");
  EXPECT_EQ(now->row.value, 81.5);
  EXPECT_EQ(now->version, 2);
}

DUCKWEED_BOTH_BACKENDS(StoreVersions);

// A store of schema 2 (before versions) opens at the current schema, its rows at version 1.
TEST_P(StoreVersions, SchemaTwoRowsMigrateToVersionOne) {
  {
    auto db = internal::Connect(address());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    internal::Connection* c = db->get();
    for (int v = 0; v < 2; ++v) {
      ASSERT_TRUE(internal::Exec(c, c->Ddl(internal::Migrations()[v])).ok());
    }
    ASSERT_TRUE(c->SetSchemaVersion(2).ok());
    ASSERT_TRUE(internal::Exec(c,
                               "INSERT INTO territory (id, name, kind) VALUES ('fr:1', 'A', 'c');"
                               "INSERT INTO indicator (id, name) VALUES ('k', 'K');"
                               "INSERT INTO observation (territory_id, indicator_id, year, kind, "
                               "value) VALUES ('fr:1', 'k', 2020, 'result', 2.5)")
                    .ok());
  }
  auto store = Store::Open(address());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->schema_version(), kSchemaVersion);
  auto row = (*store)->GetObservation("fr:1", "k", 2020, "result");
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->version, 1);
  EXPECT_EQ((*row)->row.value, 2.5);
}

}  // namespace
}  // namespace duckweed::store
