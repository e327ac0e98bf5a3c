// Waits that double: a throttled node's before it is ready again (Executor), and the
// base of a failed attempt's before it is retried (run::BackoffDelay adds jitter).
#ifndef GANTRY_CORE_SCHED_BACKOFF_H_
#define GANTRY_CORE_SCHED_BACKOFF_H_

#include <algorithm>

#include "absl/time/time.h"

namespace gantry::sched {

/// `first` after the first time, doubled for each time after, up to `most`.
struct Backoff {
  absl::Duration first = absl::Seconds(1);
  absl::Duration most = absl::Seconds(60);

  /// The wait after the `count`-th time (1-based).
  absl::Duration After(int count) const {
    absl::Duration wait = first;
    for (int i = 1; i < count && wait < most; ++i) wait *= 2;
    return std::min(wait, most);
  }
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_BACKOFF_H_
