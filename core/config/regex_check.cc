#include "core/config/regex_check.h"

#include <regex>

#include "absl/strings/str_cat.h"

namespace gantry::config {

std::optional<std::string> RegexProblem(const std::string& key, const std::string& pattern) {
  try {
    std::regex compiled(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return absl::StrCat(key, ": '", pattern, "' is not a valid regular expression (", e.what(),
                        ")");
  }
  return std::nullopt;
}

}  // namespace gantry::config
