#include "core/record/resume.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/record/journal_reader.h"
#include "tests/record/journal_test_util.h"
#include "tests/record/sample_run.h"

namespace gantry::record {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::JournalText;
using testing::SampleEvents;
using testing::SampleRun;

std::vector<std::string> Names(const std::vector<ComponentRecord>& components) {
  std::vector<std::string> names;
  for (const ComponentRecord& component : components) names.push_back(component.name);
  return names;
}

OutputKey Key(std::string component, std::string key) {
  OutputKey output;
  output.component = std::move(component);
  output.key = std::move(key);
  return output;
}

// The previous run as --resume sees it: read back from its journal.
RunRecord FromJournal(const std::vector<RunEvent>& events) {
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "j");
  EXPECT_TRUE(journal.ok()) << journal.status();
  return journal.ok() ? journal->run : RunRecord();
}

TEST(ResumeTest, RerunsWhatDidNotSucceedAndReusesTheRest) {
  const RunRecord previous = FromJournal(SampleEvents(SampleRun()));
  absl::StatusOr<ResumePlan> plan = PlanResume(previous, "apply", "dev");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->previous_run_id, testing::kSampleRunId);
  EXPECT_THAT(plan->rerun, ElementsAre("app", "web"));  // failed, skipped
  EXPECT_THAT(Names(plan->reused), ElementsAre("base", "db"));

  const ComponentRecord& db = plan->reused[1];
  EXPECT_EQ(db.type, "terraform");
  EXPECT_EQ(db.status, ComponentStatus::kOk);
  EXPECT_EQ(db.attempts, 0);
  EXPECT_EQ(db.reused_from, testing::kSampleRunId);
  EXPECT_EQ(db.outputs.at("url").value, "db.local:5432");
  EXPECT_THAT(plan->masked_outputs, ElementsAre(Key("db", "password")));
}

TEST(ResumeTest, InterruptedRunRerunsRunningAndUnreachedComponents) {
  std::vector<RunEvent> events = SampleEvents(SampleRun());
  events.resize(5);  // base ok, db running, app and web never started
  absl::StatusOr<ResumePlan> plan = PlanResume(FromJournal(events), "apply", "dev");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(plan->rerun, ElementsAre("app", "db", "web"));
  EXPECT_THAT(Names(plan->reused), ElementsAre("base"));
  EXPECT_THAT(plan->masked_outputs, IsEmpty());
}

TEST(ResumeTest, CancelledComponentsAreRerun) {
  RunRecord previous = SampleRun();
  previous.components[0].status = ComponentStatus::kCancelled;
  previous.components[3].skip_cause = kSkipCauseCancelled;
  absl::StatusOr<ResumePlan> plan = PlanResume(previous, "apply", "dev");
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(plan->rerun, ElementsAre("app", "web"));
}

TEST(ResumeTest, FullySuccessfulRunLeavesNothingToRerun) {
  RunRecord previous = SampleRun();
  previous.components[0].status = ComponentStatus::kOk;
  previous.components[3].status = ComponentStatus::kOk;
  absl::StatusOr<ResumePlan> plan = PlanResume(previous, "apply", "dev");
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(plan->rerun, IsEmpty());
  EXPECT_EQ(plan->reused.size(), 4u);
}

TEST(ResumeTest, ReuseKeepsTheRunThatActuallyExecuted) {
  RunRecord previous = SampleRun();
  previous.components[1].reused_from = "first-run";  // base came from an earlier resume
  absl::StatusOr<ResumePlan> plan = PlanResume(previous, "apply", "dev");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->reused[0].name, "base");
  EXPECT_EQ(plan->reused[0].reused_from, "first-run");
  EXPECT_EQ(plan->reused[1].reused_from, testing::kSampleRunId);
}

TEST(ResumeTest, OperationMismatchIsRefused) {
  absl::StatusOr<ResumePlan> plan = PlanResume(SampleRun(), "destroy", "dev");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plan.status().message(),
              HasSubstr("cannot resume run 3f2a9c1e with destroy: it ran apply"));
}

TEST(ResumeTest, TargetMismatchIsRefused) {
  absl::StatusOr<ResumePlan> plan = PlanResume(SampleRun(), "apply", "prod");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(plan.status().message(),
              HasSubstr("cannot resume run 3f2a9c1e on target prod: it ran on target dev"));
  plan = PlanResume(SampleRun(), "apply", "");
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.status().message(), HasSubstr("on the default target: it ran on target dev"));
}

TEST(ResumeTest, RerunMaskedProducersMovesThemToRerun) {
  absl::StatusOr<ResumePlan> plan = PlanResume(SampleRun(), "apply", "dev");
  ASSERT_TRUE(plan.ok());
  RerunMaskedProducers(*plan);
  EXPECT_THAT(plan->rerun, ElementsAre("app", "db", "web"));
  EXPECT_THAT(Names(plan->reused), ElementsAre("base"));
  EXPECT_THAT(plan->masked_outputs, IsEmpty());
}

}  // namespace
}  // namespace gantry::record
