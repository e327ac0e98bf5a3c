// A group limit that adapts to throttling the way TCP adapts its window (AIMD): cut in
// half when the group's API says "too many requests", raised by one per round of
// successes. No clock, no threads: the Plan feeds it outcomes.
#ifndef GANTRY_CORE_SCHED_ADAPTIVE_LIMIT_H_
#define GANTRY_CORE_SCHED_ADAPTIVE_LIMIT_H_

#include <cstdint>
#include <optional>

namespace gantry::sched {

struct AdaptiveLimitOptions {
  int32_t min = 1;    ///< never cut below; >= 1
  int32_t max = 1;    ///< never raised above; >= min
  int32_t start = 0;  ///< the first limit, in [min, max]; 0: max
};

class AdaptiveLimit {
 public:
  explicit AdaptiveLimit(AdaptiveLimitOptions options);

  /// How many of the group's components may run at once now.
  int32_t current() const { return current_; }
  /// Counts the cuts so far. A component remembers the epoch it started in: only one
  /// started under the current limit can cut it again (those started before the cut
  /// were admitted under the old, higher limit; their throttling is the same news).
  int32_t epoch() const { return epoch_; }

  /// A component of the group that started in `started_epoch` was throttled. Returns the
  /// new limit when it changed: halved (rounded down), not below min.
  std::optional<int32_t> Throttled(int32_t started_epoch);
  /// A component of the group that started in `started_epoch` succeeded. Returns the
  /// new limit when it changed: after as many successes since the last change as the
  /// limit allows at once (one round, as TCP's additive increase), one more, not above
  /// max. Only components started under the current limit count: one admitted before a
  /// cut says nothing of the new limit (as TCP does not grow its window while what was
  /// in flight at a loss is being acknowledged).
  std::optional<int32_t> Succeeded(int32_t started_epoch);

 private:
  AdaptiveLimitOptions options_;
  int32_t current_;
  int32_t epoch_ = 0;
  int32_t successes_ = 0;  // since the last change
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_ADAPTIVE_LIMIT_H_
