#include "core/run/record_files.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/record/chrome_trace.h"
#include "core/record/event_json.h"
#include "core/record/html_report.h"
#include "core/record/summary_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;

record::RunRecord SomeRun() {
  record::RunRecord run;
  run.run_id = "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b";
  run.operation = "apply";
  run.target = "dev";
  record::ComponentRecord c;
  c.name = "a";
  c.type = "custom";
  c.status = record::ComponentStatus::kOk;
  run.components.push_back(c);
  return run;
}

// What gantry writes must be recognised as its own, by its own kind only: if a writer's
// format drifts, this fails rather than a user's second run.
TEST(RecordFilesTest, WhatGantryWritesIsRecognisedAsItsKind) {
  gantry::testing::TempDir dir;
  const record::RunRecord run = SomeRun();
  ASSERT_TRUE(record::WriteSummary(dir / "s.json", run).ok());
  ASSERT_TRUE(record::WriteChromeTrace(dir / "t.json", run).ok());
  record::RunEvent started;
  started.kind = record::RunEvent::Kind::kRunStarted;
  started.run.run_id = run.run_id;
  const std::string summary = ReadText(dir / "s.json");
  const std::string trace = ReadText(dir / "t.json");
  const std::string events = record::EventToJson(started) + "\n";
  EXPECT_TRUE(LooksLikeRecord(RecordKind::kSummary, summary)) << summary;
  EXPECT_TRUE(LooksLikeRecord(RecordKind::kTrace, trace)) << trace;
  EXPECT_TRUE(LooksLikeRecord(RecordKind::kEvents, events)) << events;
  EXPECT_FALSE(LooksLikeRecord(RecordKind::kSummary, trace));
  EXPECT_FALSE(LooksLikeRecord(RecordKind::kSummary, events));
  EXPECT_FALSE(LooksLikeRecord(RecordKind::kEvents, summary));
  EXPECT_FALSE(LooksLikeRecord(RecordKind::kTrace, summary));
  for (const char* other : {"", "hello", "[components.a]\ntype = \"custom\"\n", "{}", "{\"schema\":",
                            "{\"schema\": \"1\", \"run_id\": 2}"}) {
    EXPECT_FALSE(LooksLikeRecord(RecordKind::kSummary, other)) << other;
    EXPECT_FALSE(LooksLikeRecord(RecordKind::kEvents, other)) << other;
    EXPECT_FALSE(LooksLikeRecord(RecordKind::kTrace, other)) << other;
  }
  EXPECT_TRUE(LooksLikeRecord(RecordKind::kSummary, " {\n\t\"schema\" : 12 ,\r\n \"run_id\""));
}

TEST(RecordFilesTest, OnlyAReportPageIsTakenForOne) {
  record::Journal journal;
  journal.run = SomeRun();
  const std::string page = record::HtmlReport(journal, {});
  EXPECT_TRUE(LooksLikeRecord(RecordKind::kHtmlReport, page));
  for (const char* other : {"", "<!DOCTYPE html>\n<html><body>my notes</body></html>",
                            "<!-- gantry run report", "{\"schema\": 1, \"run_id\": \"x\"}"}) {
    EXPECT_FALSE(LooksLikeRecord(RecordKind::kHtmlReport, other)) << other;
  }
  EXPECT_FALSE(LooksLikeRecord(RecordKind::kSummary, page));
}

TEST(RecordFilesTest, OneFileIsCheckedAsTheRunsRecordFilesAre) {
  gantry::testing::TempDir dir;
  config::Deployment deployment;
  deployment.file = dir.Write("gantry.toml", "# the deployment\n");
  deployment.root_dir = dir.path();
  deployment.files = {deployment.file};
  const auto check = [&](const std::string& path) {
    return CheckRecordFile("--html", RecordKind::kHtmlReport, path, deployment);
  };
  EXPECT_TRUE(check(dir / "run.html").ok());
  EXPECT_THAT(check(deployment.file).message(),
              HasSubstr("--html: '" + deployment.file + "' is the deployment file"));
  EXPECT_THAT(check(dir.Write("notes.html", "<p>mine</p>")).message(),
              HasSubstr("exists and is not a gantry run report; it would be replaced"));
  EXPECT_THAT(check(dir / ".gantry/runs/r.html").message(), HasSubstr("is inside"));
  EXPECT_THAT(check(dir / "nowhere/run.html").message(), HasSubstr("does not exist"));
  record::Journal journal;
  journal.run = SomeRun();
  EXPECT_TRUE(check(dir.Write("old.html", record::HtmlReport(journal, {}))).ok())
      << "a page written before is replaced";
}

class CheckRecordFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    deployment_.file = dir_.Write("gantry.toml", "# the deployment\n");
    deployment_.root_dir = dir_.path();
    deployment_.files = {deployment_.file, dir_.Write("parts/more.toml", "# included\n")};
  }
  absl::Status Check(std::string summary, std::string events = "", std::string trace = "") {
    RunOptions options;
    options.summary_file = std::move(summary);
    options.events_file = std::move(events);
    options.trace_file = std::move(trace);
    return CheckRecordFiles(options, deployment_);
  }
  gantry::testing::TempDir dir_;
  config::Deployment deployment_;
};

TEST_F(CheckRecordFilesTest, NewFilesInWritableDirectoriesAreFine) {
  EXPECT_TRUE(Check("").ok());
  EXPECT_TRUE(Check(dir_ / "s.json", dir_ / "e.jsonl", dir_ / "t.json").ok());
  EXPECT_TRUE(Check("", "/dev/null").ok()) << "events may go to a device or a FIFO";
}

TEST_F(CheckRecordFilesTest, DeploymentFilesAreRefusedHoweverNamed) {
  EXPECT_THAT(Check(dir_ / "parts/more.toml").message(),
              HasSubstr("is a file the deployment includes"));
  EXPECT_THAT(Check(dir_ / "parts/../gantry.toml").message(), HasSubstr("the deployment file"));
  ASSERT_EQ(::link(deployment_.file.c_str(), (dir_ / "hard").c_str()), 0);
  EXPECT_THAT(Check("", "", dir_ / "hard").message(),
              HasSubstr("--trace: '" + dir_ / "hard" + "' is the deployment file " +
                        deployment_.file + " (through a link)"));
  EXPECT_EQ(ReadText(deployment_.file), "# the deployment\n");
}

TEST_F(CheckRecordFilesTest, TwoFlagsOnOneFileAreRefused) {
  dir_.Write("s.json", "");
  fs::create_symlink(dir_ / "s.json", dir_ / "link.json");
  EXPECT_THAT(Check(dir_ / "s.json", "", dir_ / "link.json").message(),
              HasSubstr("--trace: '" + dir_ / "link.json" + "' is also the file of --summary"));
}

TEST_F(CheckRecordFilesTest, SummaryAndTraceMustBeRegularFiles) {
  EXPECT_THAT(Check("/dev/null").message(), HasSubstr("is not a regular file"));
  ASSERT_EQ(::mkfifo((dir_ / "fifo").c_str(), 0600), 0);
  EXPECT_THAT(Check("", "", dir_ / "fifo").message(), HasSubstr("is not a regular file"));
}

}  // namespace
}  // namespace gantry::run
