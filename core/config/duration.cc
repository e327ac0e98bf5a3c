#include "core/config/duration.h"

#include <cctype>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace gantry::config {

absl::StatusOr<absl::Duration> ParseDuration(absl::string_view text) {
  const auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", text, "' is not a duration; write e.g. \"90s\", \"10m\", \"1h30m\""));
  };
  double seconds_only = 0;
  if (absl::SimpleAtod(text, &seconds_only)) {
    if (seconds_only <= 0) return bad();
    return absl::Seconds(seconds_only);
  }
  absl::Duration total;
  size_t i = 0;
  while (i < text.size()) {
    const size_t number_start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    const size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    double value = 0;
    if (number_start == unit_start ||
        !absl::SimpleAtod(text.substr(number_start, unit_start - number_start), &value))
      return bad();
    const absl::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit == "ms") total += absl::Milliseconds(value);
    else if (unit == "s") total += absl::Seconds(value);
    else if (unit == "m") total += absl::Minutes(value);
    else if (unit == "h") total += absl::Hours(value);
    else if (unit == "d") total += absl::Hours(24 * value);
    else return bad();
  }
  if (total <= absl::ZeroDuration()) return bad();
  return total;
}

}  // namespace gantry::config
