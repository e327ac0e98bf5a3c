// Cancellation shared by a run and every child process it starts.
#ifndef GANTRY_CORE_EXEC_CANCEL_TOKEN_H_
#define GANTRY_CORE_EXEC_CANCEL_TOKEN_H_

#include <atomic>

namespace gantry::exec {

/// A one-way escalation none -> graceful -> kill that wakes every blocked runner at once.
///
/// Runners wait on WakeFd(level()) in their poll set: that descriptor becomes readable
/// (and stays readable) when the level rises above the one they saw, so no runner polls
/// in a loop and none can miss a request. Runners must never read from it.
///
/// Thread-safe. Every Request*() is noexcept, lock-free and async-signal-safe (an atomic
/// update plus write(2)), so a SIGINT handler may call them. The token must outlive every
/// Run that uses it.
class CancelToken {
 public:
  enum class Level : int {
    kNone = 0,
    /// Children get SIGINT to their process group, then SIGKILL after their kill_grace.
    kGraceful = 1,
    /// Children get SIGKILL to their process group now.
    kKill = 2,
  };

  CancelToken() noexcept;
  ~CancelToken();
  CancelToken(const CancelToken&) = delete;
  CancelToken& operator=(const CancelToken&) = delete;

  /// Raises the level to kGraceful (no effect once there or beyond).
  void RequestCancel() noexcept;
  /// Raises the level to kKill.
  void RequestKill() noexcept;
  /// RequestCancel() for a signal handler: an atomic store and write(2); errno is kept.
  void RequestCancelFromSignal() noexcept;

  /// True once any cancellation was requested.
  bool cancelled() const noexcept { return level() != Level::kNone; }
  Level level() const noexcept { return static_cast<Level>(level_.load()); }

  /// The descriptor that becomes readable when the level rises above `seen`: -1 when
  /// `seen` is kKill (nothing left to wait for), or when the token could not create its
  /// descriptors (out of fds), in which case waiters must re-check level() periodically.
  int WakeFd(Level seen) const noexcept;

 private:
  void Raise(Level to) noexcept;

  std::atomic<int> level_{0};
  // eventfds: cancel_fd_ is written on any request, kill_fd_ on kKill only; neither is
  // ever read, so each stays readable for every waiter once written.
  int cancel_fd_ = -1;
  int kill_fd_ = -1;
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_CANCEL_TOKEN_H_
