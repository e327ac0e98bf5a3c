// Ctrl-C handling for a run: the first SIGINT/SIGTERM/SIGHUP cancels gracefully, the
// second kills.
#ifndef GANTRY_CORE_RUN_SIGNAL_WATCHER_H_
#define GANTRY_CORE_RUN_SIGNAL_WATCHER_H_

#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

#include "core/exec/cancel_token.h"

namespace gantry::run {

/// While alive: SIGINT, SIGTERM and SIGHUP (a closed terminal) raise `token` (graceful
/// on the first signal, kill on
/// the second — from the handler itself, so a wedged process still obeys), and a thread
/// calls `on_cancel` once the token is first raised, by a signal or by anything else.
/// Only one may exist at a time; restores the previous handlers when destroyed.
class SignalWatcher {
 public:
  SignalWatcher(exec::CancelToken& token, std::function<void()> on_cancel);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  /// The number of SIGINT/SIGTERM/SIGHUP received so far.
  static int signals_received();

 private:
  void Watch();

  exec::CancelToken& token_;
  std::function<void()> on_cancel_;
  std::atomic<bool> stop_{false};
  int stop_fd_ = -1;  // eventfd: written by the destructor to wake Watch()
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
  struct sigaction previous_hup_ {};
  std::thread thread_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_SIGNAL_WATCHER_H_
