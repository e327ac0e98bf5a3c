#include "terraform/cache_lock.h"

#include <atomic>
#include <thread>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::terraform {
namespace {

TEST(CacheLockTest, ASecondHolderWaitsUntilTheFirstLetsGo) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "lock";
  std::atomic<bool> waited{false}, second_held{false};
  std::optional<CacheLock> first;
  first.emplace(path, [] { return false; }, [] {});
  ASSERT_TRUE(first->held());
  std::thread second([&] {
    CacheLock lock(path, [] { return false; }, [&] { waited = true; },
                   std::chrono::milliseconds(5));
    second_held = lock.held();
  });
  while (!waited) std::this_thread::yield();
  EXPECT_FALSE(second_held) << "taken while the first still held it";
  first.reset();
  second.join();
  EXPECT_TRUE(second_held);
}

TEST(CacheLockTest, CancellingStopsTheWait) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "lock";
  CacheLock first(path, [] { return false; }, [] {});
  std::atomic<int> asked{0};
  CacheLock second(path, [&] { return ++asked > 3; }, [] {}, std::chrono::milliseconds(1));
  EXPECT_FALSE(second.held());
  EXPECT_TRUE(second.error().empty());
}

TEST(CacheLockTest, AnUnusableLockFileIsAnError) {
  CacheLock lock("/nonexistent-dir/lock", [] { return false; }, [] {});
  EXPECT_FALSE(lock.held());
  EXPECT_NE(lock.error().find("/nonexistent-dir/lock"), std::string::npos);
}

}  // namespace
}  // namespace gantry::terraform
