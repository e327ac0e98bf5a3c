#include "core/record/runs_index.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/record/runs_format.h"
#include "tests/record/journal_test_util.h"
#include "tests/record/sample_run.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::At;
using testing::JournalText;
using testing::SampleEvents;
using testing::SampleRun;

constexpr char kApplyDev[] = "aaaa1111-0000-4000-8000-000000000001";
constexpr char kPlanDev[] = "aaaa2222-0000-4000-8000-000000000002";
constexpr char kApplyProd[] = "bbbb3333-0000-4000-8000-000000000003";
constexpr char kBroken[] = "cccc4444-0000-4000-8000-000000000004";

class RunsIndexTest : public ::testing::Test {
 protected:
  RunsIndexTest() : runs_dir_(dir_ / ".gantry/runs") {
    AddRun(kApplyDev, "apply", "dev", absl::Hours(1), /*complete=*/true);
    AddRun(kPlanDev, "plan", "dev", absl::Hours(2), /*complete=*/true);
    AddRun(kApplyProd, "apply", "prod", absl::ZeroDuration(), /*complete=*/false);
    dir_.Write(std::string(".gantry/runs/") + kBroken + "/journal.jsonl", "garbage\n{}\n");
    dir_.Write(".gantry/runs/dddd-no-journal/logs/x.log", "");
    dir_.Write(".gantry/runs/notes.txt", "");
  }

  void AddRun(const std::string& id, const std::string& operation, const std::string& target,
              absl::Duration offset, bool complete) {
    RunRecord run = SampleRun();
    run.run_id = id;
    run.operation = operation;
    run.target = target;
    run.started += offset;
    run.finished += offset;
    for (ComponentRecord& component : run.components) {
      component.started += offset;
      component.finished += offset;
    }
    std::vector<RunEvent> events = SampleEvents(run);
    if (!complete) events.resize(5);
    dir_.Write(".gantry/runs/" + id + "/journal.jsonl", JournalText(events));
  }

  /// `run`'s journal, written to the runs directory and read back.
  absl::StatusOr<Journal> RecordAndRead(const RunRecord& run) {
    dir_.Write(".gantry/runs/" + run.run_id + "/journal.jsonl", JournalText(SampleEvents(run)));
    return ReadJournal(JournalPath(runs_dir_, run.run_id));
  }

  /// What `gantry runs show` prints for `journal`, times in UTC.
  static std::string Details(const Journal& journal) {
    std::ostringstream out;
    PrintRunDetails(journal, out, absl::UTCTimeZone());
    return out.str();
  }

  std::vector<std::string> Ids(const std::vector<RunListing>& runs) {
    std::vector<std::string> ids;
    for (const RunListing& run : runs) ids.push_back(run.id);
    return ids;
  }

  gantry::testing::TempDir dir_;
  const std::string runs_dir_;
};

TEST_F(RunsIndexTest, PathsOfARun) {
  EXPECT_EQ(RunDirectory("/p/.gantry/runs", "abc"), "/p/.gantry/runs/abc");
  EXPECT_EQ(JournalPath("/p/.gantry/runs", "abc"), "/p/.gantry/runs/abc/journal.jsonl");
  EXPECT_EQ(SummaryPath("/p/.gantry/runs", "abc"), "/p/.gantry/runs/abc/summary.json");
}

TEST_F(RunsIndexTest, ListsNewestFirstThenUnreadable) {
  absl::StatusOr<std::vector<RunListing>> runs = ListRuns(runs_dir_);
  ASSERT_TRUE(runs.ok()) << runs.status();
  EXPECT_THAT(Ids(*runs), ElementsAre(kPlanDev, kApplyDev, kApplyProd, kBroken));
  EXPECT_TRUE((*runs)[0].journal.complete);
  EXPECT_FALSE((*runs)[2].journal.complete);
  EXPECT_FALSE((*runs)[3].error.ok());
  EXPECT_THAT((*runs)[3].error.message(), HasSubstr("journal.jsonl:1: "));
}

TEST_F(RunsIndexTest, MissingRunsDirectoryHasNoRuns) {
  absl::StatusOr<std::vector<RunListing>> runs = ListRuns(dir_ / "nowhere");
  ASSERT_TRUE(runs.ok()) << runs.status();
  EXPECT_THAT(*runs, IsEmpty());
  std::ostringstream out;
  PrintRunList(*runs, out, absl::UTCTimeZone());
  EXPECT_EQ(out.str(), "no runs recorded\n");
}

