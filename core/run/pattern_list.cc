#include "core/run/pattern_list.h"

#include <algorithm>

namespace gantry::run {

PatternList::PatternList(const std::vector<std::string>& patterns) {
  patterns_.reserve(patterns.size());
  for (const std::string& pattern : patterns)
    patterns_.emplace_back(pattern, std::regex::ECMAScript | std::regex::multiline);
}

bool PatternList::Matches(std::string_view text) const {
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const std::regex& pattern) {
    return std::regex_search(text.begin(), text.end(), pattern);
  });
}

}  // namespace gantry::run
