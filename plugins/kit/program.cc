#include "kit/program.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace gantry::kit {

std::string ProgramPath(const std::string& binary, std::string_view project_dir) {
  if (binary.find('/') == std::string::npos || binary.front() == '/' || project_dir.empty())
    return binary;
  return std::string(project_dir) + "/" + binary;
}

bool ProgramExists(const std::string& program) {
  if (program.empty()) return false;
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    const std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    if (colon == std::string_view::npos) return false;
    dirs.remove_prefix(colon + 1);
  }
}

bool ConsoleWantsColor() {
  // The host decides once, for its console and for every plugin (docs/plugin-author-guide.md).
  if (const char* decided = std::getenv("GANTRY_COLOR"); decided != nullptr) {
    if (std::strcmp(decided, "always") == 0) return true;
    if (std::strcmp(decided, "never") == 0) return false;
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::strcmp(term, "dumb") != 0);
}

std::string EndText(const SpawnResult& result) {
  if (result.term_signal != 0) return "was killed by signal " + std::to_string(result.term_signal);
  return "exited with status " + std::to_string(result.exit_code);
}

}  // namespace gantry::kit
