// Runs an Executor on its own thread with a deadline, so a scheduling bug fails the test
// instead of hanging it.
#ifndef GANTRY_TESTS_SCHED_RUN_WITHIN_H_
#define GANTRY_TESTS_SCHED_RUN_WITHIN_H_

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "core/sched/executor.h"

namespace gantry::sched {

/// True if executor.Run() returned within `limit`. If not, cancels the run and waits a
/// while longer for it (test runners have bounded waits); a run that still hangs aborts
/// the test binary.
inline bool RunWithin(Executor& executor, absl::Duration limit) {
  absl::Notification done;
  std::thread thread([&] {
    executor.Run();
    done.Notify();
  });
  const bool in_time = done.WaitForNotificationWithTimeout(limit);
  if (!in_time) {
    executor.Cancel();
    if (!done.WaitForNotificationWithTimeout(absl::Seconds(30))) {
      std::fprintf(stderr, "Executor::Run hung even after Cancel()\n");
      std::abort();
    }
  }
  thread.join();
  return in_time;
}

}  // namespace gantry::sched

#endif  // GANTRY_TESTS_SCHED_RUN_WITHIN_H_
