#include "core/state/workspace_cleaner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/exec/process_tag.h"
#include "core/state/run_liveness.h"
#include "core/state/workspace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/processes.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kLive[] = "11111111-1111-4111-8111-111111111111";
constexpr char kDone[] = "22222222-2222-4222-8222-222222222222";
constexpr char kNoRunDir[] = "33333333-3333-4333-8333-333333333333";
constexpr char kOld[] = "44444444-4444-4444-8444-444444444444";

class WorkspaceCleanerTest : public ::testing::Test {
 protected:
  WorkspaceCleanerTest() : layout_(Layout::ForDeployment(tmp_.path())) {
    source_ = fs::path(tmp_.path()) / "src";
    fs::create_directories(source_);
    std::ofstream(source_ / "file", std::ios::binary) << std::string(100, 'x');
  }

  // A run that left its workspaces behind: created and not removed.
  void LeaveWorkspace(const char* run, const char* component = "app") {
    ASSERT_TRUE(CreateWorkspace(layout_, run, component, source_).ok());
  }

  // Makes workspaces/<run> look last modified `age` ago.
  void Age(const char* run, absl::Duration age) {
    const absl::Time when = absl::Now() - age;
    struct timespec times[2];
    times[0] = absl::ToTimespec(when);
    times[1] = times[0];
    ASSERT_EQ(utimensat(AT_FDCWD, layout_.RunWorkspacesDir(run).c_str(), times, 0), 0);
  }

  std::string Dir(const char* run) const { return layout_.RunWorkspacesDir(run).string(); }

  testing::TempDir tmp_;
  const Layout layout_;
  fs::path source_;
};

TEST_F(WorkspaceCleanerTest, RemovesRunsThatAreNotLiveAndKeepsLiveOnes) {
  absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, kLive);
  ASSERT_TRUE(live.ok()) << live.status();
  LeaveWorkspace(kLive);
  {
    absl::StatusOr<RunLiveness> done = RunLiveness::Acquire(layout_, kDone);
    ASSERT_TRUE(done.ok());
    LeaveWorkspace(kDone, "a");
    LeaveWorkspace(kDone, "net/b");
  }  // run ended (or crashed) without removing its workspaces
  LeaveWorkspace(kNoRunDir);
  fs::create_directories(layout_.WorkspacesDir() / "not-a-run");
  std::ofstream(layout_.WorkspacesDir() / "stray-file") << "x";

  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, CleanOptions());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->removed, UnorderedElementsAre(Dir(kDone), Dir(kNoRunDir)));
  EXPECT_THAT(report->kept_live, ElementsAre(Dir(kLive)));
  EXPECT_THAT(report->kept_recent, IsEmpty());
  EXPECT_THAT(report->failed, IsEmpty());
  EXPECT_THAT(report->ignored,
              UnorderedElementsAre((layout_.WorkspacesDir() / "not-a-run").string(),
                                   (layout_.WorkspacesDir() / "stray-file").string()));
  EXPECT_EQ(report->bytes_freed, 300u);

  EXPECT_FALSE(fs::exists(Dir(kDone)));
  EXPECT_FALSE(fs::exists(Dir(kNoRunDir)));
  EXPECT_TRUE(fs::exists(layout_.WorkspaceDir(kLive, "app") / "file"));
  EXPECT_TRUE(fs::exists(layout_.WorkspacesDir() / "not-a-run"));
  EXPECT_TRUE(fs::exists(layout_.RunDir(kDone)));  // runs/ (logs, journal) is not touched
  EXPECT_TRUE(live->held());
}

TEST_F(WorkspaceCleanerTest, HonorsOlderThan) {
  LeaveWorkspace(kOld);
  LeaveWorkspace(kDone);
  Age(kOld, absl::Hours(24 * 10));
  Age(kDone, absl::Hours(1));

  CleanOptions options;
  options.older_than = absl::Hours(24 * 7);
  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->removed, ElementsAre(Dir(kOld)));
  EXPECT_THAT(report->kept_recent, ElementsAre(Dir(kDone)));
  EXPECT_TRUE(fs::exists(Dir(kDone)));

  // The same, seen from a later "now".
  options.now = absl::Now() + absl::Hours(24 * 7);
  report = CleanWorkspaces(layout_, options);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->removed, ElementsAre(Dir(kDone)));
}

