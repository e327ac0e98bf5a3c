#include "callback_install.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "command_line.h"
#include "kit/files.h"

namespace gantry::ansible {

std::string CallbackDir(const std::string& cache_dir) { return cache_dir + "/callback_plugins"; }

std::string InstallCallback(const std::string& dir, std::string_view source) {
  const std::string path = dir + "/" + kCallbackName + ".py";
  if (kit::ReadFile(path) == source) return "";
  if (std::string error = kit::MakeDirectories(dir); !error.empty()) return error;
  // kit::WriteFileAtomically's temporary name is fixed: one per writer here, since
  // components of one project may install at the same moment.
  static std::atomic<unsigned> counter{0};
  const std::string mine = path + "." + std::to_string(::getpid()) + "-" +
                           std::to_string(counter.fetch_add(1));
  if (std::string error = kit::WriteFileAtomically(mine, source, 0644); !error.empty())
    return error;
  if (std::rename(mine.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(mine.c_str());
    return "cannot install " + path + ": " + why;
  }
  return "";
}

}  // namespace gantry::ansible
