// Reading the `key=value` outputs a command wrote to $GANTRY_OUTPUT.
#ifndef GANTRY_PLUGINS_CUSTOM_OUTPUT_FILE_H_
#define GANTRY_PLUGINS_CUSTOM_OUTPUT_FILE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gantry::custom {

/// Parses the file's text: one `key=value` per line; blank lines and lines starting
/// with '#' are skipped; the value is everything after the first '='. A malformed line
/// is appended to `errors` with its line number.
std::vector<std::pair<std::string, std::string>> ParseOutputs(std::string_view text,
                                                              std::vector<std::string>& errors);

}  // namespace gantry::custom

#endif  // GANTRY_PLUGINS_CUSTOM_OUTPUT_FILE_H_
