#include "core/state/component_lock.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/exec/cancel_token.h"
#include "core/record/event_json.h"
#include "core/record/run_event.h"
#include "core/state/layout.h"
#include "core/state/lock_file.h"
#include "core/state/run_liveness.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kRunA[] = "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b";
constexpr char kRunB[] = "9d1c5e2f-3a4b-4c6d-8e7f-0a1b2c3d4e5f";
constexpr char kRunC[] = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
constexpr char kRunD[] = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";

// A live run of `target`, as a contender finds it: its .live lock held by this process
// and a journal announcing `running` (started) and `pending` (not started yet).
class AnnouncedRun {
 public:
  AnnouncedRun(const Layout& layout, const char* run, const char* target,
               const std::vector<std::string>& running,
               const std::vector<std::string>& pending = {}) {
    absl::StatusOr<RunLiveness> live = RunLiveness::Acquire(layout, run);
    EXPECT_TRUE(live.ok()) << live.status();
    if (live.ok()) live_ = *std::move(live);
    record::RunEvent started;
    started.kind = record::RunEvent::Kind::kRunStarted;
    started.time = absl::Now();
    started.run.run_id = run;
    started.run.operation = "apply";
    started.run.target = target;
    started.run.deployment_file = "gantry.toml";
    for (const auto* names : {&running, &pending}) {
      for (const std::string& name : *names) {
        record::ComponentRecord& planned = started.run.components.emplace_back();
        planned.name = name;
        planned.type = "custom";
      }
    }
    std::ofstream journal(layout.JournalPath(run));
    journal << record::EventToJson(started) << "\n";
    for (const std::string& name : running) {
      record::RunEvent event;
      event.kind = record::RunEvent::Kind::kComponentStarted;
      event.time = absl::Now();
      event.run.run_id = run;
      event.component.name = name;
      event.component.slot = 0;
      event.attempt.number = 1;
      journal << record::EventToJson(event) << "\n";
    }
  }
  void End() { live_.Release(); }

 private:
  RunLiveness live_;
};

class ComponentLockTest : public ::testing::Test {
 protected:
  ComponentLockTest()
      : layout_(Layout::ForDeployment(tmp_.path())), path_(layout_.TargetLockPath("dev")) {}

  absl::StatusOr<ComponentLock> Lock(const char* run, absl::Duration timeout,
                                     const exec::CancelToken* cancel = nullptr) {
    return ComponentLock::Acquire(layout_, "dev", "network/vpc", run, timeout, cancel);
  }

  testing::TempDir tmp_;
  const Layout layout_;
  const fs::path path_;
};

// A child process that announces run B, takes the lock, reports through a pipe, then
// waits to be killed.
class LockingChild {
 public:
  explicit LockingChild(const Layout& layout) {
    int ready[2];
    EXPECT_EQ(pipe(ready), 0);
    pid_ = fork();
    if (pid_ == 0) {
      close(ready[0]);
      AnnouncedRun run(layout, kRunB, "dev", {"network/vpc"});
      absl::StatusOr<ComponentLock> lock =
          ComponentLock::Acquire(layout, "dev", "network/vpc", kRunB, absl::ZeroDuration());
      const char status = lock.ok() ? 'y' : 'n';
      (void)!write(ready[1], &status, 1);
      while (true) pause();
    }
    close(ready[1]);
    char status = 0;
    EXPECT_EQ(read(ready[0], &status, 1), 1);
    close(ready[0]);
    locked_ = status == 'y';
  }
  ~LockingChild() { Kill(); }

  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int wstatus;
    waitpid(pid_, &wstatus, 0);
    pid_ = -1;
  }
  pid_t pid() const { return pid_; }
  bool locked() const { return locked_; }

 private:
  pid_t pid_ = -1;
  bool locked_ = false;
};

TEST_F(ComponentLockTest, SecondAcquirerFailsAtOnceNamingTheHolder) {
  AnnouncedRun run_a(layout_, kRunA, "dev", {"network/vpc"});
  absl::StatusOr<ComponentLock> first = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->held());
  EXPECT_TRUE(fs::is_regular_file(path_));

  absl::StatusOr<ComponentLock> second = Lock(kRunB, absl::ZeroDuration());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  const std::string message(second.status().message());
  EXPECT_THAT(message, HasSubstr("component 'network/vpc' (target 'dev')"));
  EXPECT_THAT(message, HasSubstr(absl::StrCat("run ", kRunA)));
  EXPECT_THAT(message, HasSubstr(absl::StrCat("pid ", getpid())));
  EXPECT_THAT(message, HasSubstr("--lock-timeout"));
  EXPECT_THAT(message, HasSubstr(path_.string()));
}

