// A whole run through ExecuteRun, over a plugin built in memory: what a run leaves behind
// and in what order it tears down (journal last line, events, summary, workspaces,
// liveness), exit codes, resume and cancellation; no plugin library, no process.
#include "core/run/run_driver.h"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "core/record/journal_reader.h"
#include "core/record/summary_json.h"
#include "core/state/layout.h"
#include "core/state/run_liveness.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/run/fake_project.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using record::ComponentStatus;

// a -> b -> c: b references a's output; c only follows b.
constexpr char kChain[] = R"(
[components.a]
type = "fake"
source = "a"

[components.b]
type = "fake"
source = "b"
vars = { id = "${a.id}" }

[components.c]
type = "fake"
source = "c"
depends_on = ["b"]
)";

class RunDriverTest : public ::testing::Test {
 protected:
  /// Loads `toml` with every component run by `execute`.
  void Load(const std::string& toml, FakeExecute execute) {
    project_ = std::make_unique<FakeProject>(dir_, toml, std::move(execute));
  }

  int Run(RunOptions options) {
    options.output_mode = "quiet";
    out_.str("");
    err_.str("");
    return ExecuteRun(project_->deployment, project_->plugins, project_->graph, options, out_,
                      err_);
  }

  /// The only run's id (or the newest of several, by journal time).
  std::string LastRunId() const {
    std::string newest;
    std::filesystem::file_time_type newest_time;
    for (const auto& entry : std::filesystem::directory_iterator(layout_.RunsDir())) {
      const auto time = std::filesystem::last_write_time(entry.path() / "journal.jsonl");
      if (newest.empty() || time > newest_time) {
        newest = entry.path().filename().string();
        newest_time = time;
      }
    }
    return newest;
  }

  std::vector<std::string> JournalLines(const std::string& run_id) const {
    return absl::StrSplit(testing::ReadText(layout_.JournalPath(run_id).string()), '\n',
                          absl::SkipEmpty());
  }

  static std::string EventOf(const std::string& line) {
    return nlohmann::json::parse(line)["event"].get<std::string>();
  }

  testing::TempDir dir_;
  state::Layout layout_ = state::Layout::ForDeployment(dir_.path());
  std::unique_ptr<FakeProject> project_;
  std::ostringstream out_, err_;
};

FakeExecute SetsId() {
  return [](plugin::CallContext& context, const plugin::ComponentData& component,
            const std::string&) {
    context.SetOutput("id", component.name + "-1", 0);
    return GANTRY_STATUS_OK;
  };
}

TEST_F(RunDriverTest, ARunEndsWithItsRecordsCompleteAndItsWorkspacesGone) {
  Load(kChain, SetsId());
  RunOptions options;
  options.events_file = dir_ / "events.jsonl";
  options.summary_file = dir_ / "summary.json";
  ASSERT_EQ(Run(options), 0) << err_.str();
  const std::string run_id = LastRunId();

  // The journal: run_started first, run_finished last, each component finished before.
  const std::vector<std::string> lines = JournalLines(run_id);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(EventOf(lines.front()), "run_started");
  EXPECT_EQ(EventOf(lines.back()), "run_finished");
  absl::StatusOr<record::Journal> journal =
      record::ReadJournal(layout_.JournalPath(run_id).string());
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_TRUE(journal->complete);
  for (const record::ComponentRecord& c : journal->run.components)
    EXPECT_EQ(c.status, ComponentStatus::kOk) << c.name;
  // --events holds the same lines, closed after run_finished, and between them the
  // admission events: each component ready, then admitted just before it starts.
  std::string events_but_admission;
  std::vector<std::string> admission;
  const std::string events = testing::ReadText(options.events_file);
  for (absl::string_view piece : absl::StrSplit(events, '\n', absl::SkipEmpty())) {
    const std::string line(piece);
    const std::string event = EventOf(line);
    if (event == "component_ready" || event == "component_admitted" ||
        event == "component_deferred" || event == "limit_changed") {
      admission.push_back(absl::StrCat(event, " ", nlohmann::json::parse(line)["component"].get<std::string>()));
    } else {
      absl::StrAppend(&events_but_admission, line, "\n");
      if (event == "component_started")
        admission.push_back(absl::StrCat("started ", nlohmann::json::parse(line)["component"].get<std::string>()));
    }
  }
  EXPECT_EQ(events_but_admission, testing::ReadText(layout_.JournalPath(run_id).string()));
  EXPECT_THAT(admission,
              ::testing::ElementsAre("component_ready a", "component_admitted a", "started a",
                                     "component_ready b", "component_admitted b", "started b",
                                     "component_ready c", "component_admitted c", "started c"));
  // Both summaries were written after the run ended: they know its exit code.
  for (const std::string& summary : {options.summary_file, layout_.SummaryPath(run_id).string()}) {
    const nlohmann::json json = nlohmann::json::parse(testing::ReadText(summary));
    EXPECT_EQ(json["exit_code"], 0) << summary;
    EXPECT_EQ(json["components"].size(), 3u) << summary;
  }
  // Outputs flowed and were kept; the workspaces went; the run is no longer live.
  EXPECT_TRUE(std::filesystem::exists(layout_.OutputsPath(project_->deployment.target, "b")));
  EXPECT_FALSE(std::filesystem::exists(layout_.RunWorkspacesDir(run_id)));
  EXPECT_FALSE(state::IsRunLive(layout_, run_id));
}

