// gantry init's question to the terraform plugin, through the ABI: which directories are
// root modules.
#include <filesystem>

#include "gantry/testing/fake_host.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace {

using ::gantry::testing::FakeHost;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class TerraformRecognizeTest : public ::testing::Test {
 protected:
  TerraformRecognizeTest() : host_(FakeHost::Load(GANTRY_TERRAFORM_PLUGIN)) {}
  FakeHost host_;
  gantry::testing::TempDir tree_;
};

TEST_F(TerraformRecognizeTest, ARootModuleIsProposedWithWhatItHolds) {
  tree_.Write("network/main.tf", R"(variable "cidr" { type = string }
variable "name" {}
output "vpc_id" { value = "vpc-1" }
output "token" {
  value     = "t"
  sensitive = true
}
)");
  tree_.Write("network/versions.tf", "terraform {}\n");
  const auto record = host_.Recognize(tree_ / "network");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  EXPECT_THAT(record.refusals, IsEmpty());
  ASSERT_THAT(record.proposals, SizeIs(1));
  const auto& proposal = record.proposals[0];
  EXPECT_EQ(proposal.type, "terraform");
  EXPECT_EQ(proposal.source_dir, tree_ / "network");
  EXPECT_EQ(proposal.name, "");  // the host names it after its path
  EXPECT_EQ(proposal.settings_json, "");
  EXPECT_EQ(proposal.note,
            "terraform root module (main.tf, versions.tf); variables: cidr, name; outputs: "
            "token (sensitive), vpc_id");
}

TEST_F(TerraformRecognizeTest, DirectoriesWithoutTerraformFilesAreNot) {
  tree_.Write("docs/README.md", "# not terraform\n");
  tree_.Write("docs/main.tf.bak", "resource \"x\" \"y\" {}\n");
  EXPECT_THAT(host_.Recognize(tree_ / "docs").proposals, IsEmpty());
}

TEST_F(TerraformRecognizeTest, ChildModulesUnderModulesAreNotRoots) {
  tree_.Write("modules/vpc/main.tf", "variable \"cidr\" {}\n");
  tree_.Write("modules/main.tf", "variable \"cidr\" {}\n");
  EXPECT_THAT(host_.Recognize(tree_ / "modules/vpc").proposals, IsEmpty());
  EXPECT_THAT(host_.Recognize(tree_ / "modules").proposals, IsEmpty());
  // ...unless it has a backend: then it is run on its own.
  tree_.Write("modules/state/main.tf", "terraform {\n  backend \"local\" {}\n}\n");
  const auto record = host_.Recognize(tree_ / "modules/state");
  ASSERT_THAT(record.proposals, SizeIs(1));
  EXPECT_THAT(record.proposals[0].note, HasSubstr("backend local"));
}

}  // namespace
