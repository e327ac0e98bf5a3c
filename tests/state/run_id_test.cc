#include "core/state/run_id.h"

#include <regex>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::state {
namespace {

using ::testing::HasSubstr;

TEST(RunIdTest, NewIdIsCanonicalVersion4Uuid) {
  const std::regex uuid4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (int i = 0; i < 100; ++i) {
    absl::StatusOr<std::string> id = NewRunId();
    ASSERT_TRUE(id.ok()) << id.status();
    EXPECT_TRUE(std::regex_match(*id, uuid4)) << *id;
    EXPECT_TRUE(IsValidRunId(*id)) << *id;
  }
}

TEST(RunIdTest, NewIdsAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    absl::StatusOr<std::string> id = NewRunId();
    ASSERT_TRUE(id.ok()) << id.status();
    EXPECT_TRUE(seen.insert(*id).second) << "duplicate " << *id;
  }
}

TEST(RunIdTest, ValidityAcceptsOnlyCanonicalLowercaseUuids) {
  EXPECT_TRUE(IsValidRunId("0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b"));
  EXPECT_TRUE(IsValidRunId("00000000-0000-0000-0000-000000000000"));  // any version
  EXPECT_FALSE(IsValidRunId(""));
  EXPECT_FALSE(IsValidRunId("0F8E2C4A-6B1D-4E3F-9A7B-2C5D8E1F0A3B"));
  EXPECT_FALSE(IsValidRunId("0f8e2c4a6b1d4e3f9a7b2c5d8e1f0a3b"));
  EXPECT_FALSE(IsValidRunId("0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3"));
  EXPECT_FALSE(IsValidRunId("0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3bc"));
  EXPECT_FALSE(IsValidRunId("0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3g"));
  EXPECT_FALSE(IsValidRunId("0f8e2c4a-6b1d-4e3f-9a7b2-c5d8e1f0a3b"));
  EXPECT_FALSE(IsValidRunId("../../../../../../../../../etc/passwd"));
  EXPECT_FALSE(IsValidRunId("0f8e2c4a/6b1d-4e3f-9a7b-2c5d8e1f0a3b"));
}

TEST(RunIdTest, ParseNormalizesWhatUsersType) {
  absl::StatusOr<std::string> id = ParseRunId("  0F8E2C4A-6B1D-4E3F-9A7B-2C5D8E1F0A3B\n");
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(*id, "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b");
}

TEST(RunIdTest, ParseRejectsAnythingElseQuotingIt) {
  for (const char* bad : {"", "latest", "../x", "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b/.."}) {
    absl::StatusOr<std::string> id = ParseRunId(bad);
    ASSERT_FALSE(id.ok()) << bad;
    EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(id.status().message(), HasSubstr(absl::StrCat("'", bad, "' is not a run id")));
  }
}

}  // namespace
}  // namespace gantry::state
