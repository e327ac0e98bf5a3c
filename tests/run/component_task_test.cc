// One component's run, alone: a plugin built in memory, a fake clock, a temporary
// project. Retries, time limits, cancellation, reference resolution, masking and what
// each operation keeps of the outputs, without a plugin library, a process or a real
// second going by.
#include "core/run/component_task.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/exec/posix_process_runner.h"
#include "core/state/output_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/run/throttle_policy.h"
#include "tests/run/fake_attempt_world.h"
#include "tests/run/fake_project.h"
#include "tests/stream/recording_console.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using record::ComponentStatus;
using record::RunEvent;

// Everything a run's tasks share, built over a temporary project whose components all
// have type "fake", run by `execute`.
class TaskHarness {
 public:
  TaskHarness(const std::string& toml, FakeExecute execute, std::string operation = "apply")
      : project_(dir_, toml, std::move(execute)), operation_(std::move(operation)) {
    std::filesystem::create_directories(layout_.RunDir(run_id_));
    record::RunRecord run;
    run.run_id = run_id_;
    run.operation = operation_;
    run.target = deployment_.target;
    reporter_ = std::make_unique<RunReporter>(
        std::move(run), graph_, std::vector<bool>(graph_.size(), true),
        std::vector<record::ComponentRecord>{}, console_,
        [this](const RunEvent& event) { events_.push_back(event); },
        [this](const std::string& component) { return layout_.LogPath(run_id_, component).string(); });
    services_ = std::make_unique<RunServices>(RunServices{
        deployment_, graph_, plugins_, layout_, run_id_, operation_, absl::Seconds(1), false,
        processes_, cancel_, world, console_, secrets, outputs, *reporter_, durable_,
        removals_, strays_, cache_dirs_, throttles_, nullptr});
    reporter_->Begin();
  }

  /// Runs `name` as the executor would: started, run, finished.
  record::ComponentRecord Run(const std::string& name) {
    const graph::NodeId node = graph_.Find(name);
    EXPECT_GE(node, 0) << name;
    const sched::Outcome outcome = RunOutcome(name);
    if (outcome != sched::Outcome::kThrottled && outcome != sched::Outcome::kBusy)
      reporter_->OnFinish(node, outcome);
    return reporter_->Record(node);
  }
  /// Starts and runs `name`; its outcome, not reported as finished.
  sched::Outcome RunOutcome(const std::string& name) {
    const graph::NodeId node = graph_.Find(name);
    reporter_->OnStart(node, 0);
    // One runner for the harness, as for a run: it counts a component's busy answers.
    if (!tasks_) tasks_ = std::make_unique<ComponentTaskRunner>(*services_);
    return tasks_->Run(node);
  }
  /// After RunOutcome(name) returned kBusy: what it waits for.
  std::string BusyResource(const std::string& name) {
    return tasks_->BusyResource(graph_.Find(name));
  }
  record::ComponentRecord& Record(graph::NodeId node) { return reporter_->Record(node); }

  std::vector<std::string> EventNames() const {
    std::vector<std::string> names;
    for (const RunEvent& event : events_) {
      if (event.kind == RunEvent::Kind::kComponentRetrying) names.push_back("retrying");
      if (event.kind == RunEvent::Kind::kComponentStarted) names.push_back("started");
      if (event.kind == RunEvent::Kind::kComponentFinished) names.push_back("finished");
    }
    return names;
  }

  std::filesystem::path OutputsFile(const std::string& name) const {
    return layout_.OutputsPath(deployment_.target, name);
  }
  std::string Log(const std::string& name) const {
    return testing::ReadText(layout_.LogPath(run_id_, name).string());
  }
  const state::Layout& layout() const { return layout_; }
  const std::string& run_id() const { return run_id_; }

  FakeWorld world;
  stream::SecretSet secrets;
  OutputBook outputs{[this](const std::string& component) -> std::optional<Outputs> {
    absl::StatusOr<state::StoredOutputs> stored = state::ReadOutputs(OutputsFile(component));
    if (!stored.ok()) return std::nullopt;
    return stored->outputs;
  }};

