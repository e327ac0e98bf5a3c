#include "core/record/journal_reader.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/record/journal_test_util.h"
#include "tests/record/sample_run.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::At;
using testing::JournalText;
using testing::SampleEvents;
using testing::SampleRun;

const ComponentRecord& Find(const RunRecord& run, const std::string& name) {
  for (const ComponentRecord& component : run.components)
    if (component.name == name) return component;
  ADD_FAILURE() << "no component " << name;
  static const ComponentRecord none;
  return none;
}

AttemptRecord Attempt(int number, int64_t start_ms, int64_t end_ms) {
  AttemptRecord attempt;
  attempt.number = number;
  attempt.started = At(start_ms);
  attempt.ended = At(end_ms);
  return attempt;
}

TEST(JournalReaderTest, ReadsACompleteRun) {
  const RunRecord want = SampleRun();
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(SampleEvents(want)), "j.jsonl");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_TRUE(journal->complete);
  EXPECT_FALSE(journal->truncated_tail);
  EXPECT_EQ(journal->last_event, want.finished);

  const RunRecord& run = journal->run;
  EXPECT_EQ(run.run_id, want.run_id);
  EXPECT_EQ(run.operation, "apply");
  EXPECT_EQ(run.target, "dev");
  EXPECT_EQ(run.deployment_file, "/work/gantry.toml");
  EXPECT_EQ(run.started, want.started);
  EXPECT_EQ(run.finished, want.finished);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.max_concurrency, 2);
  ASSERT_EQ(run.components.size(), want.components.size());
  for (size_t i = 0; i < want.components.size(); ++i) {
    const ComponentRecord& got = run.components[i];
    const ComponentRecord& expected = want.components[i];
    SCOPED_TRACE(expected.name);
    EXPECT_EQ(got.name, expected.name);
    EXPECT_EQ(got.type, expected.type);
    EXPECT_EQ(got.status, expected.status);
    EXPECT_EQ(got.started, expected.started);
    EXPECT_EQ(got.finished, expected.finished);
    EXPECT_EQ(got.attempts, expected.attempts);
    EXPECT_EQ(got.slot, expected.slot);
    EXPECT_EQ(got.skip_cause, expected.skip_cause);
    EXPECT_EQ(got.error, expected.error);
    EXPECT_EQ(got.log_path, expected.log_path);
  }
  // Outputs come back, the sensitive one masked.
  const ComponentRecord& db = Find(run, "db");
  EXPECT_EQ(db.outputs.at("url").value, "db.local:5432");
  EXPECT_EQ(db.outputs.at("password").value, "***");
  EXPECT_TRUE(db.outputs.at("password").sensitive());
  EXPECT_TRUE(db.outputs.at("zones").json());
}

TEST(JournalReaderTest, RetryErrorIsClearedBySuccess) {
  const RunRecord want = SampleRun();
  std::vector<RunEvent> events = SampleEvents(want);
  events.resize(4);  // run_started, base started, db started, db retrying
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_EQ(Find(journal->run, "db").error, "RequestLimitExceeded");
  EXPECT_EQ(Find(journal->run, "db").status, ComponentStatus::kRunning);

  journal = ParseJournal(JournalText(SampleEvents(want)), "j");
  ASSERT_TRUE(journal.ok());
  EXPECT_EQ(Find(journal->run, "db").error, "");
  EXPECT_EQ(Find(journal->run, "db").attempts, 2);
}

TEST(JournalReaderTest, KeepsEveryAttemptWithItsTimes) {
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(SampleEvents(SampleRun())), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  // db: attempt 1 from 200ms failed at 1500ms (retried after 1s), attempt 2 from 2500ms
  // to its end at 5000ms.
  AttemptRecord first = Attempt(1, 200, 1500);
  first.retried = true;
  first.error = "RequestLimitExceeded";
  first.retry_delay = absl::Seconds(1);
  EXPECT_EQ(journal->attempts.at("db"), (std::vector<AttemptRecord>{first, Attempt(2, 2500, 5000)}));
  EXPECT_EQ(journal->attempts.at("base"), std::vector<AttemptRecord>{Attempt(1, 100, 2500)});
  EXPECT_FALSE(journal->attempts.contains("web")) << "skipped: it never started";
}

TEST(JournalReaderTest, AnAttemptCutByTheEndOfTheJournalHasNoEnd) {
  std::vector<RunEvent> events = SampleEvents(SampleRun());
  events.resize(6);  // ... db's second attempt started, never finished
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  const std::vector<AttemptRecord>& db = journal->attempts.at("db");
  ASSERT_EQ(db.size(), 2u);
  EXPECT_EQ(db[0].ended, At(1500));
  EXPECT_EQ(db[1].ended, absl::InfinitePast());
}

