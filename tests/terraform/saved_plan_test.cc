#include "terraform/saved_plan.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::terraform {
namespace {

using ::testing::HasSubstr;

TEST(SavedPlanTest, TheStateVersionIsItsLineageAndSerial) {
  gantry::testing::TempDir dir;
  std::string error;
  std::optional<StateVersion> version = ReadStateVersion(dir / "terraform.tfstate", error);
  ASSERT_TRUE(version) << error;
  EXPECT_EQ(*version, (StateVersion{"", -1})) << "no state file: no state yet";

  dir.Write("terraform.tfstate", "");
  version = ReadStateVersion(dir / "terraform.tfstate", error);
  ASSERT_TRUE(version) << error;
  EXPECT_EQ(*version, (StateVersion{"", -1})) << "terraform takes an empty file as no state";

  dir.Write("terraform.tfstate",
            R"({"version": 4, "terraform_version": "1.11.4", "serial": 5,
                "lineage": "c59a8766-4f64-da57-5296-aec677fc428e", "outputs": {}})");
  version = ReadStateVersion(dir / "terraform.tfstate", error);
  ASSERT_TRUE(version) << error;
  EXPECT_EQ(*version, (StateVersion{"c59a8766-4f64-da57-5296-aec677fc428e", 5}));

  dir.Write("terraform.tfstate", "{\"version\": 4, \"ser");
  EXPECT_FALSE(ReadStateVersion(dir / "terraform.tfstate", error));
  EXPECT_THAT(error, HasSubstr("cannot read the state " + (dir / "terraform.tfstate")));
  dir.Write("terraform.tfstate", R"({"version": 4, "serial": "5"})");
  EXPECT_FALSE(ReadStateVersion(dir / "terraform.tfstate", error));
}

TEST(SavedPlanTest, TheBasisReadsBackAsItWasWritten) {
  PlanBasis local;
  local.workspace = "dev";
  local.state = StateVersion{"lin-1", 3};
  EXPECT_EQ(BasisJson(local),
            "{\"backend\":\"local\",\"workspace\":\"dev\",\"lineage\":\"lin-1\",\"serial\":3}\n");
  const PlanBasis read = ParseBasis(BasisJson(local));
  EXPECT_FALSE(read.remote);
  EXPECT_EQ(read.workspace, "dev");
  EXPECT_EQ(read.state, local.state);

  PlanBasis none;
  none.workspace = "default";
  EXPECT_EQ(ParseBasis(BasisJson(none)).state, (StateVersion{"", -1}));

  PlanBasis remote;
  remote.remote = true;
  EXPECT_EQ(BasisJson(remote), "{\"backend\":\"remote\"}\n");
  EXPECT_TRUE(ParseBasis(BasisJson(remote)).remote);
}

TEST(SavedPlanTest, ABasisThatIsNotOneIsRefused) {
  EXPECT_THROW(ParseBasis("fake plan"), std::runtime_error);
  EXPECT_THROW(ParseBasis("{}"), std::runtime_error);
  EXPECT_THROW(ParseBasis(R"({"backend": "s3"})"), std::runtime_error);
  EXPECT_THROW(ParseBasis(R"({"backend": "local", "lineage": "x", "serial": 1})"),
               std::runtime_error);
  EXPECT_THROW(ParseBasis(R"({"backend": "local", "workspace": "w", "serial": 1})"),
               std::runtime_error);
}

TEST(SavedPlanTest, ThePlanFileIsMissingOrNot) {
  gantry::testing::TempDir dir;
  EXPECT_EQ(MissingPlanFile(dir.path()),
            "the saved plan file " + (dir / "tfplan") + " is missing; plan again");
  dir.Write("tfplan", "plan");
  EXPECT_EQ(MissingPlanFile(dir.path()), "");
}

}  // namespace
}  // namespace gantry::terraform
