#include "core/run/retry_policy.h"

#include <algorithm>

namespace gantry::run {

RetryPolicy::RetryPolicy(int retries, const std::vector<std::string>& patterns)
    : retries_(retries) {
  for (const std::string& pattern : patterns)
    retry_on_.emplace_back(pattern, std::regex::ECMAScript | std::regex::multiline);
}

bool RetryPolicy::ShouldRetry(int attempt, bool plugin_retryable,
                              const std::string& output_tail) const {
  if (attempt > retries_) return false;
  if (plugin_retryable) return true;
  return std::any_of(retry_on_.begin(), retry_on_.end(), [&](const std::regex& pattern) {
    return std::regex_search(output_tail, pattern);
  });
}

absl::Duration BackoffDelay(int attempt, double unit, absl::Duration base, absl::Duration cap) {
  absl::Duration delay = base;
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  unit = std::clamp(unit, 0.0, 1.0);
  return delay / 2 + (delay / 2) * unit;
}

}  // namespace gantry::run