TEST_F(WorkspaceCleanerTest, LiveRunIsKeptWhateverItsAge) {
  absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, kLive);
  ASSERT_TRUE(live.ok());
  LeaveWorkspace(kLive);
  Age(kLive, absl::Hours(24 * 365));
  CleanOptions options;
  options.older_than = absl::Hours(1);
  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, options);
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->kept_live, ElementsAre(Dir(kLive)));
  EXPECT_THAT(report->removed, IsEmpty());
}

TEST_F(WorkspaceCleanerTest, RunKilledMidwayIsNoLongerLive) {
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, kLive);
    const bool ok = live.ok() && CreateWorkspace(layout_, kLive, "app", source_).ok();
    (void)!write(ready[1], ok ? "y" : "n", 1);
    while (true) pause();
  }
  close(ready[1]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  close(ready[0]);
  ASSERT_EQ(c, 'y');

  absl::StatusOr<RunLiveness> taken = RunLiveness::Acquire(layout_, kLive);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(taken.status().message(), HasSubstr(absl::StrCat("pid ", child)));

  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, CleanOptions());
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->kept_live, ElementsAre(Dir(kLive)));

  kill(child, SIGKILL);
  int wstatus;
  waitpid(child, &wstatus, 0);

  report = CleanWorkspaces(layout_, CleanOptions());
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->removed, ElementsAre(Dir(kLive)));
  EXPECT_FALSE(fs::exists(Dir(kLive)));
}

TEST_F(WorkspaceCleanerTest, OneFailureDoesNotStopTheOthers) {
  LeaveWorkspace(kDone);
  LeaveWorkspace(kOld);
  // A .live that cannot be opened as a lock file (a directory): that run is reported.
  fs::create_directories(layout_.LivePath(kDone));

  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, CleanOptions());
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_EQ(report->failed.size(), 1u);
  EXPECT_EQ(report->failed[0].path, Dir(kDone));
  EXPECT_THAT(report->failed[0].error, HasSubstr(layout_.LivePath(kDone).string()));
  EXPECT_THAT(report->removed, ElementsAre(Dir(kOld)));
  EXPECT_TRUE(fs::exists(Dir(kDone)));
}

TEST_F(WorkspaceCleanerTest, NothingToCleanIsAnEmptyReport) {
  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, CleanOptions());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->removed, IsEmpty());
  EXPECT_EQ(report->bytes_freed, 0u);
}

TEST_F(WorkspaceCleanerTest, CleanerHoldsTheRunWhileRemovingIt) {
  // A run cannot be (re)started while it is held by someone else, and the liveness lock
  // is the cleaner's guard: a second holder is refused with a message.
  absl::StatusOr<RunLiveness> first = RunLiveness::Acquire(layout_, kDone);
  ASSERT_TRUE(first.ok());
  absl::StatusOr<RunLiveness> second = RunLiveness::Acquire(layout_, kDone);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(), HasSubstr(absl::StrCat("run ", kDone, " is in use")));
  first->Release();
  EXPECT_TRUE(RunLiveness::Acquire(layout_, kDone).ok());
  EXPECT_EQ(RunLiveness::Acquire(layout_, "not-a-uuid").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(WorkspaceCleanerTest, KeepsTheWorkspacesOfARunWhoseProcessesStillRun) {
  // A run id of this test alone: other tests may run at the same time.
  constexpr char kBusy[] = "55555555-5555-4555-8555-555555555555";
  LeaveWorkspace(kBusy);
  LeaveWorkspace(kDone);
  gantry::testing::Sleeper worker(exec::ProcessTag{kBusy, "app"}.Environment());
  absl::StatusOr<CleanReport> report = CleanWorkspaces(layout_, {});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->removed, ElementsAre(Dir(kDone)));
  ASSERT_EQ(report->kept_busy.size(), 1u);
  EXPECT_EQ(report->kept_busy[0].path, Dir(kBusy));
  EXPECT_EQ(report->kept_busy[0].processes, absl::StrCat(worker.pid(), " (sleep)"));
  EXPECT_TRUE(fs::exists(Dir(kBusy)));
  worker.Stop();
  report = CleanWorkspaces(layout_, {});
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->removed, ElementsAre(Dir(kBusy)));
}

}  // namespace
}  // namespace gantry::state
