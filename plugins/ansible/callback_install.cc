#include "callback_install.h"

#include "command_line.h"
#include "kit/files.h"

namespace gantry::ansible {

std::string CallbackDir(const std::string& cache_dir) { return cache_dir + "/callback_plugins"; }

std::string InstallCallback(const std::string& dir, std::string_view source) {
  const std::string path = dir + "/" + kCallbackName + ".py";
  if (kit::ReadFile(path) == source) return "";
  if (std::string error = kit::MakeDirectories(dir); !error.empty()) return error;
  return kit::WriteFileAtomically(path, source, 0644);
}

}  // namespace gantry::ansible
