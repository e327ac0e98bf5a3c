// PosixProcessRunner: stopping children (timeout, cancel, kill), leaving nothing behind
// (no orphans, no leaked descriptors). Bounds are generous: a loaded 2-core machine.
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "core/exec/posix_process_runner.h"
#include "gtest/gtest.h"
#include "tests/exec/collecting_sink.h"
#include "tests/testing/processes.h"

namespace gantry::exec {
namespace {

using ::gantry::testing::ProcessAlive;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

bool GoneWithin(pid_t pid, Clock::duration limit) {
  const auto deadline = Clock::now() + limit;
  while (ProcessAlive(pid)) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return true;
}

int OpenFdCount() {
  int count = 0;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') ++count;
  }
  closedir(dir);
  return count;
}

class ProcessStopTest : public ::testing::Test {
 protected:
  // Runs spec_ with `argv`, timing it into elapsed_.
  absl::StatusOr<ProcessExit> Run(std::vector<std::string> argv) {
    spec_.argv = std::move(argv);
    const auto start = Clock::now();
    auto exit = runner_.Run(spec_, sink_, token_);
    elapsed_ = Clock::now() - start;
    return exit;
  }

  // Cancels (or kills) from another thread once the child printed "ready" (or a pid,
  // which is remembered in pid_).
  void StopFromAnotherThreadWhenReady(bool kill) {
    sink_.on_stdout_line = [this](std::string_view line) {
      pid_t pid = 0;
      std::from_chars(line.data(), line.data() + line.size(), pid);
      if (pid > 0) pid_ = pid;
      if (!ready_.HasBeenNotified()) ready_.Notify();
    };
    stopper_ = std::thread([this, kill] {
      ready_.WaitForNotificationWithTimeout(absl::Seconds(30));
      kill ? token_.RequestKill() : token_.RequestCancel();
    });
  }

  void TearDown() override {
    if (stopper_.joinable()) stopper_.join();
  }

  PosixProcessRunner runner_;
  ProcessSpec spec_;
  CollectingSink sink_;
  CancelToken token_;
  Clock::duration elapsed_{};
  absl::Notification ready_;
  std::thread stopper_;
  std::atomic<pid_t> pid_{0};
};

TEST_F(ProcessStopTest, TimeoutStopsTheChildWithSigterm) {
  spec_.timeout = absl::Milliseconds(300);
  auto exit = Run({"sleep", "30"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->timed_out);
  EXPECT_FALSE(exit->cancelled);
  EXPECT_EQ(exit->term_signal, SIGTERM);
  EXPECT_EQ(exit->exit_code, -1);
  EXPECT_GE(elapsed_, milliseconds(250));
  EXPECT_LT(elapsed_, seconds(5));
}

// The shell must set its trap before the timeout passes: a second leaves room for a slow,
// loaded machine (a shell killed by SIGTERM before its trap would read as a failure).
TEST_F(ProcessStopTest, TimeoutEscalatesToSigkillAfterGrace) {
  spec_.timeout = absl::Seconds(1);
  spec_.kill_grace = absl::Milliseconds(200);
  auto exit = Run({"sh", "-c", "trap '' TERM; sleep 30"});  // sleep inherits the ignore.
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->timed_out);
  EXPECT_EQ(exit->term_signal, SIGKILL);
  EXPECT_LT(elapsed_, seconds(5));
}

// A child that says which stop signal it got ("got INT", "got TERM") and exits 0. Should
// the signal come before its traps are set, it dies of it: StopSignalSeen reads both.
constexpr char kSaysItsStopSignal[] =
    "trap 'echo got INT; exit 0' INT; trap 'echo got TERM; exit 0' TERM; echo ready; "
    "while :; do sleep 0.05; done";

std::string StopSignalSeen(const ProcessExit& exit, const std::string& out) {
  if (exit.term_signal == SIGINT || out.find("got INT\n") != std::string::npos) return "INT";
  if (exit.term_signal == SIGTERM || out.find("got TERM\n") != std::string::npos) return "TERM";
  return "none: " + out;
}

TEST_F(ProcessStopTest, TimeoutAsksToStopWithSigtermByDefault) {
  spec_.timeout = absl::Milliseconds(300);
  auto exit = Run({"sh", "-c", kSaysItsStopSignal});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->timed_out);
  EXPECT_EQ(StopSignalSeen(*exit, sink_.out), "TERM");
}