TEST_F(RunsIndexTest, LastRunOptionallyFiltered) {
  absl::StatusOr<RunListing> last = FindLastRun(runs_dir_);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(last->id, kPlanDev);

  RunFilter apply;
  apply.operation = "apply";
  last = FindLastRun(runs_dir_, apply);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->id, kApplyDev);

  apply.target = "prod";
  last = FindLastRun(runs_dir_, apply);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->id, kApplyProd);

  RunFilter destroy;
  destroy.operation = "destroy";
  destroy.target = "";
  last = FindLastRun(runs_dir_, destroy);
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(last.status().message(), HasSubstr("no destroy run of the default target"));
}

TEST_F(RunsIndexTest, ResolvesLastWholeIdsAndUniquePrefixes) {
  EXPECT_EQ(ResolveRun(runs_dir_, "last").value_or(""), kPlanDev);
  RunFilter apply;
  apply.operation = "apply";
  apply.target = "dev";
  EXPECT_EQ(ResolveRun(runs_dir_, "last", apply).value_or(""), kApplyDev);
  EXPECT_EQ(ResolveRun(runs_dir_, kApplyProd).value_or(""), kApplyProd);
  EXPECT_EQ(ResolveRun(runs_dir_, "aaaa1").value_or(""), kApplyDev);
  EXPECT_EQ(ResolveRun(runs_dir_, "b").value_or(""), kApplyProd);
  // The filter is for "last" only: an explicit id is taken as given.
  EXPECT_EQ(ResolveRun(runs_dir_, "aaaa2", apply).value_or(""), kPlanDev);
  // Unreadable runs can still be named (to be shown, or for their error).
  EXPECT_EQ(ResolveRun(runs_dir_, "cccc").value_or(""), kBroken);
}

TEST_F(RunsIndexTest, AmbiguousPrefixListsCandidates) {
  absl::StatusOr<std::string> id = ResolveRun(runs_dir_, "aaaa");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(id.status().message(),
              AllOf(HasSubstr("prefix aaaa is ambiguous"), HasSubstr(kApplyDev), HasSubstr(kPlanDev)));
}

TEST_F(RunsIndexTest, UnknownOrEmptyIds) {
  absl::StatusOr<std::string> id = ResolveRun(runs_dir_, "zzz");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(id.status().message(), HasSubstr("no run zzz"));
  // Directories without a journal are not runs.
  EXPECT_EQ(ResolveRun(runs_dir_, "dddd").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ResolveRun(runs_dir_, "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ResolveRun(dir_ / "nowhere", "last").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RunsIndexTest, WholeIdWinsOverLongerIdsItPrefixes) {
  dir_.Write(".gantry/runs/abc/journal.jsonl", "");
  dir_.Write(".gantry/runs/abcd/journal.jsonl", "");
  EXPECT_EQ(ResolveRun(runs_dir_, "abc").value_or(""), "abc");
  EXPECT_EQ(ResolveRun(runs_dir_, "abcd").value_or(""), "abcd");
}

TEST(ShortIdTest, LongEnoughToTellIdsApart) {
  std::vector<RunListing> runs(3);
  runs[0].id = "0123456789ab";
  runs[1].id = "ffff";
  EXPECT_EQ(ShortIdLength(runs), 8u);
  runs[2].id = "0123456789ac";
  EXPECT_EQ(ShortIdLength(runs), 12u);
}

// The whitespace-separated fields of the line of `text` whose first field is `first`.
std::vector<std::string> Fields(const std::string& text, const std::string& first) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    if (!fields.empty() && fields[0] == first) return fields;
  }
  return {};
}

TEST_F(RunsIndexTest, ListTable) {
  absl::StatusOr<std::vector<RunListing>> runs = ListRuns(runs_dir_);
  ASSERT_TRUE(runs.ok());
  std::ostringstream out;
  PrintRunList(*runs, out, absl::UTCTimeZone());
  const std::string text = out.str();
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 5u) << text;
  EXPECT_THAT(Fields(text, "RUN"), ElementsAre("RUN", "OPERATION", "TARGET", "STARTED", "DURATION",
                                               "OK", "FAILED", "SKIPPED", "CANCELLED", "RESULT"));
  // Newest first, by short id; counts ok/failed/skipped/cancelled; exit code.
  EXPECT_THAT(lines[1], ::testing::StartsWith("aaaa2222 "));
  EXPECT_THAT(Fields(text, "aaaa2222"), ElementsAre("aaaa2222", "plan", "dev", "2024-05-01",
                                                    "14:00:00", "7.2s", "2", "1", "1", "0",
                                                    "exit", "1"));
  EXPECT_THAT(lines[2], ::testing::StartsWith("aaaa1111 "));
  // The interrupted run: counts so far, duration to its last event.
  EXPECT_THAT(Fields(text, "bbbb3333"), ElementsAre("bbbb3333", "apply", "prod", "2024-05-01",
                                                    "12:00:00", "2.5s", "1", "0", "0", "0",
                                                    "interrupted"));
  EXPECT_THAT(lines[4], AllOf(HasSubstr("cccc4444"), HasSubstr("unreadable: ")));
}

