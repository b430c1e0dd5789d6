#include "duckweed/core/status.h"

#include <gtest/gtest.h>

#include "duckweed/core/result.h"

namespace duckweed::core {
namespace {

TEST(StatusTest, ExitCodesAreStable) {
  EXPECT_EQ(Status::Ok().ExitCode(), 0);
  EXPECT_EQ(Status::InvalidInput("x").ExitCode(), 1);
  EXPECT_EQ(Status::NotFound("x").ExitCode(), 1);
  EXPECT_EQ(Status::IoError("x").ExitCode(), 1);
  EXPECT_EQ(Status::Usage("x").ExitCode(), 2);
  EXPECT_EQ(Status::Internal("x").ExitCode(), 3);
  EXPECT_EQ(Status::NotFound("x").HttpStatus(), 404);
  EXPECT_EQ(Status::InvalidInput("x").HttpStatus(), 400);
}

TEST(StatusTest, AccessAndConflictCodesMapToTheirHttpStatuses) {
  EXPECT_EQ(Status::Unauthenticated("x").HttpStatus(), 401);
  EXPECT_EQ(Status::PermissionDenied("x").HttpStatus(), 403);
  EXPECT_EQ(Status::Conflict("x").HttpStatus(), 409);
  EXPECT_EQ(Status::Conflict("x").ExitCode(), 1);
  EXPECT_EQ(Status::PermissionDenied("x").code(), Code::kPermissionDenied);
}

TEST(StatusTest, DiagnosticNamesFileLineColumnAndField) {
  Status s = Status::InvalidInput("expected a number, found 'abc'", {"cases.csv", 3, 14, "pop"});
  EXPECT_EQ(s.message(), "cases.csv:3:14: field 'pop': expected a number, found 'abc'");
}

TEST(StatusTest, SinkCollectsAllAndCapsTheRest) {
  DiagnosticSink sink(2);
  EXPECT_TRUE(sink.ToStatus().ok());
  sink.Add({"f", 1, 1, ""}, "a");
  sink.Add({"f", 2, 1, ""}, "b");
  sink.Add({"f", 3, 1, ""}, "c");
  Status s = sink.ToStatus();
  ASSERT_EQ(s.diagnostics().size(), 3u);
  EXPECT_EQ(s.diagnostics()[2].message, "... and 1 more problems not shown");
  EXPECT_EQ(sink.count(), 3u);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidInput("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  DUCKWEED_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  auto ok = Quarter(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "odd");
}

}  // namespace
}  // namespace duckweed::core