TEST_F(RunDriverTest, AFailureSkipsDependentsAndExitsOne) {
  Load(kChain, [](plugin::CallContext& context, const plugin::ComponentData& component,
                  const std::string&) {
    if (component.name == "b") {
      context.ReportError("b broke");
      return GANTRY_STATUS_FAILED;
    }
    context.SetOutput("id", "x", 0);
    return GANTRY_STATUS_OK;
  });
  ASSERT_EQ(Run({}), 1);
  absl::StatusOr<record::Journal> journal =
      record::ReadJournal(layout_.JournalPath(LastRunId()).string());
  ASSERT_TRUE(journal.ok());
  std::vector<ComponentStatus> statuses;
  for (const record::ComponentRecord& c : journal->run.components) statuses.push_back(c.status);
  EXPECT_THAT(statuses, ElementsAre(ComponentStatus::kOk, ComponentStatus::kFailed,
                                    ComponentStatus::kSkipped));
  EXPECT_EQ(journal->run.exit_code, 1);
}

TEST_F(RunDriverTest, ResumeRunsOnlyWhatTheRunBeforeDidNotFinish) {
  std::atomic<bool> b_fails = true;
  std::vector<std::string> ran;
  Load(kChain, [&](plugin::CallContext& context, const plugin::ComponentData& component,
                   const std::string&) {
    ran.push_back(component.name);
    if (component.name == "b" && b_fails) return GANTRY_STATUS_FAILED;
    context.SetOutput("id", component.name + "-1", 0);
    return GANTRY_STATUS_OK;
  });
  ASSERT_EQ(Run({}), 1);
  const std::string first = LastRunId();
  EXPECT_THAT(ran, ElementsAre("a", "b"));

  ran.clear();
  b_fails = false;
  RunOptions resume;
  resume.resume = "last";
  ASSERT_EQ(Run(resume), 0) << err_.str();
  EXPECT_THAT(ran, ElementsAre("b", "c")) << "a succeeded before: reused, not run";
  absl::StatusOr<record::Journal> journal =
      record::ReadJournal(layout_.JournalPath(LastRunId()).string());
  ASSERT_TRUE(journal.ok());
  EXPECT_EQ(journal->run.resumed_from, first);
  EXPECT_EQ(journal->run.components[0].reused_from, first);
}

TEST_F(RunDriverTest, ResumeWithASelectionIsRefusedBeforeARunExists) {
  Load(kChain, SetsId());
  ASSERT_EQ(Run({}), 0);
  RunOptions resume;
  resume.resume = "last";
  resume.selection.patterns = {"a"};
  EXPECT_EQ(Run(resume), 2);
  EXPECT_THAT(err_.str(), HasSubstr("--resume: a resumed run selects what the first run did "
                                    "not finish"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(layout_.RunsDir()),
                          std::filesystem::directory_iterator()),
            1)
      << "no second run was started";
}

TEST_F(RunDriverTest, BadRecordFlagsLeaveNoRunBehind) {
  Load(kChain, SetsId());
  RunOptions options;
  options.events_file = dir_ / "no/such/dir/events.jsonl";
  EXPECT_EQ(Run(options), 2);
  EXPECT_FALSE(std::filesystem::exists(layout_.RunsDir()) &&
               !std::filesystem::is_empty(layout_.RunsDir()))
      << err_.str();
}

