// What a packer build was made from, and the record that lets the next apply skip it.
#include "packer/last_build.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::packer {
namespace {

TEST(LastBuildTest, AnyInputChangesTheFingerprint) {
  gantry::testing::TempDir dir;
  dir.Write("main.pkr.hcl", "source \"null\" \"a\" {}\n");
  dir.Write("scripts/setup.sh", "echo one\n");
  const std::string base = BuildInputsFingerprint(dir.path(), R"({"only":[]})", R"({"v":"1"})");
  EXPECT_EQ(base, BuildInputsFingerprint(dir.path(), R"({"only":[]})", R"({"v":"1"})"));
  EXPECT_NE(base, BuildInputsFingerprint(dir.path(), R"({"only":["a"]})", R"({"v":"1"})"));
  EXPECT_NE(base, BuildInputsFingerprint(dir.path(), R"({"only":[]})", R"({"v":"2"})"));
  dir.Write("scripts/setup.sh", "echo two\n");
  const std::string edited = BuildInputsFingerprint(dir.path(), R"({"only":[]})", R"({"v":"1"})");
  EXPECT_NE(base, edited) << "a script beside the template is an input";
  dir.Write("scripts/extra.sh", "");
  EXPECT_NE(edited, BuildInputsFingerprint(dir.path(), R"({"only":[]})", R"({"v":"1"})"))
      << "a new (even empty) file is an input";
}

TEST(LastBuildTest, TheRecordReadsBackAsWritten) {
  LastBuild build;
  build.fingerprint = "00000000000000ab";
  build.outputs = {{"artifact_id", "ami-1", false}, {"artifact_ids", R"({"a":"ami-1"})", true}};
  build.sensitive = {false, true};
  const std::optional<LastBuild> read = ParseLastBuild(LastBuildJson(build));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->fingerprint, "00000000000000ab");
  ASSERT_EQ(read->outputs.size(), 2u);
  EXPECT_EQ(read->outputs[1].key, "artifact_ids");
  EXPECT_EQ(read->outputs[1].value, R"({"a":"ami-1"})");
  EXPECT_TRUE(read->outputs[1].is_json);
  EXPECT_THAT(read->sensitive, ::testing::ElementsAre(false, true));
}

TEST(LastBuildTest, ARecordThatIsNotOneIsIgnored) {
  EXPECT_FALSE(ParseLastBuild("").has_value());
  EXPECT_FALSE(ParseLastBuild("{\"fingerprint\": 3}").has_value());
  EXPECT_FALSE(ParseLastBuild(R"({"fingerprint": "x", "outputs": [{"key": 1}]})").has_value());
}

}  // namespace
}  // namespace gantry::packer
