#include "core/exec/cancel_token.h"

#include <poll.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "gtest/gtest.h"

namespace gantry::exec {
namespace {

using Level = CancelToken::Level;

bool Readable(int fd, int timeout_ms = 0) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms) == 1 && (p.revents & POLLIN) != 0;
}

TEST(CancelTokenTest, StartsUncancelledWithQuietFds) {
  CancelToken token;
  EXPECT_FALSE(token.cancelled());
  EXPECT_EQ(token.level(), Level::kNone);
  ASSERT_GE(token.WakeFd(Level::kNone), 0);
  ASSERT_GE(token.WakeFd(Level::kGraceful), 0);
  EXPECT_EQ(token.WakeFd(Level::kKill), -1);
  EXPECT_FALSE(Readable(token.WakeFd(Level::kNone)));
  EXPECT_FALSE(Readable(token.WakeFd(Level::kGraceful)));
}

TEST(CancelTokenTest, GracefulWakesNoneWaitersOnlyAndStaysReadable) {
  CancelToken token;
  token.RequestCancel();
  EXPECT_TRUE(token.cancelled());
  EXPECT_EQ(token.level(), Level::kGraceful);
  // Level-triggered for every waiter: polling twice sees it twice.
  EXPECT_TRUE(Readable(token.WakeFd(Level::kNone)));
  EXPECT_TRUE(Readable(token.WakeFd(Level::kNone)));
  EXPECT_FALSE(Readable(token.WakeFd(Level::kGraceful)));
}

TEST(CancelTokenTest, KillWakesEveryone) {
  CancelToken token;
  token.RequestKill();
  EXPECT_EQ(token.level(), Level::kKill);
  EXPECT_TRUE(Readable(token.WakeFd(Level::kNone)));
  EXPECT_TRUE(Readable(token.WakeFd(Level::kGraceful)));
}

TEST(CancelTokenTest, LevelNeverGoesDown) {
  CancelToken token;
  token.RequestKill();
  token.RequestCancel();
  token.RequestCancelFromSignal();
  EXPECT_EQ(token.level(), Level::kKill);
}

TEST(CancelTokenTest, WakesAThreadBlockedInPoll) {
  CancelToken token;
  std::thread waiter([&] { EXPECT_TRUE(Readable(token.WakeFd(Level::kNone), 30000)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto start = std::chrono::steady_clock::now();
  token.RequestCancel();
  waiter.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

CancelToken* g_token = nullptr;

void OnUsr1(int) {
  errno = 1234;
  g_token->RequestCancelFromSignal();
  if (errno != 1234) abort();  // The handler must not clobber errno.
}

TEST(CancelTokenTest, CanBeTriggeredFromASignalHandler) {
  CancelToken token;
  g_token = &token;
  struct sigaction action = {}, previous = {};
  action.sa_handler = OnUsr1;
  sigemptyset(&action.sa_mask);
  ASSERT_EQ(sigaction(SIGUSR1, &action, &previous), 0);
  raise(SIGUSR1);
  sigaction(SIGUSR1, &previous, nullptr);
  g_token = nullptr;
  EXPECT_EQ(token.level(), Level::kGraceful);
  EXPECT_TRUE(Readable(token.WakeFd(Level::kNone)));
}

}  // namespace
}  // namespace gantry::exec
