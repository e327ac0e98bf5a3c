#include "core/state/saved_plan_record.h"

#include <sys/stat.h>

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

using ::testing::HasSubstr;

TEST(SavedPlanRecordTest, RoundTripsWithModeOwnerOnly) {
  gantry::testing::TempDir dir;
  SavedPlanRecord saved;
  saved.component = "network/vpc";
  saved.type = "terraform";
  saved.target = "dev";
  saved.config = Fingerprint("config");
  saved.inputs = Fingerprint("inputs");
  saved.references = {{"net.id", ValueFingerprint("vpc-1", false)}};
  saved.planned_inputs = {"net.id"};
  const std::string path = dir / "vpc.gantry.json";
  ASSERT_TRUE(WriteSavedPlanRecord(path, saved).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  absl::StatusOr<SavedPlanRecord> read = ReadSavedPlanRecord(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, saved);
}

TEST(SavedPlanRecordTest, MissingAndDamagedFilesSaySo) {
  gantry::testing::TempDir dir;
  EXPECT_TRUE(absl::IsNotFound(ReadSavedPlanRecord(dir / "none.json").status()));
  std::ofstream(dir / "bad.json") << "{\"format\": 1";
  const absl::Status bad = ReadSavedPlanRecord(dir / "bad.json").status();
  EXPECT_TRUE(absl::IsInvalidArgument(bad));
  EXPECT_THAT(bad.message(), HasSubstr("bad.json is damaged"));
}

TEST(SavedPlanRecordTest, FingerprintsNoticeChangeButNotJsonSpacing) {
  EXPECT_EQ(Fingerprint("a").size(), 32u);
  EXPECT_NE(Fingerprint("a"), Fingerprint("b"));
  EXPECT_EQ(ValueFingerprint(R"({"b": 2, "a": [1, 2]})", true),
            ValueFingerprint(R"({"a":[1,2],"b":2})", true));
  EXPECT_NE(ValueFingerprint(R"({"a":1})", true), ValueFingerprint(R"({"a":2})", true));
  EXPECT_NE(ValueFingerprint("x", false), ValueFingerprint("\"x\"", true));

  config::ComponentConfig c;
  c.name = "app";
  c.type = "custom";
  c.vars = {{"VPC", "${net.id}"}};
  const std::string before = ConfigFingerprint(c, "dev");
  EXPECT_NE(before, ConfigFingerprint(c, "prod"));
  c.vars["VPC"] = "${net.other}";
  EXPECT_NE(before, ConfigFingerprint(c, "dev"));
}

}  // namespace
}  // namespace gantry::state
