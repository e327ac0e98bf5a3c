#include "core/run/throttle_policy.h"

namespace gantry::run {

const std::vector<std::string>& ThrottlePolicy::BuiltIn() {
  static const std::vector<std::string> patterns = {
      R"(\b429\b)", "Throttling", "Rate exceeded", "RequestLimitExceeded", "TooManyRequests",
      "Too Many Requests", "SlowDown"};
  return patterns;
}

std::vector<std::string> ThrottlePatternsFor(const config::ComponentConfig& component,
                                             const config::Deployment& deployment) {
  bool adaptive = false;
  std::vector<std::string> patterns = component.throttle_on;
  for (const std::string& group : {component.type, component.group}) {
    auto it = group.empty() ? deployment.limits.end() : deployment.limits.find(group);
    if (it == deployment.limits.end() || !it->second.adaptive) continue;
    adaptive = true;
    patterns.insert(patterns.end(), it->second.throttle_on.begin(), it->second.throttle_on.end());
  }
  if (!adaptive || !patterns.empty()) return patterns;
  return ThrottlePolicy::BuiltIn();
}

}  // namespace gantry::run