TEST_F(ProcessStopTest, TimeoutAsksToStopWithSigintWhenTheSpecSaysSo) {
  spec_.timeout = absl::Milliseconds(300);
  spec_.stop_with_sigint = true;
  auto exit = Run({"sh", "-c", kSaysItsStopSignal});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->timed_out);
  EXPECT_FALSE(exit->cancelled);
  EXPECT_EQ(StopSignalSeen(*exit, sink_.out), "INT");
  EXPECT_LT(elapsed_, seconds(5));
}

TEST_F(ProcessStopTest, TimeoutWithSigintStillEscalatesToSigkillAfterGrace) {
  spec_.timeout = absl::Seconds(1);  // time for the shell's trap, as above
  spec_.kill_grace = absl::Milliseconds(200);
  spec_.stop_with_sigint = true;
  auto exit = Run({"sh", "-c", "trap '' INT; sleep 30"});  // sleep inherits the ignore.
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->timed_out);
  EXPECT_EQ(exit->term_signal, SIGKILL);
  EXPECT_LT(elapsed_, seconds(5));
}

TEST_F(ProcessStopTest, GracefulCancelFromAnotherThreadSendsSigint) {
  StopFromAnotherThreadWhenReady(/*kill=*/false);
  auto exit = Run({"sh", "-c", "echo ready; exec sleep 30"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->cancelled);
  EXPECT_FALSE(exit->timed_out);
  EXPECT_EQ(exit->term_signal, SIGINT);
  EXPECT_LT(elapsed_, seconds(5));
}

TEST_F(ProcessStopTest, GracefulCancelEscalatesToSigkillAfterGrace) {
  spec_.kill_grace = absl::Milliseconds(200);
  StopFromAnotherThreadWhenReady(/*kill=*/false);
  auto exit = Run({"sh", "-c", "trap '' INT; echo ready; sleep 30"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->cancelled);
  EXPECT_EQ(exit->term_signal, SIGKILL);
  EXPECT_LT(elapsed_, seconds(5));
}

TEST_F(ProcessStopTest, KillStopsAtOnceWhateverTheGrace) {
  spec_.kill_grace = absl::Seconds(60);
  StopFromAnotherThreadWhenReady(/*kill=*/true);
  auto exit = Run({"sh", "-c", "trap '' INT TERM; echo ready; sleep 30"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->cancelled);
  EXPECT_EQ(exit->term_signal, SIGKILL);
  EXPECT_LT(elapsed_, seconds(5));
}

TEST_F(ProcessStopTest, KillDuringGraceWakesTheRunner) {
  spec_.kill_grace = absl::Seconds(60);
  StopFromAnotherThreadWhenReady(/*kill=*/false);
  std::thread escalate([this] {
    ready_.WaitForNotificationWithTimeout(absl::Seconds(30));
    while (!token_.cancelled()) std::this_thread::sleep_for(milliseconds(1));
    std::this_thread::sleep_for(milliseconds(100));
    token_.RequestKill();
  });
  auto exit = Run({"sh", "-c", "trap '' INT; echo ready; sleep 30"});
  escalate.join();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->cancelled);
  EXPECT_EQ(exit->term_signal, SIGKILL);
  EXPECT_LT(elapsed_, seconds(5));
}

TEST_F(ProcessStopTest, AlreadyCancelledStartsNothing) {
  token_.RequestCancel();
  auto exit = Run({"sh", "-c", "echo started"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->cancelled);
  EXPECT_EQ(sink_.out, "");
}

TEST_F(ProcessStopTest, ChildGetsDefaultSignalsWhateverTheHostIgnoresOrBlocks) {
  struct sigaction ignore = {}, previous = {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(sigaction(SIGINT, &ignore, &previous), 0);
  sigset_t blocked, old_mask;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  pthread_sigmask(SIG_BLOCK, &blocked, &old_mask);

  StopFromAnotherThreadWhenReady(/*kill=*/false);
  auto exit = Run({"sh", "-c", "echo ready; exec sleep 30"});

  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  sigaction(SIGINT, &previous, nullptr);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->term_signal, SIGINT);
}

TEST_F(ProcessStopTest, CancelLeavesNoGrandchild) {
  StopFromAnotherThreadWhenReady(/*kill=*/false);
  // The background sleep ignores SIGINT (non-interactive sh): only the group SIGKILL
  // after the leader dies can stop it.
  auto exit = Run({"sh", "-c", "sleep 100 & echo $!; wait"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->cancelled);
  EXPECT_LT(elapsed_, seconds(5));
  ASSERT_GT(pid_.load(), 0) << sink_.out;
  EXPECT_TRUE(GoneWithin(pid_, seconds(3))) << "grandchild " << pid_ << " survived";
}

TEST_F(ProcessStopTest, LeaderExitLeavesNoGrandchildHoldingThePipe) {
  auto exit = Run({"sh", "-c", "sleep 100 & echo $!; exit 0"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_FALSE(exit->cancelled);
  EXPECT_LT(elapsed_, seconds(3));
  pid_t pid = 0;
  std::from_chars(sink_.out.data(), sink_.out.data() + sink_.out.size(), pid);
  ASSERT_GT(pid, 0) << sink_.out;
  EXPECT_TRUE(GoneWithin(pid, seconds(3))) << "grandchild " << pid << " survived";
}

TEST_F(ProcessStopTest, LeaderExitLeavesNoDetachedGrandchild) {
  auto exit = Run({"sh", "-c", "sleep 100 >/dev/null 2>&1 & echo $!"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_LT(elapsed_, seconds(3));
  pid_t pid = 0;
  std::from_chars(sink_.out.data(), sink_.out.data() + sink_.out.size(), pid);
  ASSERT_GT(pid, 0) << sink_.out;
  EXPECT_TRUE(GoneWithin(pid, seconds(3))) << "grandchild " << pid << " survived";
}

TEST_F(ProcessStopTest, OutputOfAGrandchildAfterTheLeaderExitsIsDrained) {
  auto exit = Run({"sh", "-c", "(sleep 0.02; echo late) & exit 0"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(sink_.out, "late\n");
}

TEST_F(ProcessStopTest, NoDescriptorLeaks) {
  const int before = OpenFdCount();
  ASSERT_GT(before, 0);
  PosixProcessRunner runner;
  for (int i = 0; i < 3; ++i) {
    CollectingSink sink;
    ProcessSpec ok{.argv = {"sh", "-c", "echo out; echo err >&2"}};
    EXPECT_TRUE(runner.Run(ok, sink, token_).ok());
    ProcessSpec missing{.argv = {"gantry-no-such-program-x2"}};
    EXPECT_FALSE(runner.Run(missing, sink, token_).ok());
    ProcessSpec bad_cwd{.argv = {"true"}, .cwd = "/nonexistent/gantry-dir"};
    EXPECT_FALSE(runner.Run(bad_cwd, sink, token_).ok());
    ProcessSpec timeout{.argv = {"sleep", "30"}, .timeout = absl::Milliseconds(50)};
    EXPECT_TRUE(runner.Run(timeout, sink, token_).ok());
    ProcessSpec leftover{.argv = {"sh", "-c", "sleep 100 & exit 0"}};
    EXPECT_TRUE(runner.Run(leftover, sink, token_).ok());
  }
  EXPECT_EQ(OpenFdCount(), before);
}

}  // namespace
}  // namespace gantry::exec
