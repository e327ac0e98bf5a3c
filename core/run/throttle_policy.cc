#include "core/run/throttle_policy.h"

#include <algorithm>

namespace gantry::run {

ThrottlePolicy::ThrottlePolicy(const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns)
    patterns_.emplace_back(pattern, std::regex::ECMAScript | std::regex::multiline);
}

bool ThrottlePolicy::Throttled(std::string_view text) const {
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const std::regex& pattern) {
    return std::regex_search(text.begin(), text.end(), pattern);
  });
}

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
