// Regular expressions a component's failure is matched against (retry_on, throttle_on).
#ifndef GANTRY_CORE_RUN_PATTERN_LIST_H_
#define GANTRY_CORE_RUN_PATTERN_LIST_H_

#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::run {

/// Compiled once (slow, and not to be done on several threads at once with libstdc++);
/// immutable, thread-safe to share.
class PatternList {
 public:
  PatternList() = default;
  /// `patterns` must be valid ECMAScript regexes (config loading checks them); `^` and
  /// `$` match at every line.
  explicit PatternList(const std::vector<std::string>& patterns);

  /// Whether any pattern matches somewhere in `text`.
  bool Matches(std::string_view text) const;

 private:
  std::vector<std::regex> patterns_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_PATTERN_LIST_H_
