// When a failed attempt was throttled (the API said "too many requests"), not failed: the
// component then goes back to the queue after a back-off, and its adaptive groups' limits
// are cut (core/sched/adaptive_limit.h).
#ifndef GANTRY_CORE_RUN_THROTTLE_POLICY_H_
#define GANTRY_CORE_RUN_THROTTLE_POLICY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/config/deployment.h"
#include "core/run/pattern_list.h"

namespace gantry::run {

/// How many times in a row one component may be throttled before it fails, with why.
inline constexpr int kMaxThrottles = 10;

/// Immutable, thread-safe to share.
class ThrottlePolicy {
 public:
  /// Recognises nothing.
  ThrottlePolicy() = default;
  /// `patterns` must be valid ECMAScript regexes (config loading checks them).
  explicit ThrottlePolicy(const std::vector<std::string>& patterns) : patterns_(patterns) {}

  /// Whether a failed attempt whose words (its errors and last lines of output) are
  /// `text` was throttled.
  bool Throttled(std::string_view text) const { return patterns_.Matches(text); }

  /// What is recognised when nothing is configured: HTTP 429, AWS's Throttling,
  /// "Rate exceeded", RequestLimitExceeded, TooManyRequests and S3's SlowDown.
  static const std::vector<std::string>& BuiltIn();

 private:
  PatternList patterns_;
};

/// The patterns of `component`'s policy: throttling is recognised for a component in an
/// adaptive group (its type or its `group`) or with a throttle_on of its own, from its
/// and its groups' throttle_on, or the built-in patterns when none of them gives any.
/// Empty for the others: their failures stay failures.
std::vector<std::string> ThrottlePatternsFor(const config::ComponentConfig& component,
                                             const config::Deployment& deployment);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_THROTTLE_POLICY_H_
