#include "core/plugin/plugin_policy.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "core/plugin/search_path.h"

namespace gantry::plugin {

Isolation PluginPolicy::ForFile(const std::string& path) const {
  if (every) return *every;
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::weakly_canonical(
      std::filesystem::path(path).parent_path(), ec);
  const std::filesystem::path bundled = std::filesystem::weakly_canonical(bundled_dir, ec);
  return !bundled_dir.empty() && dir == bundled ? Isolation::kInProcess : Isolation::kProcess;
}

Isolation PluginPolicy::For(const std::string& name, const std::string& path) const {
  if (auto it = by_name.find(name); it != by_name.end()) return it->second;
  return ForFile(path);
}

PluginPolicy DefaultPluginPolicy() {
  PluginPolicy policy;
  policy.bundled_dir = BundledPluginDir();
  if (const char* env = std::getenv("GANTRY_PLUGIN_ISOLATION"); env != nullptr && *env != '\0') {
    policy.every = ParseIsolation(env);
    if (!policy.every)
      std::cerr << "gantry: warning: GANTRY_PLUGIN_ISOLATION=" << env
                << " is neither \"process\" nor \"inprocess\"; ignored\n";
  }
  return policy;
}

std::optional<Isolation> ParseIsolation(const std::string& text) {
  if (text == "process") return Isolation::kProcess;
  if (text == "inprocess") return Isolation::kInProcess;
  return std::nullopt;
}

}  // namespace gantry::plugin
