#include "core/record/summary_json.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/record/sample_run.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::SampleRun;

using Json = nlohmann::json;

TEST(SummaryJsonTest, RunFields) {
  const Json json = Json::parse(SummaryJson(SampleRun()).dump());
  EXPECT_EQ(json["schema"], kSummarySchemaVersion);
  EXPECT_EQ(json["run_id"], testing::kSampleRunId);
  EXPECT_EQ(json["operation"], "apply");
  EXPECT_EQ(json["target"], "dev");
  EXPECT_EQ(json["deployment_file"], "/work/gantry.toml");
  EXPECT_TRUE(json["resumed_from"].is_null());
  EXPECT_EQ(json["started"], "2024-05-01T12:00:00.000Z");
  EXPECT_EQ(json["finished"], "2024-05-01T12:00:07.200Z");
  EXPECT_DOUBLE_EQ(json["duration_seconds"].get<double>(), 7.2);
  EXPECT_EQ(json["exit_code"], 1);
  EXPECT_EQ(json["max_concurrency"], 2);
  EXPECT_EQ(json["counts"], (Json{{"ok", 2}, {"nothing_to_do", 0}, {"failed", 1}, {"skipped", 1},
                                   {"cancelled", 0}, {"blocked", 0}}));
  ASSERT_EQ(json["components"].size(), 4u);
}

TEST(SummaryJsonTest, NothingToDoIsOkWithItsOwnMarkerAndCount) {
  RunRecord run = SampleRun();
  run.components[1].nothing_to_do = true;  // base
  const Json json = Json::parse(SummaryJson(run).dump());
  EXPECT_EQ(json["counts"]["ok"], 2);
  EXPECT_EQ(json["counts"]["nothing_to_do"], 1);
  EXPECT_EQ(json["components"][1]["status"], "ok");
  EXPECT_EQ(json["components"][1]["nothing_to_do"], true);
}

TEST(SummaryJsonTest, ChangesOnlyWhenReportedWithUnknownCountsNull) {
  RunRecord run = SampleRun();
  run.components[1].changes = Changes{true, 2, -1, 0, {}};  // base
  run.components[2].changes = Changes{false, 0, 0, 0, {}};  // db
  const Json components = Json::parse(SummaryJson(run).dump())["components"];
  EXPECT_EQ(components[1]["changes"],
            Json::parse(R"({"has_changes": true, "add": 2, "change": null, "destroy": 0})"));
  EXPECT_EQ(components[2]["changes"],
            Json::parse(R"({"has_changes": false, "add": 0, "change": 0, "destroy": 0})"));
  EXPECT_FALSE(components[0].contains("changes"));  // app reported none
}

TEST(SummaryJsonTest, ComponentFields) {
  const Json components = Json::parse(SummaryJson(SampleRun()).dump())["components"];
  const Json& app = components[0];
  EXPECT_EQ(app["name"], "app");
  EXPECT_EQ(app["type"], "custom");
  EXPECT_EQ(app["status"], "failed");
  EXPECT_EQ(app["started"], "2024-05-01T12:00:05.100Z");
  EXPECT_EQ(app["finished"], "2024-05-01T12:00:07.000Z");
  EXPECT_DOUBLE_EQ(app["duration_seconds"].get<double>(), 1.9);
  EXPECT_EQ(app["attempts"], 1);
  EXPECT_EQ(app["slot"], 0);
  EXPECT_TRUE(app["skip_cause"].is_null());
  EXPECT_EQ(app["error"], "exit status 1");
  EXPECT_EQ(app["nothing_to_do"], false);
  EXPECT_TRUE(app["reused_from"].is_null());
  EXPECT_THAT(app["log"].get<std::string>(), HasSubstr("/logs/app.log"));
  EXPECT_TRUE(app["workspace"].is_null());
  EXPECT_EQ(app["outputs"], Json::object());

  const Json& db = components[2];
  EXPECT_EQ(db["attempts"], 2);
  EXPECT_TRUE(db["error"].is_null());
  EXPECT_EQ(db["outputs"]["url"], "db.local:5432");
  EXPECT_EQ(db["outputs"]["zones"], Json::parse(R"(["a","b"])"));  // JSON outputs embedded
  EXPECT_EQ(db["outputs"]["password"], "***");

  const Json& web = components[3];
  EXPECT_EQ(web["status"], "skipped");
  EXPECT_EQ(web["skip_cause"], "app");
  EXPECT_TRUE(web["started"].is_null());
  EXPECT_TRUE(web["finished"].is_null());
  EXPECT_TRUE(web["duration_seconds"].is_null());
  EXPECT_TRUE(web["slot"].is_null());
  EXPECT_EQ(web["attempts"], 0);
  EXPECT_TRUE(web["log"].is_null());
}

TEST(SummaryJsonTest, SensitiveJsonOutputIsMaskedToo) {
  RunRecord run = SampleRun();
  run.components[1].outputs["token"] =
      OutputValue{R"({"secret":"s3cr3t"})", GANTRY_OUTPUT_JSON | GANTRY_OUTPUT_SENSITIVE};
  run.components[1].outputs["broken"] = OutputValue{"{not json", GANTRY_OUTPUT_JSON};
  const Json json = Json::parse(SummaryJson(run).dump());
  EXPECT_EQ(json["components"][1]["outputs"]["token"], "***");
  EXPECT_EQ(json["components"][1]["outputs"]["broken"], "{not json");  // kept as text
}

TEST(SummaryJsonTest, InterruptedRunHasNoFinishOrExitCode) {
  RunRecord run = SampleRun();
  run.finished = absl::InfinitePast();
  const Json json = Json::parse(SummaryJson(run).dump());
  EXPECT_TRUE(json["finished"].is_null());
  EXPECT_TRUE(json["duration_seconds"].is_null());
  EXPECT_TRUE(json["exit_code"].is_null());
}

TEST(SummaryJsonTest, WrittenFileNeverHoldsTheSecret) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "summary.json";
  dir.Write("summary.json", "old contents");
  ASSERT_TRUE(WriteSummary(path, SampleRun()).ok());
  const std::string text = ReadText(path);
  EXPECT_THAT(text, Not(HasSubstr(testing::kSecret)));
  EXPECT_THAT(text, HasSubstr("\"password\": \"***\""));
  const Json json = Json::parse(text);
  EXPECT_EQ(json["run_id"], testing::kSampleRunId);
  // Replaced whole; no temporary file left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
  struct stat info;
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST(SummaryJsonTest, UnwritableDirectoryIsAnError) {
  gantry::testing::TempDir dir;
  const absl::Status status = WriteSummary(dir / "missing/summary.json", SampleRun());
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("missing/summary.json"));
}

}  // namespace
}  // namespace gantry::record
