#include "core/state/component_lock.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "core/exec/cancel_token.h"
#include "core/state/layout.h"
#include "core/state/lock_file.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kRunA[] = "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b";
constexpr char kRunB[] = "9d1c5e2f-3a4b-4c6d-8e7f-0a1b2c3d4e5f";

class ComponentLockTest : public ::testing::Test {
 protected:
  ComponentLockTest()
      : layout_(Layout::ForDeployment(tmp_.path())),
        path_(layout_.LockPath("dev", "network/vpc")) {}

  absl::StatusOr<ComponentLock> Lock(const char* run, absl::Duration timeout,
                                     const exec::CancelToken* cancel = nullptr) {
    return ComponentLock::Acquire(path_, "network/vpc", "dev", run, timeout, cancel);
  }

  testing::TempDir tmp_;
  const Layout layout_;
  const fs::path path_;
};

// A child process that takes the lock, reports through a pipe, then waits to be killed.
class LockingChild {
 public:
  explicit LockingChild(const fs::path& path) {
    int ready[2];
    EXPECT_EQ(pipe(ready), 0);
    pid_ = fork();
    if (pid_ == 0) {
      close(ready[0]);
      absl::StatusOr<ComponentLock> lock =
          ComponentLock::Acquire(path, "network/vpc", "dev", kRunB, absl::ZeroDuration());
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
  absl::StatusOr<ComponentLock> first = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->held());
  EXPECT_TRUE(fs::exists(path_));

  absl::StatusOr<ComponentLock> second = Lock(kRunB, absl::ZeroDuration());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  const std::string message(second.status().message());
  EXPECT_THAT(message, HasSubstr("component 'network/vpc' (target 'dev')"));
  EXPECT_THAT(message, HasSubstr(absl::StrCat("run ", kRunA)));
  EXPECT_THAT(message, HasSubstr(absl::StrCat("pid ", getpid())));
  EXPECT_THAT(message, HasSubstr("--lock-timeout"));
}

TEST_F(ComponentLockTest, HolderIsRecordedWhileHeldAndErasedOnRelease) {
  absl::StatusOr<ComponentLock> lock = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(lock.ok()) << lock.status();
  std::optional<LockHolder> holder = ReadLockHolder(path_);
  ASSERT_TRUE(holder.has_value());
  EXPECT_EQ(holder->run_id, kRunA);
  EXPECT_EQ(holder->pid, getpid());
  EXPECT_FALSE(holder->host.empty());
  EXPECT_NE(holder->since, absl::InfinitePast());

  lock->Release();
  EXPECT_FALSE(lock->held());
  EXPECT_FALSE(ReadLockHolder(path_).has_value());
  EXPECT_TRUE(fs::exists(path_));  // lock files are never deleted
  EXPECT_TRUE(Lock(kRunB, absl::ZeroDuration()).ok());
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
  EXPECT_TRUE(ComponentLock::Acquire(layout_.LockPath("prod", "network/vpc"), "network/vpc", "prod",
                                     kRunB, absl::ZeroDuration())
                  .ok());
  EXPECT_TRUE(ComponentLock::Acquire(layout_.LockPath("dev", "network/subnet"), "network/subnet",
                                     "dev", kRunB, absl::ZeroDuration())
                  .ok());
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
  EXPECT_EQ(ReadLockHolder(path_)->run_id, kRunB);
}

TEST_F(ComponentLockTest, WaiterGivesUpAfterTheTimeout) {
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
  LockingChild child(path_);
  ASSERT_TRUE(child.locked());

  absl::StatusOr<ComponentLock> blocked = Lock(kRunA, absl::ZeroDuration());
  ASSERT_FALSE(blocked.ok());
  EXPECT_THAT(blocked.status().message(), HasSubstr(absl::StrCat("run ", kRunB)));
  EXPECT_THAT(blocked.status().message(), HasSubstr(absl::StrCat("pid ", child.pid())));

  child.Kill();  // SIGKILL: no destructor, no Release; the kernel drops the flock
  absl::StatusOr<ComponentLock> after = Lock(kRunA, absl::ZeroDuration());
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(ReadLockHolder(path_)->run_id, kRunA);  // the dead holder's record is replaced
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