TEST_F(ComponentLockTest, AHolderWithoutARecordIsAnotherRun) {
  absl::StatusOr<ComponentLock> first = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<ComponentLock> second = Lock(kRunB, absl::ZeroDuration());
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(), HasSubstr("is locked by another gantry run"));
}

TEST_F(ComponentLockTest, OneFileForAllTheTargetsComponents) {
  std::vector<ComponentLock> locks;
  for (int i = 0; i < 100; ++i) {
    absl::StatusOr<ComponentLock> lock = ComponentLock::Acquire(
        layout_, "dev", absl::StrCat("c", i), kRunA, absl::ZeroDuration());
    ASSERT_TRUE(lock.ok()) << lock.status();
    locks.push_back(*std::move(lock));
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(layout_.root())) {
    files.push_back(entry.path());
  }
  EXPECT_THAT(files, ElementsAre(layout_.LocksDir(), path_));
  EXPECT_EQ(fs::file_size(path_), 0u);  // locks take bytes, they do not write them
}

TEST_F(ComponentLockTest, TheByteOfANameNeverChanges) {
  // Hosts of different versions share a .gantry: they must lock the same byte.
  EXPECT_EQ(ComponentLockByte("network/vpc"), 790257792325641248);
  EXPECT_NE(ComponentLockByte("network/vpc"), ComponentLockByte("network/vpd"));
  EXPECT_GE(ComponentLockByte(""), 0);
}

TEST_F(ComponentLockTest, TheHolderIsTheLiveRunThatStartedTheComponent) {
  AnnouncedRun other_target(layout_, kRunC, "prod", {"network/vpc"});
  AnnouncedRun pending(layout_, kRunD, "dev", {}, {"network/vpc"});
  EXPECT_EQ(FindComponentHolder(layout_, "dev", "network/vpc", kRunA)->run_id, kRunD)
      << "a live run that has yet to start it, when no other fits";
  AnnouncedRun running(layout_, kRunB, "dev", {"network/vpc"});
  EXPECT_EQ(FindComponentHolder(layout_, "dev", "network/vpc", kRunA)->run_id, kRunB);
  EXPECT_EQ(FindComponentHolder(layout_, "dev", "network/vpc", kRunB)->run_id, kRunD)
      << "never the asking run itself";
  EXPECT_FALSE(FindComponentHolder(layout_, "dev", "network/subnet", kRunA).has_value());
  running.End();
  pending.End();
  EXPECT_FALSE(FindComponentHolder(layout_, "dev", "network/vpc", kRunA).has_value())
      << "ended runs hold nothing";
}

TEST_F(ComponentLockTest, ACrashedRunIsNotNamed) {
  {
    // A run killed mid-component: its .live still has its holder line, unlocked.
    AnnouncedRun crashed(layout_, kRunB, "dev", {"network/vpc"});
    const std::string line =
        absl::StrCat(R"({"run_id":")", kRunB, R"(","pid":1,"host":"h"})", "\n");
    crashed.End();
    std::ofstream(layout_.LivePath(kRunB)) << line;
  }
  ASSERT_TRUE(ReadLockHolder(layout_.LivePath(kRunB)).has_value());
  EXPECT_FALSE(FindComponentHolder(layout_, "dev", "network/vpc", kRunA).has_value());
}

TEST_F(ComponentLockTest, ReleasedOnDestructionAndMove) {
  {
    absl::StatusOr<ComponentLock> lock = Lock(kRunA, absl::ZeroDuration());
    ASSERT_TRUE(lock.ok());
    ComponentLock moved = *std::move(lock);
    EXPECT_TRUE(moved.held());
    EXPECT_FALSE(Lock(kRunB, absl::ZeroDuration()).ok());
  }
  EXPECT_TRUE(Lock(kRunB, absl::ZeroDuration()).ok());
}

TEST_F(ComponentLockTest, OtherComponentsAndTargetsAreIndependent) {
  absl::StatusOr<ComponentLock> a = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(
      ComponentLock::Acquire(layout_, "prod", "network/vpc", kRunB, absl::ZeroDuration()).ok());
  EXPECT_TRUE(
      ComponentLock::Acquire(layout_, "dev", "network/subnet", kRunB, absl::ZeroDuration()).ok());
}

