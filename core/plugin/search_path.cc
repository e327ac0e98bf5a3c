#include "core/plugin/search_path.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_split.h"

namespace gantry::plugin {

namespace fs = std::filesystem;

std::string ProgramDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string BundledPluginDir() {
  const std::string dir = ProgramDir();
  if (dir.empty()) return {};
  return (fs::path(dir).parent_path() / "lib" / "gantry" / "plugins").lexically_normal();
}

std::vector<std::string> PluginSearchPath(const std::vector<std::string>& config_paths) {
  std::vector<std::string> dirs = config_paths;
  if (const char* env = std::getenv("GANTRY_PLUGIN_PATH")) {
    for (absl::string_view dir : absl::StrSplit(env, ':', absl::SkipEmpty()))
      dirs.emplace_back(dir);
  }
  if (std::string bundled = BundledPluginDir(); !bundled.empty()) dirs.push_back(bundled);
  return dirs;
}

}  // namespace gantry::plugin
