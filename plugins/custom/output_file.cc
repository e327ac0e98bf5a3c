#include "output_file.h"

namespace gantry::custom {

std::vector<std::pair<std::string, std::string>> ParseOutputs(std::string_view text,
                                                              std::vector<std::string>& errors) {
  std::vector<std::pair<std::string, std::string>> outputs;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const size_t equals = line.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      errors.push_back("$GANTRY_OUTPUT line " + std::to_string(line_number) +
                       " is not key=value: '" + std::string(line.substr(0, 80)) + "'");
      continue;
    }
    outputs.emplace_back(std::string(line.substr(0, equals)), std::string(line.substr(equals + 1)));
  }
  return outputs;
}

}  // namespace gantry::custom