TEST_F(RunDriverTest, CtrlCCancelsTheRunningComponentAndTheRunStillEndsItsRecords) {
  Load(kChain, [](plugin::CallContext& context, const plugin::ComponentData& component,
                  const std::string&) {
    if (component.name == "b") {
      ::raise(SIGINT);  // the user's Ctrl-C, caught by the run's watcher
      while (!context.IsCancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return GANTRY_STATUS_CANCELLED;
    }
    context.SetOutput("id", "x", 0);
    return GANTRY_STATUS_OK;
  });
  RunOptions options;
  options.summary_file = dir_ / "summary.json";
  ASSERT_EQ(Run(options), 130);
  const std::string run_id = LastRunId();
  const std::vector<std::string> lines = JournalLines(run_id);
  EXPECT_EQ(EventOf(lines.back()), "run_finished");
  absl::StatusOr<record::Journal> journal =
      record::ReadJournal(layout_.JournalPath(run_id).string());
  ASSERT_TRUE(journal.ok());
  EXPECT_EQ(journal->run.components[1].status, ComponentStatus::kCancelled);
  EXPECT_NE(journal->run.components[2].status, ComponentStatus::kOk);
  EXPECT_EQ(nlohmann::json::parse(testing::ReadText(options.summary_file))["exit_code"], 130);
  EXPECT_FALSE(std::filesystem::exists(layout_.RunWorkspacesDir(run_id)));
}

TEST_F(RunDriverTest, AKeptWorkspaceIsNamedAfterTheRun) {
  Load(kChain, SetsId());
  RunOptions options;
  options.keep_workspace = true;
  ASSERT_EQ(Run(options), 0);
  for (const char* name : {"a", "b", "c"})
    EXPECT_THAT(out_.str(), HasSubstr(std::string("gantry: kept the workspace of ") + name));
}

// Three components against an API that takes one caller at a time; the adaptive group
// starts at three. Whoever finds another caller in is throttled, backs off and comes
// back; the group's limit comes down; all end ok, each succeeding once.
TEST_F(RunDriverTest, AnAdaptiveGroupBacksOffAThrottlingApiUntilEveryComponentIsOk) {
  std::atomic<int> callers = 0, throttled = 0, succeeded = 0;
  Load(R"(
[gantry]
max_concurrency = 3

[limits]
fake = { max = 3, min = 1, adaptive = true }

[components.a]
type = "fake"
source = "a"

[components.b]
type = "fake"
source = "b"

[components.c]
type = "fake"
source = "c"
)",
       [&](plugin::CallContext& context, const plugin::ComponentData&, const std::string&) {
         const bool alone = callers.fetch_add(1) == 0;
         std::this_thread::sleep_for(std::chrono::milliseconds(50));
         callers.fetch_sub(1);
         if (alone) {
           ++succeeded;
           return GANTRY_STATUS_OK;
         }
         ++throttled;
         context.ReportError("Rate exceeded");
         return GANTRY_STATUS_FAILED;
       });
  RunOptions options;
  options.summary_file = dir_ / "summary.json";
  ASSERT_EQ(Run(options), 0) << err_.str();
  EXPECT_EQ(succeeded.load(), 3);
  EXPECT_GE(throttled.load(), 1) << "three started at once against an API taking one";
  const nlohmann::json summary = nlohmann::json::parse(testing::ReadText(options.summary_file));
  for (const nlohmann::json& c : summary["components"]) EXPECT_EQ(c["status"], "ok") << c["name"];
  for (const char* name : {"a", "b", "c"}) {
    const std::string log = testing::ReadText(layout_.LogPath(LastRunId(), name).string());
    if (log.find("gantry: throttled (Rate exceeded): back in the queue") != std::string::npos)
      return;  // at least one says why it went back
  }
  ADD_FAILURE() << "no log says a component was throttled";
}

// Two components need one lock another holder keeps for a while: the one that finds it
// held is busy, goes back to the queue without a failed attempt, and gets it once free;
// meanwhile the third, needing nothing, runs.
TEST_F(RunDriverTest, ABusyComponentWaitsForItsResourceWhileOthersRun) {
  std::atomic<bool> held = false;
  std::atomic<int> busy = 0;
  Load(R"(
[gantry]
max_concurrency = 2

[components.a]
type = "fake"
source = "a"

[components.b]
type = "fake"
source = "b"

[components.c]
type = "fake"
source = "c"
needs = ["a"]
)",
       [&](plugin::CallContext& context, const plugin::ComponentData& component,
           const std::string&) {
         if (component.name == "c") return GANTRY_STATUS_OK;
         if (held.exchange(true)) {
           ++busy;
           context.ReportBusy("lock:shared", "held by the other component");
           return GANTRY_STATUS_BUSY;
         }
         std::this_thread::sleep_for(std::chrono::milliseconds(200));
         held = false;
         return GANTRY_STATUS_OK;
       });
  RunOptions options;
  options.summary_file = dir_ / "summary.json";
  ASSERT_EQ(Run(options), 0) << err_.str();
  EXPECT_EQ(busy.load(), 1) << "a and b start together; the one that lost waits 1 s, by when "
                               "the lock is free";
  const nlohmann::json summary = nlohmann::json::parse(testing::ReadText(options.summary_file));
  for (const nlohmann::json& c : summary["components"]) {
    EXPECT_EQ(c["status"], "ok") << c["name"];
    EXPECT_EQ(c["attempts"], 1) << c["name"] << ": busy is not a failed attempt";
  }
  int said = 0;
  for (const char* name : {"a", "b"})
    said += testing::ReadText(layout_.LogPath(LastRunId(), name).string())
                .find("gantry: busy (held by the other component): back in the queue until "
                      "lock:shared is free") != std::string::npos;
  EXPECT_EQ(said, 1);
}

}  // namespace
}  // namespace gantry::run
