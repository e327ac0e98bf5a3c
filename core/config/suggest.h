// "Did you mean ...?" for misspelt keys, types and component names.
#ifndef GANTRY_CORE_CONFIG_SUGGEST_H_
#define GANTRY_CORE_CONFIG_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace gantry::config {

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo
/// (distance at most a third of the word's length, and at least 1); else empty.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_SUGGEST_H_
