// Whether a pattern of gantry.toml (retry_on, throttle_on) is a regular expression the
// run can compile, checked when the file is read rather than when a component fails.
#ifndef GANTRY_CORE_CONFIG_REGEX_CHECK_H_
#define GANTRY_CORE_CONFIG_REGEX_CHECK_H_

#include <optional>
#include <string>

namespace gantry::config {

/// "KEY: 'PATTERN' is not a valid regular expression (WHY)" when `pattern` is not an
/// ECMAScript regex; nullopt when it is.
std::optional<std::string> RegexProblem(const std::string& key, const std::string& pattern);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_REGEX_CHECK_H_