TEST(JournalReaderTest, CancelledWhileWaitingToRetryKeepsTheFailedAttemptsEnd) {
  RunRecord run = SampleRun();
  std::vector<RunEvent> events = SampleEvents(run);
  events.resize(5);  // up to base finished; db waits to retry
  ComponentRecord db = run.components[2];
  db.status = ComponentStatus::kCancelled;
  db.finished = At(2000);
  db.attempts = 1;
  db.error = "cancelled while waiting to retry";
  db.outputs.clear();
  events.push_back(ComponentFinishedEvent(run, db));
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  const std::vector<AttemptRecord>& attempts = journal->attempts.at("db");
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_TRUE(attempts[0].retried);
  EXPECT_EQ(attempts[0].ended, At(1500)) << "the wait, not the attempt, lasted to 2000ms";
}

TEST(JournalReaderTest, DependenciesComeFromRunStarted) {
  RunRecord run = SampleRun();
  run.components[3].needs = {"app"};  // web
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(SampleEvents(run)), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_EQ(Find(journal->run, "web").needs, std::vector<std::string>{"app"});
  EXPECT_TRUE(Find(journal->run, "app").needs.empty());
}

TEST(JournalReaderTest, AJournalWithoutDependenciesStillReads) {
  // run_started as gantry wrote it before dependencies were journaled.
  const std::string text =
      R"({"schema":1,"event":"run_started","time":"2024-05-01T12:00:00.000Z","run_id":"r",)"
      R"("operation":"apply","target":"","deployment_file":"/w/gantry.toml","total":2,)"
      R"("max_concurrency":1,"components":[{"name":"a","type":"custom"},{"name":"b","type":"custom"}]})"
      "\n"
      R"({"schema":1,"event":"run_finished","time":"2024-05-01T12:00:01.000Z","run_id":"r","exit_code":0})"
      "\n";
  absl::StatusOr<Journal> journal = ParseJournal(text, "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  ASSERT_EQ(journal->run.components.size(), 2u);
  EXPECT_TRUE(journal->run.components[1].needs.empty());
  EXPECT_TRUE(journal->complete);
}

TEST(JournalReaderTest, RunWithoutRunFinishedIsInterrupted) {
  std::vector<RunEvent> events = SampleEvents(SampleRun());
  events.resize(5);  // ... base finished; db still running, app and web never reached
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_FALSE(journal->complete);
  EXPECT_EQ(journal->run.finished, absl::InfinitePast());
  EXPECT_EQ(journal->last_event, At(2500));
  EXPECT_EQ(Find(journal->run, "base").status, ComponentStatus::kOk);
  EXPECT_EQ(Find(journal->run, "db").status, ComponentStatus::kRunning);
  EXPECT_EQ(Find(journal->run, "app").status, ComponentStatus::kPending);
  EXPECT_EQ(Find(journal->run, "app").type, "custom");  // known from run_started
  EXPECT_EQ(Find(journal->run, "web").status, ComponentStatus::kPending);
}

TEST(JournalReaderTest, TruncatedLastLineIsIgnored) {
  const std::vector<RunEvent> events = SampleEvents(SampleRun());
  std::string text = JournalText(events);
  // The host died in the middle of writing run_finished.
  const std::string last = EventToJson(events.back());
  text.resize(text.size() - last.size() / 2 - 1);
  absl::StatusOr<Journal> journal = ParseJournal(text, "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_TRUE(journal->truncated_tail);
  EXPECT_FALSE(journal->complete);
  EXPECT_EQ(Find(journal->run, "web").status, ComponentStatus::kSkipped);
}

TEST(JournalReaderTest, EmptyOrCutFirstLineIsAnEmptyIncompleteJournal) {
  // A disk full (or a crash) as the run started: read as far as it goes.
  const std::string first = EventToJson(SampleEvents(SampleRun()).front());
  for (const std::string& text : {std::string(), std::string("\n\n"), first.substr(0, 20),
                                  first.substr(0, first.size() - 1)}) {
    absl::StatusOr<Journal> journal = ParseJournal(text, "j");
    ASSERT_TRUE(journal.ok()) << journal.status();
    EXPECT_TRUE(journal->empty);
    EXPECT_TRUE(journal->incomplete());
    EXPECT_FALSE(journal->complete);
    EXPECT_TRUE(journal->run.components.empty());
  }
  // A readable journal is not incomplete; one cut later is.
  absl::StatusOr<Journal> whole = ParseJournal(JournalText(SampleEvents(SampleRun())), "j");
  ASSERT_TRUE(whole.ok());
  EXPECT_FALSE(whole->incomplete());
  // Events but no run_started stays an error.
  EXPECT_FALSE(ParseJournal(EventToJson(SampleEvents(SampleRun())[1]) + "\n", "j").ok());
}

TEST(JournalReaderTest, GarbledLastLineAndTrailingBlankLinesAreIgnored) {
  std::string text = JournalText(SampleEvents(SampleRun()));
  text += std::string(40, '\0') + "\n\n";
  absl::StatusOr<Journal> journal = ParseJournal(text, "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_TRUE(journal->truncated_tail);
  EXPECT_TRUE(journal->complete);
}

TEST(JournalReaderTest, GarbageMidFileIsAnErrorWithFileAndLine) {
  const std::vector<RunEvent> events = SampleEvents(SampleRun());
  std::string text;
  for (size_t i = 0; i < events.size(); ++i) {
    text += EventToJson(events[i]) + "\n";
    if (i == 2) text += "{\"schema\":1,\"event\":\"compo\n";  // becomes line 4
  }
  absl::StatusOr<Journal> journal = ParseJournal(text, "/x/journal.jsonl");
  ASSERT_FALSE(journal.ok());
  EXPECT_THAT(std::string(journal.status().message()), StartsWith("/x/journal.jsonl:4: "));
  EXPECT_THAT(journal.status().message(), HasSubstr("not a JSON event"));
}

TEST(JournalReaderTest, NewerSchemaIsRefusedEvenOnTheLastLine) {
  std::string text = JournalText(SampleEvents(SampleRun()));
  text += R"({"schema":99,"event":"run_rewound","time":"2024-05-01T12:00:00Z","run_id":"x"})";
  absl::StatusOr<Journal> journal = ParseJournal(text, "j");
  ASSERT_FALSE(journal.ok());
  EXPECT_EQ(journal.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(journal.status().message()), StartsWith("j:12: event schema version 99"));
}

TEST(JournalReaderTest, InconsistentSequencesAreErrors) {
  const RunRecord run = SampleRun();
  const std::vector<RunEvent> sample = SampleEvents(run);
  RunEvent other_run = sample[1];
  other_run.run.run_id = "someone-else";
  RunEvent after_end = sample[1];
  const struct {
    std::vector<RunEvent> events;
    const char* message;
  } cases[] = {
      {{sample[1]}, "j:1: component_started before run_started"},
      {{sample[0], sample[0]}, "j:2: a second run_started"},
      {{sample[0], other_run}, "j:2: component_started of run someone-else in the journal of run"},
      {{sample[0], sample.back(), after_end}, "j:3: component_started after run_finished"},
      {{sample[0], sample[1], sample[4], sample[1]},
       "j:4: component_started of component base, which already ended (ok)"},
      // An empty journal is no error but an empty, incomplete one (see below).
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.message);
    absl::StatusOr<Journal> journal = ParseJournal(JournalText(c.events), "j");
    ASSERT_FALSE(journal.ok());
    EXPECT_THAT(journal.status().message(), HasSubstr(c.message));
  }
}

TEST(JournalReaderTest, ReusedComponentsAreOkFromTheirRun) {
  RunRecord run = SampleRun();
  run.resumed_from = "previous-run";
  ComponentRecord base = run.components[1];
  base.reused_from = "first-run";
  const std::vector<RunEvent> events = {RunStartedEvent(run),
                                        ComponentReusedEvent(run, base, At(1))};
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "j");
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_EQ(journal->run.resumed_from, "previous-run");
  const ComponentRecord& got = Find(journal->run, "base");
  EXPECT_EQ(got.status, ComponentStatus::kOk);
  EXPECT_EQ(got.reused_from, "first-run");
  EXPECT_EQ(got.attempts, 0);
  EXPECT_EQ(got.outputs.at("id").value, "b-1");
}

TEST(JournalReaderTest, ReadsFromDiskAndNamesMissingFiles) {
  gantry::testing::TempDir dir;
  const std::string path = dir.Write("journal.jsonl", JournalText(SampleEvents(SampleRun())));
  absl::StatusOr<Journal> journal = ReadJournal(path);
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_TRUE(journal->complete);

  absl::StatusOr<Journal> missing = ReadJournal(dir / "nope.jsonl");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("nope.jsonl"));
}

}  // namespace
}  // namespace gantry::record
