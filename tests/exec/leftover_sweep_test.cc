#include "core/exec/leftover_sweep.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "core/exec/cancel_token.h"
#include "core/exec/posix_process_runner.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/exec/collecting_sink.h"
#include "tests/testing/processes.h"

namespace gantry::exec {
namespace {

using ::gantry::testing::ProcessAlive;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

bool Exists(pid_t pid) { return kill(pid, 0) == 0; }

// Whether `pid` has started a child yet, waiting up to 5 s: a shell forks what it was
// told to run some time after it was started.
bool HasChildSoon(pid_t pid) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (testing::ChildrenOf(pid).empty()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class LeftoverSweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Each test case runs in a process of its own (gtest_discover_tests).
    ASSERT_TRUE(BecomeSubreaper());
  }
  /// Runs `script` with `tag`; returns the pid it printed (a daemon it left behind).
  pid_t RunLeaving(const std::string& script, const ProcessTag& tag) {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", script};
    spec.env_overrides = tag.Environment();
    CollectingSink sink;
    CancelToken cancel;
    absl::StatusOr<ProcessExit> exit = PosixProcessRunner().Run(spec, sink, cancel);
    EXPECT_TRUE(exit.ok() && exit->ok()) << sink.out << sink.err;
    return static_cast<pid_t>(std::stol(sink.out));
  }
  std::function<bool(const std::optional<ProcessTag>&)> Is(const ProcessTag& tag) {
    return [tag](const std::optional<ProcessTag>& found) { return found && *found == tag; };
  }
};

TEST_F(LeftoverSweepTest, KillsWhatAComponentLeftInASessionOfItsOwn) {
  const ProcessTag tag{"run", "a"};
  const pid_t daemon = RunLeaving("setsid sleep 60 & echo $!", tag);
  ASSERT_TRUE(ProcessAlive(daemon));
  const std::vector<TaggedProcess> killed = SweepLeftovers(Is(tag));
  EXPECT_THAT(killed, ElementsAre(Field(&TaggedProcess::pid, daemon)));
  EXPECT_FALSE(Exists(daemon)) << "killed and reaped";
  EXPECT_THAT(SweepLeftovers(Is(tag)), IsEmpty());
}

TEST_F(LeftoverSweepTest, FollowsADaemonsOwnChildren) {
  const ProcessTag tag{"run", "a"};
  // A session leader whose child starts a session of its own in turn.
  const pid_t daemon = RunLeaving(
      "setsid sh -c 'setsid sleep 60 & echo $! > /dev/null; sleep 60' & echo $!", tag);
  ASSERT_TRUE(ProcessAlive(daemon));
  ASSERT_TRUE(HasChildSoon(daemon)) << "the daemon started nothing in 5 s";
  const std::vector<TaggedProcess> killed = SweepLeftovers(Is(tag));
  EXPECT_GE(killed.size(), 2u) << "the daemon and what it left in turn";
  EXPECT_FALSE(Exists(daemon));
  EXPECT_THAT(SweepLeftovers([](const std::optional<ProcessTag>&) { return true; }), IsEmpty());
}

TEST_F(LeftoverSweepTest, LeavesOtherComponentsProcessesAlone) {
  const pid_t mine = RunLeaving("setsid sleep 60 & echo $!", {"run", "a"});
  const pid_t theirs = RunLeaving("setsid sleep 60 & echo $!", {"run", "b"});
  EXPECT_THAT(SweepLeftovers(Is({"run", "a"})), ElementsAre(Field(&TaggedProcess::pid, mine)));
  EXPECT_TRUE(ProcessAlive(theirs));
  EXPECT_THAT(SweepLeftovers(Is({"run", "b"})), ElementsAre(Field(&TaggedProcess::pid, theirs)));
}

TEST_F(LeftoverSweepTest, ReapsAdoptedChildrenThatExitedOnTheirOwn) {
  const pid_t brief = RunLeaving("setsid sleep 0.05 & echo $!", {"run", "a"});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_TRUE(Exists(brief)) << "a zombie of ours until reaped";
  EXPECT_THAT(SweepLeftovers(Is({"run", "other"})), IsEmpty());
  EXPECT_FALSE(Exists(brief)) << "reaped, whoever it belonged to";
}

TEST_F(LeftoverSweepTest, NeverTouchesAChildItsOwnerWillReap) {
  // A supervised child running while another component is swept with "everything".
  std::thread runner([] {
    ProcessSpec spec;
    spec.argv = {"/bin/sh", "-c", "sleep 0.3; exit 7"};
    spec.env_overrides = ProcessTag{"run", "a"}.Environment();
    CollectingSink sink;
    CancelToken cancel;
    absl::StatusOr<ProcessExit> exit = PosixProcessRunner().Run(spec, sink, cancel);
    ASSERT_TRUE(exit.ok()) << exit.status();
    EXPECT_EQ(exit->exit_code, 7) << "its exit status was not stolen";
  });
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (std::chrono::steady_clock::now() < until) {
    EXPECT_THAT(SweepLeftovers([](const std::optional<ProcessTag>&) { return true; }), IsEmpty());
  }
  runner.join();
}

}  // namespace
}  // namespace gantry::exec
