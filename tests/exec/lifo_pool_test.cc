#include "core/exec/lifo_pool.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace gantry::exec {
namespace {

struct Counted {
  static inline std::atomic<int> made{0};
  Counted() { ++made; }
  int user = -1;  // Who holds it, while leased.
};

TEST(LifoPoolTest, TheObjectGivenBackLastIsTakenFirst) {
  LifoPool<int> pool;
  int* first;
  int* second;
  {
    auto a = pool.Take();
    auto b = pool.Take();
    first = &*a;
    second = &*b;
    EXPECT_NE(first, second);
  }  // b given back, then a: a is the last.
  auto again = pool.Take();
  EXPECT_EQ(&*again, first);
  auto next = pool.Take();
  EXPECT_EQ(&*next, second);
}

TEST(LifoPoolTest, AMovedLeaseGivesBackOnce) {
  LifoPool<int> pool;
  int* object;
  {
    auto a = pool.Take();
    object = &*a;
    auto moved = std::move(a);
    EXPECT_EQ(&*moved, object);
  }
  auto one = pool.Take();
  auto two = pool.Take();
  EXPECT_EQ(&*one, object);
  EXPECT_NE(&*two, object);  // Given back once only: a second Take makes a new one.
}

// Eight threads lease at once, many times: no object is ever held by two threads, and
// the pool makes no more objects than were leased at once.
TEST(LifoPoolTest, NoObjectIsLeasedTwiceAtOnce) {
  LifoPool<Counted> pool;
  Counted::made = 0;
  constexpr int kThreads = 8;
  std::atomic<bool> clash{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        auto lease = pool.Take();
        if (lease->user != -1) clash = true;
        lease->user = t;
        std::this_thread::yield();
        if (lease->user != t) clash = true;
        lease->user = -1;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_FALSE(clash);
  EXPECT_GE(Counted::made.load(), 1);
  EXPECT_LE(Counted::made.load(), kThreads);
}

}  // namespace
}  // namespace gantry::exec
