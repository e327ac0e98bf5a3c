#include "kit/duration_text.h"

#include <cstdint>

namespace gantry::kit {

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    int64_t number = 0;
    const std::size_t digits_start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (number > 1'000'000'000) return std::nullopt;  // far beyond any sensible duration
      number = number * 10 + (text[i] - '0');
    }
    if (i == digits_start) return std::nullopt;
    int64_t unit_ms = 0;
    if (text.substr(i, 2) == "ms") {
      unit_ms = 1, i += 2;
    } else if (i < text.size() && text[i] == 's') {
      unit_ms = 1000, ++i;
    } else if (i < text.size() && text[i] == 'm') {
      unit_ms = 60'000, ++i;
    } else if (i < text.size() && text[i] == 'h') {
      unit_ms = 3'600'000, ++i;
    } else if (i < text.size() && text[i] == 'd') {
      unit_ms = 86'400'000, ++i;
    } else {
      return std::nullopt;
    }
    total_ms += number * unit_ms;
    if (total_ms > int64_t{365} * 86'400'000) return std::nullopt;
  }
  return std::chrono::milliseconds(total_ms);
}

}  // namespace gantry::kit