 private:
  testing::TempDir dir_;
  FakeProject project_;
  const plugin::PluginRegistry& plugins_ = project_.plugins;
  const config::Deployment& deployment_ = project_.deployment;
  const graph::Graph& graph_ = project_.graph;
  state::Layout layout_ = state::Layout::ForDeployment(dir_.path());
  std::string run_id_ = "00000000-0000-4000-8000-000000000001";
  std::string operation_;
  exec::PosixProcessRunner processes_;
  exec::CancelToken cancel_;
  stream::RecordingConsole console_;
  std::vector<RunEvent> events_;
  std::unique_ptr<RunReporter> reporter_;
  record::BackgroundSync durable_;
  state::WorkspaceRemover removals_{layout_, run_id_};
  state::StrayProcesses strays_;
  state::MadeDirs cache_dirs_;
  std::vector<std::atomic<int>> throttles_ = std::vector<std::atomic<int>>(graph_.size());
  std::unique_ptr<RunServices> services_;
  std::unique_ptr<ComponentTaskRunner> tasks_;  // after services_: destroyed before it
};

constexpr char kOne[] = R"(
[components.app]
type = "fake"
source = "app"
)";

TEST(ComponentTaskTest, AnApplyKeepsItsOutputsInTheBookAndOnDiskStampedWithTheClock) {
  TaskHarness h(kOne, [](plugin::CallContext& context, const plugin::ComponentData&,
                         const std::string& operation) {
    EXPECT_EQ(operation, "apply");
    context.Write(1, "hello\n");
    context.SetOutput("id", "app-1", 0);
    return GANTRY_STATUS_OK;
  });
  h.world.Advance(absl::Minutes(3));
  const record::ComponentRecord app = h.Run("app");
  EXPECT_EQ(app.status, ComponentStatus::kOk);
  EXPECT_EQ(app.attempts, 1);
  EXPECT_EQ(app.finished, h.world.Now()) << "the finish time is the world's";
  EXPECT_EQ(app.outputs.at("id").value, "app-1");
  EXPECT_EQ(h.outputs.Lookup("app", "id")->value, "app-1");
  absl::StatusOr<state::StoredOutputs> stored = state::ReadOutputs(h.OutputsFile("app"));
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->outputs.at("id").value, "app-1");
  EXPECT_EQ(stored->time, h.world.Now());
  EXPECT_EQ(stored->run_id, h.run_id());
  EXPECT_THAT(h.Log("app"), HasSubstr("hello"));
}

TEST(ComponentTaskTest, AnApplyWithoutOutputsLeavesNoOutputsFile) {
  TaskHarness h(kOne, [](plugin::CallContext&, const plugin::ComponentData&, const std::string&) {
    return GANTRY_STATUS_OK;
  });
  std::filesystem::create_directories(h.OutputsFile("app").parent_path());
  {
    std::ofstream(h.OutputsFile("app")) << "stale";
  }
  EXPECT_EQ(h.Run("app").status, ComponentStatus::kOk);
  EXPECT_FALSE(std::filesystem::exists(h.OutputsFile("app"))) << "a stale file would be read";
}

constexpr char kRetried[] = R"(
[components.app]
type = "fake"
source = "app"
retries = 2
)";

TEST(ComponentTaskTest, RetryableFailuresAreRetriedAfterABackoffOnTheFakeClock) {
  int calls = 0;
  TaskHarness h(kRetried, [&](plugin::CallContext& context, const plugin::ComponentData&,
                              const std::string&) {
    if (++calls < 3) {
      context.ReportError("throttled, try later");
      return GANTRY_STATUS_RETRYABLE;
    }
    return GANTRY_STATUS_OK;
  });
  const absl::Time start = h.world.Now();
  const record::ComponentRecord app = h.Run("app");
  EXPECT_EQ(app.status, ComponentStatus::kOk);
  EXPECT_EQ(app.attempts, 3);
  EXPECT_EQ(h.world.slept.size(), 2u);
  EXPECT_GT(h.world.Now() - start, absl::ZeroDuration()) << "the backoff went by on the fake clock";
  EXPECT_THAT(h.EventNames(), ElementsAre("started", "retrying", "started", "retrying",
                                          "started", "finished"));
  EXPECT_THAT(h.Log("app"), HasSubstr("gantry: attempt 1 failed (throttled, try later); "
                                      "retrying in"));
}

