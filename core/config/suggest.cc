#include "core/config/suggest.h"

#include <algorithm>
#include <vector>

#include "gantry/plugin.hpp"

namespace gantry::config {

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    // The SDK's distance (an adjacent swap is one edit), so that gantry's suggestions and
    // a plugin's gantry::DidYouMean agree.
    const size_t distance = gantry::EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = ClosestMatch(word, candidates);
  return match.empty() ? std::string() : " (did you mean '" + match + "'?)";
}

}  // namespace gantry::config
