// BatchWorker: every item handled once, in queue order, one batch at a time; Drain
// waits for what was queued before it; a gather window never delays a Drain.
#include "core/exec/batch_worker.h"

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace gantry::exec {
namespace {

TEST(BatchWorkerTest, HandlesEveryItemOnceInOrderAndDrainWaitsForThem) {
  std::vector<std::string> seen;  // touched only by the worker's thread until Drain
  {
    BatchWorker worker([&](std::vector<std::string> batch) {
      for (std::string& item : batch) seen.push_back(std::move(item));
    });
    for (int i = 0; i < 1000; ++i) worker.Push(absl::StrCat(i));
    worker.Drain();
    ASSERT_EQ(seen.size(), 1000u);
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(seen[i], absl::StrCat(i));
    worker.Push("last");
  }  // the destructor drains
  EXPECT_EQ(seen.back(), "last");
}

TEST(BatchWorkerTest, OneBatchAtATimeWhilePushedFromManyThreads) {
  std::atomic<int> inside{0}, overlaps{0}, handled{0};
  BatchWorker worker([&](std::vector<std::string> batch) {
    if (inside.fetch_add(1) != 0) overlaps.fetch_add(1);
    handled.fetch_add(static_cast<int>(batch.size()));
    inside.fetch_sub(1);
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) worker.Push("x");
      worker.Drain();
    });
  }
  for (std::thread& t : threads) t.join();
  worker.Drain();
  EXPECT_EQ(handled.load(), 8 * 500);
  EXPECT_EQ(overlaps.load(), 0);
}

TEST(BatchWorkerTest, TheGatherWindowGroupsItemsButNeverDelaysADrain) {
  // A window of an hour: were Drain or the destructor to wait it out, ctest would time
  // the test out.
  std::mutex mu;
  std::vector<size_t> sizes;
  {
    BatchWorker worker(
        [&](std::vector<std::string> batch) {
          std::lock_guard<std::mutex> lock(mu);
          sizes.push_back(batch.size());
        },
        std::chrono::hours(1));
    for (int i = 0; i < 5; ++i) worker.Push("x");
    worker.Drain();
    {
      std::lock_guard<std::mutex> lock(mu);
      EXPECT_EQ(sizes, std::vector<size_t>{5}) << "gathered into one batch";
    }
    worker.Push("y");
  }
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(sizes, (std::vector<size_t>{5, 1}));
}

}  // namespace
}  // namespace gantry::exec