TEST(ComponentTaskTest, AFailureWithoutRetriesFailsWithThePluginsReasonInRecordAndLog) {
  TaskHarness h(kOne, [](plugin::CallContext& context, const plugin::ComponentData&,
                         const std::string&) {
    context.ReportError("bucket name taken");
    return GANTRY_STATUS_FAILED;
  });
  const record::ComponentRecord app = h.Run("app");
  EXPECT_EQ(app.status, ComponentStatus::kFailed);
  EXPECT_EQ(app.error, "bucket name taken");
  EXPECT_THAT(h.Log("app"), HasSubstr("gantry: bucket name taken"));
  EXPECT_FALSE(std::filesystem::exists(h.OutputsFile("app")));
}

TEST(ComponentTaskTest, AFailureWithoutAReasonBlamesThePlugin) {
  TaskHarness h(kOne, [](plugin::CallContext&, const plugin::ComponentData&, const std::string&) {
    return GANTRY_STATUS_FAILED;
  });
  EXPECT_THAT(h.Run("app").error, HasSubstr("the fake plugin's execute failed without saying why"));
}

constexpr char kTimed[] = R"(
[components.app]
type = "fake"
source = "app"
retries = 3
timeout = "10m"
)";

TEST(ComponentTaskTest, AnAttemptPastItsTimeoutFailsTheComponentWithoutRetrying) {
  int calls = 0;
  TaskHarness* harness = nullptr;
  TaskHarness h(kTimed, [&](plugin::CallContext&, const plugin::ComponentData&,
                            const std::string&) {
    ++calls;
    harness->world.Advance(absl::Minutes(11));  // the attempt took 11 minutes
    return GANTRY_STATUS_RETRYABLE;
  });
  harness = &h;
  const record::ComponentRecord app = h.Run("app");
  EXPECT_EQ(app.status, ComponentStatus::kFailed);
  EXPECT_EQ(app.error, "timed out after 10m");
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(h.world.slept.empty());
}

TEST(ComponentTaskTest, ACancelWhileWaitingToRetryCancelsTheComponent) {
  TaskHarness h(kRetried, [](plugin::CallContext&, const plugin::ComponentData&,
                             const std::string&) { return GANTRY_STATUS_RETRYABLE; });
  h.world.cancel_while_sleeping = true;
  const record::ComponentRecord app = h.Run("app");
  EXPECT_EQ(app.status, ComponentStatus::kCancelled);
  EXPECT_EQ(app.error, "cancelled while waiting to retry");
  EXPECT_EQ(app.attempts, 1);
}

constexpr char kTwo[] = R"(
[components.net]
type = "fake"
source = "net"

[components.app]
type = "fake"
source = "app"
vars = { vpc = "${net.vpc_id}", password = "s3cr3t-pw" }
sensitive = ["password"]
)";

TEST(ComponentTaskTest, ReferencesAreResolvedAndSensitiveValuesMaskedInRecordAndLog) {
  std::string app_vars;
  TaskHarness h(kTwo, [&](plugin::CallContext& context, const plugin::ComponentData& component,
                          const std::string&) {
    if (component.name == "net") {
      context.SetOutput("vpc_id", "vpc-42", 0);
      return GANTRY_STATUS_OK;
    }
    app_vars = component.vars_json;
    context.Write(1, "connecting with s3cr3t-pw\n");
    context.SetOutput("dsn", "db://user:s3cr3t-pw@host", 0);  // holds a secret, unflagged
    return GANTRY_STATUS_OK;
  });
  ASSERT_EQ(h.Run("net").status, ComponentStatus::kOk);
  const record::ComponentRecord app = h.Run("app");
  ASSERT_EQ(app.status, ComponentStatus::kOk) << app.error;
  EXPECT_THAT(app_vars, HasSubstr("\"vpc\":\"vpc-42\""));
  EXPECT_THAT(app_vars, HasSubstr("s3cr3t-pw")) << "the plugin gets the real value";
  EXPECT_TRUE(app.outputs.at("dsn").sensitive()) << "an output holding a secret becomes one";
  EXPECT_THAT(app.outputs.at("dsn").shown(), Not(HasSubstr("s3cr3t-pw")));
  EXPECT_THAT(h.Log("app"), Not(HasSubstr("s3cr3t-pw")));
  EXPECT_THAT(h.Log("app"), HasSubstr("output 'dsn' holds a secret"));
  // The state keeps the real value (0600): later runs read it.
  EXPECT_EQ(state::ReadOutputs(h.OutputsFile("app"))->outputs.at("dsn").value,
            "db://user:s3cr3t-pw@host");
}