TEST_F(ComponentLockTest, WaiterGetsTheLockWhenReleasedWithinTheTimeout) {
  absl::StatusOr<ComponentLock> holder = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(holder.ok());
  ASSERT_FALSE(Lock(kRunB, absl::ZeroDuration()).ok());

  absl::StatusOr<ComponentLock> waiter = absl::UnknownError("not run");
  std::thread thread([&] { waiter = Lock(kRunB, absl::Minutes(5)); });
  // Give the waiter a chance to find the lock held (not asserted: it succeeds either way).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  holder->Release();
  thread.join();
  ASSERT_TRUE(waiter.ok()) << waiter.status();
  EXPECT_FALSE(Lock(kRunA, absl::ZeroDuration()).ok()) << "the waiter holds it now";
}

TEST_F(ComponentLockTest, WaiterGivesUpAfterTheTimeout) {
  AnnouncedRun run_a(layout_, kRunA, "dev", {"network/vpc"});
  absl::StatusOr<ComponentLock> holder = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(holder.ok());
  absl::StatusOr<ComponentLock> waiter = Lock(kRunB, absl::Milliseconds(150));
  ASSERT_FALSE(waiter.ok());
  EXPECT_EQ(waiter.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(waiter.status().message(), HasSubstr("still locked after waiting 150ms"));
  EXPECT_THAT(waiter.status().message(), HasSubstr(kRunA));
}

TEST_F(ComponentLockTest, CancelEndsTheWait) {
  absl::StatusOr<ComponentLock> holder = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(holder.ok());
  exec::CancelToken cancel;
  absl::StatusOr<ComponentLock> waiter = absl::UnknownError("not run");
  std::thread thread([&] { waiter = Lock(kRunB, absl::InfiniteDuration(), &cancel); });
  cancel.RequestCancel();
  thread.join();
  ASSERT_FALSE(waiter.ok());
  EXPECT_EQ(waiter.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(waiter.status().message(), HasSubstr("network/vpc"));
  EXPECT_TRUE(holder->held());
}

TEST_F(ComponentLockTest, HolderInAnotherProcessIsNamedAndKillingItFreesTheLock) {
  LockingChild child(layout_);
  ASSERT_TRUE(child.locked());

  absl::StatusOr<ComponentLock> blocked = Lock(kRunA, absl::ZeroDuration());
  ASSERT_FALSE(blocked.ok());
  EXPECT_THAT(blocked.status().message(), HasSubstr(absl::StrCat("run ", kRunB)));
  EXPECT_THAT(blocked.status().message(), HasSubstr(absl::StrCat("pid ", child.pid())));

  child.Kill();  // SIGKILL: no destructor, no Release; the kernel drops the flock
  absl::StatusOr<ComponentLock> after = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(after.ok()) << after.status();
}

TEST_F(ComponentLockTest, SpawnedChildrenDoNotInheritTheLock) {
  absl::StatusOr<ComponentLock> lock = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(lock.ok());
  pid_t child;
  char arg0[] = "sleep";
  char arg1[] = "1000";
  char* argv[] = {arg0, arg1, nullptr};
  // posix_spawnp returns once the child has exec'd, so its descriptors are final.
  ASSERT_EQ(posix_spawnp(&child, "sleep", nullptr, nullptr, argv, environ), 0);
  bool inherited = false;
  for (const auto& entry : fs::directory_iterator(absl::StrCat("/proc/", child, "/fd"))) {
    std::error_code ec;
    if (fs::read_symlink(entry.path(), ec) == path_) inherited = true;
  }
  kill(child, SIGKILL);
  int wstatus;
  waitpid(child, &wstatus, 0);
  EXPECT_FALSE(inherited);
}

TEST_F(ComponentLockTest, UnopenableLockFileIsAnErrorNamingIt) {
  fs::create_directories(path_);  // a directory where the lock file should be
  absl::StatusOr<ComponentLock> lock = Lock(kRunA, absl::ZeroDuration());
  ASSERT_FALSE(lock.ok());
  EXPECT_NE(lock.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(lock.status().message(), HasSubstr(path_.string()));
}

}  // namespace
}  // namespace gantry::state
