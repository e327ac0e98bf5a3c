// When a failed attempt is tried again, and after how long.
#ifndef GANTRY_CORE_RUN_RETRY_POLICY_H_
#define GANTRY_CORE_RUN_RETRY_POLICY_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/run/pattern_list.h"

namespace gantry::run {

/// A component's `retries` and `retry_on`, compiled. Immutable, thread-safe to share.
class RetryPolicy {
 public:
  /// `patterns` must be valid ECMAScript regexes (config loading checks them).
  RetryPolicy(int retries, const std::vector<std::string>& patterns);

  /// Whether attempt `attempt` (1-based) that failed may be followed by another: only
  /// while attempts remain, and only for a failure the plugin called retryable or whose
  /// output (`output_tail`, the attempt's last lines) matches a `retry_on` pattern.
  bool ShouldRetry(int attempt, bool plugin_retryable, const std::string& output_tail) const;

  int retries() const { return retries_; }

 private:
  int retries_;
  PatternList retry_on_;
};

/// Exponential backoff with jitter before attempt `attempt + 1`: a delay drawn uniformly
/// from [d/2, d] with d = min(cap, base * 2^(attempt-1)). `unit` is a random number in
/// [0, 1) (injected so tests are deterministic). Jitter keeps many components that failed
/// together (a throttled API) from retrying in lockstep.
absl::Duration BackoffDelay(int attempt, double unit, absl::Duration base = absl::Seconds(1),
                            absl::Duration cap = absl::Seconds(60));

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RETRY_POLICY_H_