TEST(ComponentTaskTest, AMissingReferenceFailsBeforeTheWorkspaceIsMade) {
  bool ran = false;
  TaskHarness h(kTwo, [&](plugin::CallContext&, const plugin::ComponentData&, const std::string&) {
    ran = true;
    return GANTRY_STATUS_OK;
  });
  const record::ComponentRecord app = h.Run("app");  // net never ran: no vpc_id
  EXPECT_EQ(app.status, ComponentStatus::kFailed);
  EXPECT_THAT(app.error, HasSubstr("net"));
  EXPECT_FALSE(ran);
  EXPECT_TRUE(app.log_path.empty() || !std::filesystem::exists(app.log_path));
}

TEST(ComponentTaskTest, ADestroyForgetsTheOutputsInTheBookAndOnDisk) {
  TaskHarness h(kOne, [](plugin::CallContext& context, const plugin::ComponentData&,
                             const std::string&) {
    context.SetOutput("id", "app-1", 0);
    return GANTRY_STATUS_OK;
  }, "destroy");
  std::filesystem::create_directories(h.OutputsFile("app").parent_path());
  state::StoredOutputs old;
  old.outputs["id"] = record::OutputValue{"app-0", 0};
  ASSERT_TRUE(state::WriteOutputs(h.OutputsFile("app"), old).ok());
  ASSERT_EQ(h.outputs.Lookup("app", "id")->value, "app-0");
  EXPECT_EQ(h.Run("app").status, ComponentStatus::kOk);
  EXPECT_FALSE(std::filesystem::exists(h.OutputsFile("app")));
  EXPECT_FALSE(h.outputs.Lookup("app", "id")) << "what was destroyed has no outputs";
}

TEST(ComponentTaskTest, APlanKeepsItsOutputsAsPlannedOnly) {
  TaskHarness h(kOne, [](plugin::CallContext& context, const plugin::ComponentData&,
                         const std::string&) {
    context.SetOutput("id", "app-planned", 0);
    return GANTRY_STATUS_OK;
  }, "plan");
  EXPECT_EQ(h.Run("app").status, ComponentStatus::kOk);
  EXPECT_FALSE(h.outputs.Lookup("app", "id")) << "a planned value is not a real one";
  EXPECT_EQ(h.outputs.LookupPlanned("app", "id")->value, "app-planned");
  EXPECT_FALSE(std::filesystem::exists(h.OutputsFile("app")));
}

constexpr char kKeepOnFailure[] = R"(
[gantry]
keep_workspace_on_failure = true

[components.app]
type = "fake"
source = "app"
)";

TEST(ComponentTaskTest, AFailedComponentsWorkspaceIsKeptWhenTheDeploymentSaysSo) {
  std::string work_dir;
  TaskHarness h(kKeepOnFailure, [&](plugin::CallContext&, const plugin::ComponentData& component,
                                    const std::string&) {
    work_dir = component.work_dir;
    return GANTRY_STATUS_FAILED;
  });
  const record::ComponentRecord app = h.Run("app");
  EXPECT_EQ(app.status, ComponentStatus::kFailed);
  EXPECT_EQ(app.workspace, work_dir);
  EXPECT_TRUE(std::filesystem::is_directory(work_dir));
}

constexpr char kAdaptive[] = R"(
[limits]
fake = { max = 4, adaptive = true }

[components.app]
type = "fake"
source = "app"
retries = 3
)";

