#include "core/plugin/output_key.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace gantry::plugin {

std::string OutputKeyProblem(std::string_view key) {
  const std::string rule =
      "an output key starts with a letter or '_' and holds only letters, digits, '_' and "
      "'-' (as terraform output names do), so that ${component.key} can name it";
  if (key.empty()) return "an output needs a non-empty key";
  if (key.size() > kMaxOutputKeyLength)
    return absl::StrCat("output key '", std::string(key.substr(0, 40)), "...' is ", key.size(),
                        " bytes long; at most ", kMaxOutputKeyLength, " are allowed");
  const bool starts_well = absl::ascii_isalpha(key[0]) || key[0] == '_';
  for (const char c : key) {
    if (!starts_well || !(absl::ascii_isalnum(c) || c == '_' || c == '-'))
      return absl::StrCat("output key '", std::string(key), "' is refused: ", rule);
  }
  return "";
}

}  // namespace gantry::plugin
