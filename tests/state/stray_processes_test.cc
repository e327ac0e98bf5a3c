#include "core/state/stray_processes.h"

#include <filesystem>

#include "core/state/run_id.h"
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

// Fresh run ids in each test: the processes of every test on the machine are visible, and
// ctest runs this file's tests at the same time as each other.
std::string FreshRunId() {
  absl::StatusOr<std::string> id = NewRunId();
  EXPECT_TRUE(id.ok()) << id.status();
  return id.value_or("");
}

std::vector<std::string> Tag(const std::string& run, const char* component) {
  return exec::ProcessTag{run, component}.Environment();
}

class StrayProcessesTest : public ::testing::Test {
 protected:
  StrayProcessesTest() : layout_(Layout::ForDeployment(tmp_.path())) {}

  /// A run of this deployment that ended: runs/<run>/ exists, nothing holds it.
  void DeadRun(const std::string& run) {
    absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, run);
    ASSERT_TRUE(live.ok()) << live.status();
  }

  gantry::testing::TempDir tmp_;
  const Layout layout_;
  const std::string dead_ = FreshRunId();
  const std::string live_ = FreshRunId();
  const std::string elsewhere_ = FreshRunId();
};

TEST_F(StrayProcessesTest, FindsTheProcessesOfDeadRunsOfThisDeploymentOnly) {
  DeadRun(dead_);
  absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout_, live_);
  ASSERT_TRUE(live.ok());
  Sleeper stray(Tag(dead_, "db"));
  Sleeper running(Tag(live_, "db"));         // its gantry still runs: not a stray
  Sleeper foreign(Tag(elsewhere_, "db"));    // a run of another deployment
  Sleeper bogus({"GANTRY_RUN_ID=../../etc", "GANTRY_COMPONENT=db"});
  const StrayProcesses strays = FindStrayProcesses(layout_);
  EXPECT_THAT(strays, ElementsAre(Pair("db", ElementsAre(Field(&exec::TaggedProcess::pid,
                                                               stray.pid())))));
  EXPECT_THAT(FindStrayProcesses(layout_, dead_), IsEmpty()) << "the current run is no stray";
}

TEST_F(StrayProcessesTest, WaitingEndsWhenTheyAreGone) {
  DeadRun(dead_);
  Sleeper stray(Tag(dead_, "db"));
  std::vector<exec::TaggedProcess> found = FindStrayProcesses(layout_)["db"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_THAT(WaitForStrays(found, absl::Milliseconds(100)),
              ElementsAre(Field(&exec::TaggedProcess::pid, stray.pid())));
  stray.Stop();
  EXPECT_THAT(WaitForStrays(found, absl::Seconds(5)), IsEmpty());
}

}  // namespace
}  // namespace gantry::state