TEST_F(RunsIndexTest, ShowRun) {
  absl::StatusOr<Journal> journal = ReadJournal(JournalPath(runs_dir_, kApplyDev));
  ASSERT_TRUE(journal.ok()) << journal.status();
  const std::string text = Details(*journal);
  EXPECT_THAT(Fields(text, "run"), ElementsAre("run", kApplyDev));
  EXPECT_THAT(Fields(text, "operation"), ElementsAre("operation", "apply"));
  EXPECT_THAT(Fields(text, "target"), ElementsAre("target", "dev"));
  EXPECT_THAT(Fields(text, "file"), ElementsAre("file", "/work/gantry.toml"));
  EXPECT_THAT(Fields(text, "started"), ElementsAre("started", "2024-05-01", "13:00:00"));
  EXPECT_THAT(Fields(text, "finished"), ElementsAre("finished", "2024-05-01", "13:00:07"));
  EXPECT_THAT(Fields(text, "duration"), ElementsAre("duration", "7.2s"));
  EXPECT_THAT(Fields(text, "result"), ElementsAre("result", "exit", "code", "1"));
  EXPECT_THAT(Fields(text, "concurrency"), ElementsAre("concurrency", "2"));
  EXPECT_THAT(Fields(text, "COMPONENT"),
              ElementsAre("COMPONENT", "TYPE", "STATUS", "DURATION", "ATTEMPTS", "LOG"));
  const std::string logs = std::string("/work/.gantry/runs/") + testing::kSampleRunId + "/logs/";
  EXPECT_THAT(Fields(text, "app"), ElementsAre("app", "custom", "failed", "1.9s", "1", logs + "app.log"));
  EXPECT_THAT(Fields(text, "db"), ElementsAre("db", "terraform", "ok", "4.8s", "2", logs + "db.log"));
  EXPECT_THAT(Fields(text, "web"), ElementsAre("web", "custom", "skipped", "-", "-", "-"));
  EXPECT_THAT(text, HasSubstr("\nerrors:\n  app: exit status 1\n"));
  EXPECT_THAT(text, HasSubstr("\nskipped:\n  web: after app failed\n"));
  EXPECT_THAT(text, HasSubstr("  db.password = ***\n"));
  EXPECT_THAT(text, HasSubstr("  db.url = db.local:5432\n"));
  EXPECT_THAT(text, Not(HasSubstr(testing::kSecret)));
  EXPECT_THAT(text, Not(HasSubstr("interrupted")));
}

TEST_F(RunsIndexTest, ShowRunWithChangesFromTheJournal) {
  RunRecord run = SampleRun();
  run.operation = "plan";  // a plan's counts read "to add" (an apply's, "added")
  run.run_id = "eeee5555-0000-4000-8000-000000000005";
  run.components[1].changes = Changes{true, 2, 1, 0, {}};  // base
  run.components[2].changes = Changes{false, 0, 0, 0, {}};  // db
  absl::StatusOr<Journal> journal = RecordAndRead(run);
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_EQ(journal->run.components[1].changes, run.components[1].changes);
  const std::string text = Details(*journal);
  EXPECT_THAT(Fields(text, "COMPONENT"), ElementsAre("COMPONENT", "TYPE", "STATUS", "CHANGES",
                                                     "DURATION", "ATTEMPTS", "LOG"));
  EXPECT_THAT(Fields(text, "base"),
              ElementsAre("base", "custom", "ok", "2", "to", "add,", "1", "to", "change,", "0",
                          "to", "destroy", "2.4s", "1", ::testing::EndsWith("base.log")));
  EXPECT_THAT(Fields(text, "db"), ElementsAre("db", "terraform", "ok", "no", "changes", "4.8s",
                                              "2", ::testing::EndsWith("db.log")));
  EXPECT_THAT(Fields(text, "app"), ElementsAre("app", "custom", "failed", "-", "1.9s", "1",
                                               ::testing::EndsWith("app.log")));
  EXPECT_THAT(text, HasSubstr("\n1 component with changes (2 to add, 1 to change, 0 to destroy), 1 without\n"));
}

