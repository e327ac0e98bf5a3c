#include "core/state/stray_processes.h"

#include <filesystem>

#include "core/state/run_liveness.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/processes.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using gantry::testing::Sleeper;

// Run ids of this file alone: tests of other files may run at the same time.
constexpr char kDead[] = "66666666-6666-4666-8666-666666666666";
constexpr char kLive[] = "77777777-7777-4777-8777-777777777777";
constexpr char kElsewhere[] = "88888888-8888-4888-8888-888888888888";

std::vector<std::string> Tag(const char* run, const char* component) {
  return exec::ProcessTag{run, component}.Environment();
}

class StrayProcessesTest : public ::testing::Test {
 protected:
  StrayProcessesTest() : layout_(Layout::ForDeployment(tmp_.path())) {}

  /// A run of this deployment that ended: runs/<run>/ exists, nothing holds it.
  void DeadRun(const char* run) {
    absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, run);
    ASSERT_TRUE(live.ok()) << live.status();
  }

  gantry::testing::TempDir tmp_;
  const Layout layout_;
};

TEST_F(StrayProcessesTest, FindsTheProcessesOfDeadRunsOfThisDeploymentOnly) {
  DeadRun(kDead);
  absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, kLive);
  ASSERT_TRUE(live.ok());
  Sleeper stray(Tag(kDead, "db"));
  Sleeper running(Tag(kLive, "db"));         // its gantry still runs: not a stray
  Sleeper foreign(Tag(kElsewhere, "db"));    // a run of another deployment
  Sleeper bogus({"GANTRY_RUN_ID=../../etc", "GANTRY_COMPONENT=db"});
  const StrayProcesses strays = FindStrayProcesses(layout_);
  EXPECT_THAT(strays, ElementsAre(Pair("db", ElementsAre(Field(&exec::TaggedProcess::pid,
                                                               stray.pid())))));
  EXPECT_THAT(FindStrayProcesses(layout_, kDead), IsEmpty()) << "the current run is no stray";
}

TEST_F(StrayProcessesTest, WaitingEndsWhenTheyAreGone) {
  DeadRun(kDead);
  Sleeper stray(Tag(kDead, "db"));
  std::vector<exec::TaggedProcess> found = FindStrayProcesses(layout_)["db"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_THAT(WaitForStrays(found, absl::Milliseconds(100)),
              ElementsAre(Field(&exec::TaggedProcess::pid, stray.pid())));
  stray.Stop();
  EXPECT_THAT(WaitForStrays(found, absl::Seconds(5)), IsEmpty());
}

}  // namespace
}  // namespace gantry::state
