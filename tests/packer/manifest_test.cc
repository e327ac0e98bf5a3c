// The manifest post-processor's file: only the entries of the run that just ended count.
#include "packer/manifest.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::packer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string Entry(const std::string& name, const std::string& id, const std::string& run,
                  const std::string& custom = "{}") {
  return R"({"name": ")" + name + R"(", "builder_type": "null", "build_time": 1, "files": null,
             "artifact_id": ")" + id + R"(", "packer_run_uuid": ")" + run +
         R"(", "custom_data": )" + custom + "}";
}

// Two runs appended, as packer 1.6.6 leaves the file for an HCL2 template.
const std::string kTwoRuns = R"({"builds": [)" + Entry("one", "old-1", "run-a") + "," +
                             Entry("one", "new-1", "run-b", R"({"greeting": "yo", "n": 2})") +
                             "," + Entry("two", "new-2", "run-b") +
                             R"(], "last_run_uuid": "run-b"})";

TEST(ManifestTest, ReadsEveryEntry) {
  const Manifest manifest = ParseManifest(kTwoRuns, "m.json");
  EXPECT_EQ(manifest.last_run_uuid, "run-b");
  ASSERT_EQ(manifest.builds.size(), 3u);
  EXPECT_EQ(manifest.builds[1].name, "one");
  EXPECT_EQ(manifest.builds[1].builder_type, "null");
  EXPECT_EQ(manifest.builds[1].artifact_id, "new-1");
  EXPECT_EQ(manifest.builds[1].run_uuid, "run-b");
  ASSERT_EQ(manifest.builds[1].custom_data.size(), 2u);
  EXPECT_EQ(manifest.builds[1].custom_data[0].first, "greeting");
  EXPECT_EQ(manifest.builds[1].custom_data[1].second.as_int(), 2);
}

TEST(ManifestTest, OnlyTheNewRunsEntriesCount) {
  const Manifest manifest = ParseManifest(kTwoRuns, "m.json");
  const std::vector<ManifestEntry> entries = ThisRunEntries(manifest, {"run-a"});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].artifact_id, "new-1");
  EXPECT_EQ(entries[1].artifact_id, "new-2");
}

TEST(ManifestTest, AFileThisRunDidNotWriteGivesNothing) {
  const Manifest manifest = ParseManifest(kTwoRuns, "m.json");
  EXPECT_THAT(ThisRunEntries(manifest, RunIdsIn(manifest)), IsEmpty())
      << "the file as it was before the build: stale";
  EXPECT_THAT(ThisRunEntries(manifest, {"run-b"}), IsEmpty());
  EXPECT_THAT(RunIdsIn(manifest), ElementsAre("run-a", "run-b"));
  const Manifest no_last = ParseManifest(R"({"builds": [)" + Entry("one", "x", "r") + "]}", "m");
  EXPECT_THAT(ThisRunEntries(no_last, {}), IsEmpty()) << "no last_run_uuid: nothing to trust";
}

TEST(ManifestTest, AMalformedFileIsAClearError) {
  for (const char* text : {"{\"builds\": [", "[]", "{\"last_run_uuid\": \"x\"}", ""}) {
    try {
      ParseManifest(text, "/p/out/manifest.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const std::runtime_error& e) {
      EXPECT_THAT(e.what(), HasSubstr("the manifest /p/out/manifest.json is not"));
      EXPECT_THAT(e.what(), HasSubstr("delete it"));
    }
  }
}

}  // namespace
}  // namespace gantry::packer
