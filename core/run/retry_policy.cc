#include "core/run/retry_policy.h"

#include <algorithm>

#include "core/sched/backoff.h"

namespace gantry::run {

RetryPolicy::RetryPolicy(int retries, const std::vector<std::string>& patterns)
    : retries_(retries), retry_on_(patterns) {}

bool RetryPolicy::ShouldRetry(int attempt, bool plugin_retryable,
                              const std::string& output_tail) const {
  if (attempt > retries_) return false;
  if (plugin_retryable) return true;
  return retry_on_.Matches(output_tail);
}

absl::Duration BackoffDelay(int attempt, double unit, absl::Duration base, absl::Duration cap) {
  const absl::Duration delay = sched::Backoff{base, cap}.After(attempt);
  unit = std::clamp(unit, 0.0, 1.0);
  return delay / 2 + (delay / 2) * unit;
}

}  // namespace gantry::run
