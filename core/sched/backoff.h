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

  /// Spread of a jittered wait: Jittered scales After by a factor in
  /// [1 - jitter/2, 1 + jitter/2], so waits begun together do not end together.
  double jitter = 0;

  /// The wait after the `count`-th time (1-based).
  absl::Duration After(int count) const {
    absl::Duration wait = first;
    for (int i = 1; i < count && wait < most; ++i) wait *= 2;
    return std::min(wait, most);
  }
  /// After(count), scaled by `unit` (uniform in [0, 1)) within the jitter.
  absl::Duration Jittered(int count, double unit) const {
    return After(count) * (1 + jitter * (unit - 0.5));
  }
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_BACKOFF_H_