TEST_F(RunsIndexTest, ShowSaysWhatABlockedComponentNeeds) {
  RunRecord run = SampleRun();
  run.operation = "plan";
  run.run_id = "abab1212-0000-4000-8000-000000000012";
  ComponentRecord& app = run.components[0];
  ASSERT_EQ(app.name, "app");
  app.status = ComponentStatus::kBlocked;
  app.error.clear();
  app.blocked_on = {"db"};
  absl::StatusOr<Journal> journal = RecordAndRead(run);
  ASSERT_TRUE(journal.ok()) << journal.status();
  EXPECT_THAT(Fields(Details(*journal), "app"),
              ::testing::IsSupersetOf({"blocked", "(needs", "db", "applied)"}));
}

TEST_F(RunsIndexTest, ShowInterruptedRun) {
  absl::StatusOr<Journal> journal = ReadJournal(JournalPath(runs_dir_, kApplyProd));
  ASSERT_TRUE(journal.ok()) << journal.status();
  const std::string text = Details(*journal);
  EXPECT_THAT(Fields(text, "result"), ::testing::Contains("interrupted"));
  EXPECT_THAT(Fields(text, "last"), ElementsAre("last", "event", "2024-05-01", "12:00:02"));
  EXPECT_THAT(Fields(text, "finished"), IsEmpty());
  EXPECT_THAT(Fields(text, "db"), ElementsAre("db", "terraform", "interrupted", "-", "1", ::testing::_));
  EXPECT_THAT(Fields(text, "app"), ElementsAre("app", "custom", "not", "started", "-", "-", "-"));
}

TEST_F(RunsIndexTest, EmptyOrCutJournalsAreIncompleteNotUnreadable) {
  constexpr char kEmpty[] = "eeee5555-0000-4000-8000-000000000005";
  constexpr char kCut[] = "ffff6666-0000-4000-8000-000000000006";
  dir_.Write(std::string(".gantry/runs/") + kEmpty + "/journal.jsonl", "");
  AddRun(kCut, "apply", "dev", absl::Hours(3), /*complete=*/true);
  const std::string path = JournalPath(runs_dir_, kCut);
  std::string cut;
  {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    cut = text.str();
  }
  cut.resize(cut.size() - 30);  // The disk filled in the middle of run_finished.
  std::ofstream(path, std::ios::trunc) << cut;

  absl::StatusOr<std::vector<RunListing>> runs = ListRuns(runs_dir_);
  ASSERT_TRUE(runs.ok());
  std::ostringstream out;
  PrintRunList(*runs, out, absl::UTCTimeZone());
  const std::string text = out.str();
  EXPECT_THAT(Fields(text, "eeee5555"), ElementsAre("eeee5555", "-", "-", "-", "-", "-", "-",
                                                    "-", "-", "incomplete", "(empty", "journal)"));
  EXPECT_THAT(Fields(text, "ffff6666"), ::testing::Contains("incomplete"));
  // Still the newest apply of dev for --resume last, and shown.
  absl::StatusOr<RunListing> last = FindLastRun(runs_dir_, RunFilter{"apply", "dev"});
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(last->id, kCut);
  EXPECT_THAT(Details(last->journal), HasSubstr("incomplete (the journal was cut short)"));
  std::string empty;
  for (const RunListing& listing : *runs)
    if (listing.id == kEmpty) empty += Details(listing.journal);
  EXPECT_THAT(empty, HasSubstr(std::string("run ") + kEmpty + ": incomplete"));
}

TEST_F(RunsIndexTest, ShowNeutralisesWhatTheJournalSays) {
  RunRecord run = SampleRun();
  run.run_id = "gggg7777-0000-4000-8000-000000000007";
  for (ComponentRecord& component : run.components) {
    if (component.name == "app") component.error = "exit 1\r\x1b[2Jgantry: app ok\x1b]0;t\x07";
  }
  run.write_errors = {"journal: cannot write \x1b[2J: No space left on device"};
  absl::StatusOr<Journal> journal = RecordAndRead(run);
  ASSERT_TRUE(journal.ok()) << journal.status();
  const std::string text = Details(*journal);
  EXPECT_THAT(text, HasSubstr("  app: exit 1^M^[[2Jgantry: app ok^[]0;t^G\n"));
  EXPECT_THAT(text,
              HasSubstr("\nnot written:\n  journal: cannot write ^[[2J: No space left on device\n"));
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  EXPECT_THAT(text, Not(HasSubstr("\r")));
}

}  // namespace
}  // namespace gantry::record
