// gantry init's question to the packer plugin, through the ABI: which templates a
// directory holds.
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

class PackerRecognizeTest : public ::testing::Test {
 protected:
  PackerRecognizeTest() : host_(FakeHost::Load(GANTRY_PACKER_PLUGIN)) {}
  FakeHost host_;
  gantry::testing::TempDir tree_;
};

TEST_F(PackerRecognizeTest, HclFilesOfADirectoryAreOneTemplate) {
  tree_.Write("image/image.pkr.hcl", R"(source "null" "app" { communicator = "none" }
build { sources = ["source.null.app"] }
)");
  tree_.Write("image/variables.pkr.hcl", "variable \"greeting\" { type = string }\n");
  tree_.Write("image/dev.pkrvars.hcl", "greeting = \"hi\"\n");  // values, not a template
  const auto record = host_.Recognize(tree_ / "image");
  ASSERT_EQ(record.status, GANTRY_STATUS_OK);
  ASSERT_THAT(record.proposals, SizeIs(1));
  EXPECT_EQ(record.proposals[0].type, "packer");
  EXPECT_EQ(record.proposals[0].source_dir, tree_ / "image");
  EXPECT_EQ(record.proposals[0].settings_json, "");  // packer builds the directory
  EXPECT_EQ(record.proposals[0].note,
            "packer template (image.pkr.hcl, variables.pkr.hcl); builds: null.app");
}

TEST_F(PackerRecognizeTest, ALegacyJsonTemplateIsNamedByTemplate) {
  tree_.Write("old/base.json", R"({"builders": [{"type": "null", "communicator": "none"}]})");
  tree_.Write("old/package.json", R"({"name": "not-a-template"})");
  tree_.Write("old/broken.json", "{ not json");
  const auto record = host_.Recognize(tree_ / "old");
  ASSERT_THAT(record.proposals, SizeIs(1));
  EXPECT_EQ(record.proposals[0].settings_json, R"({"template":"base.json"})");
  EXPECT_THAT(record.proposals[0].note, HasSubstr("packer template (base.json)"));
}

TEST_F(PackerRecognizeTest, OtherDirectoriesHoldNone) {
  tree_.Write("web/index.html", "<html></html>\n");
  EXPECT_THAT(host_.Recognize(tree_ / "web").proposals, IsEmpty());
}

}  // namespace
