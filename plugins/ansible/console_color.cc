#include "console_color.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace gantry::ansible {

bool ConsoleWantsColor() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::strcmp(term, "dumb") != 0);
}

}  // namespace gantry::ansible
