// The outputs of one build run, from its stream and its manifest entries.
#include "packer/build_outputs.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::packer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::map<std::string, std::string> Values(const BuildOutputs& outputs) {
  std::map<std::string, std::string> values;
  for (const OutputValue& value : outputs.values) values[value.key] = value.value;
  return values;
}

ManifestEntry Entry(std::string name, std::string id, json::Object custom = {}) {
  ManifestEntry entry;
  entry.name = std::move(name);
  entry.builder_type = "null";
  entry.artifact_id = std::move(id);
  entry.run_uuid = "r";
  entry.custom_data = std::move(custom);
  return entry;
}

TEST(OutputKeyTest, BuildNamesBecomeOutputKeys) {
  EXPECT_EQ(OutputKey("b.null.one"), "b_null_one");
  EXPECT_EQ(OutputKey("amazon-ebs.ubuntu"), "amazon-ebs_ubuntu");
  EXPECT_EQ(OutputKey("image tag/x"), "image_tag_x");
  EXPECT_EQ(OutputKey("2nd"), "_2nd");
  EXPECT_EQ(OutputKey("-x"), "_-x");
  EXPECT_EQ(OutputKey(""), "_");
  EXPECT_EQ(OutputKey("_ok-1"), "_ok-1");
}

TEST(BuildOutputsTest, OneBuildFromTheStream) {
  const BuildOutputs outputs = ComputeOutputs({"null"}, {{"null", "ami-1"}}, {});
  EXPECT_THAT(outputs.warnings, IsEmpty());
  ASSERT_EQ(outputs.values.size(), 3u);
  EXPECT_EQ(outputs.values[0].key, "artifact_id");
  EXPECT_EQ(outputs.values[0].value, "ami-1");
  EXPECT_EQ(outputs.values[1].key, "artifact_ids");
  EXPECT_EQ(outputs.values[1].value, R"({"null":"ami-1"})");
  EXPECT_TRUE(outputs.values[1].is_json);
  EXPECT_EQ(outputs.values[2].key, "null_artifact_id");
}

TEST(BuildOutputsTest, SeveralBuildsInTemplateOrderWithTheManifestWinning) {
  const BuildOutputs outputs = ComputeOutputs(
      {"b.null.one", "b.null.two"}, {{"b.null.two", "stream-2"}, {"b.null.one", "stream-1"}},
      {Entry("two", "manifest-2", {{"greeting", json::Value("yo")}, {"n", json::Value(2)}}),
       Entry("one", "manifest-1", {{"greeting", json::Value("yo")}})});
  EXPECT_THAT(outputs.warnings, IsEmpty());
  const auto values = Values(outputs);
  EXPECT_EQ(values.at("artifact_id"), "manifest-1") << "the template's first build";
  EXPECT_EQ(values.at("artifact_ids"), R"({"b.null.one":"manifest-1","b.null.two":"manifest-2"})");
  EXPECT_EQ(values.at("b_null_one_artifact_id"), "manifest-1");
  EXPECT_EQ(values.at("b_null_two_artifact_id"), "manifest-2");
  EXPECT_EQ(values.at("greeting"), "yo") << "the same custom_data of both builds: once";
  EXPECT_EQ(values.at("n"), "2");
  for (const OutputValue& value : outputs.values) {
    if (value.key == "n") {
      EXPECT_TRUE(value.is_json);
    }
  }
  EXPECT_EQ(values.size(), 6u);
}

TEST(BuildOutputsTest, ClashesAreLeftOutAndSaid) {
  const BuildOutputs outputs = ComputeOutputs(
      {"a.b", "a_b"}, {{"a.b", "1"}, {"a_b", "2"}},
      {Entry("a.b", "1", {{"artifact_id", json::Value("mine")}}),
       Entry("a_b", "2", {{"k", json::Value("x")}}), Entry("c", "3", {{"k", json::Value("y")}})});
  const auto values = Values(outputs);
  EXPECT_EQ(values.at("artifact_id"), "1");
  EXPECT_EQ(values.at("a_b_artifact_id"), "1");
  EXPECT_EQ(values.at("k"), "x");
  EXPECT_EQ(values.at("c_artifact_id"), "3") << "a manifest entry without a stream build";
  ASSERT_EQ(outputs.warnings.size(), 3u);
  EXPECT_THAT(outputs.warnings[0], HasSubstr("output 'a_b_artifact_id' of build a_b is left out"));
  EXPECT_THAT(outputs.warnings[1], HasSubstr("custom_data.artifact_id of build a.b"));
  EXPECT_THAT(outputs.warnings[2], HasSubstr("'k' of custom_data.k of build c"));
}

TEST(BuildOutputsTest, NothingBuiltNoOutputs) {
  EXPECT_THAT(ComputeOutputs({"a"}, {}, {}).values, IsEmpty());
}

}  // namespace
}  // namespace gantry::packer