FakeExecute TooManyRequests() {
  return [](plugin::CallContext& context, const plugin::ComponentData&, const std::string&) {
    context.Write(2, "Error: 429 Too Many Requests\n");
    context.ReportError("the API refused");
    return GANTRY_STATUS_FAILED;
  };
}

TEST(ComponentTaskTest, AThrottledAttemptGoesBackToTheQueueNeitherFailedNorRetried) {
  TaskHarness h(kAdaptive, TooManyRequests());
  const graph::NodeId app = 0;
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kThrottled);
  EXPECT_EQ(h.world.slept.size(), 0u) << "not retried in place: the executor backs off";
  EXPECT_EQ(h.Record(app).finished, absl::InfinitePast()) << "not an end";
  EXPECT_THAT(h.Log("app"), HasSubstr("gantry: throttled (the API refused): back in the queue"));
}

TEST(ComponentTaskTest, ThrottledTooManyTimesInARowFailsSayingSo) {
  TaskHarness h(kAdaptive, TooManyRequests());
  for (int i = 0; i < kMaxThrottles; ++i)
    ASSERT_EQ(h.RunOutcome("app"), sched::Outcome::kThrottled) << i << ": " << h.Record(0).error;
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kFailed);
  EXPECT_THAT(h.Record(0).error, HasSubstr("throttled 11 times in a row; giving up"));
}

TEST(ComponentTaskTest, APluginSayingThrottledIsBelievedInAnyGroup) {
  TaskHarness h(kOne, [](plugin::CallContext&, const plugin::ComponentData&, const std::string&) {
    return GANTRY_STATUS_THROTTLED;
  });
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kThrottled);
  EXPECT_THAT(h.Log("app"), HasSubstr("the fake plugin said its execute was throttled without "
                                      "saying by what"));
}

FakeExecute BusyOn(std::string resource) {
  return [resource](plugin::CallContext& context, const plugin::ComponentData&,
                    const std::string&) {
    EXPECT_EQ(context.ReportBusy(resource, "held by ci-job-42"), "");
    return GANTRY_STATUS_BUSY;
  };
}

TEST(ComponentTaskTest, ABusyComponentGoesBackToTheQueueNamingWhatItWaitsFor) {
  TaskHarness h(kOne, BusyOn("pool:eu-runners"));
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kBusy);
  EXPECT_EQ(h.BusyResource("app"), "pool:eu-runners");
  EXPECT_EQ(h.world.slept.size(), 0u) << "not retried in place: the executor backs off";
  EXPECT_EQ(h.Record(0).finished, absl::InfinitePast()) << "not an end";
  EXPECT_THAT(h.Log("app"), HasSubstr("gantry: busy (held by ci-job-42): back in the queue "
                                      "until pool:eu-runners is free"));
}

TEST(ComponentTaskTest, BusyWithoutNamingAResourceWaitsForItsOwnAndSaysWhy) {
  TaskHarness h(kOne, [](plugin::CallContext&, const plugin::ComponentData&, const std::string&) {
    return GANTRY_STATUS_BUSY;
  });
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kBusy);
  EXPECT_EQ(h.BusyResource("app"), "");
  EXPECT_THAT(h.Log("app"), HasSubstr("the fake plugin said its component cannot start now "
                                      "without saying what holds it up"));
}

TEST(ComponentTaskTest, BusyTooManyTimesInARowFailsSayingSo) {
  TaskHarness h(kOne, BusyOn(""));
  for (int i = 0; i < kMaxBusy; ++i)
    ASSERT_EQ(h.RunOutcome("app"), sched::Outcome::kBusy) << i << ": " << h.Record(0).error;
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kFailed);
  EXPECT_THAT(h.Record(0).error, HasSubstr("busy 21 times in a row; giving up (held by ci-job-42)"));
}

TEST(ComponentTaskTest, OutsideAnAdaptiveGroupA429IsAnOrdinaryFailure) {
  TaskHarness h(kOne, TooManyRequests());
  EXPECT_EQ(h.RunOutcome("app"), sched::Outcome::kFailed);
}

}  // namespace
}  // namespace gantry::run
