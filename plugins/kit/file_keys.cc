#include "kit/file_keys.h"

#include <filesystem>

namespace gantry::kit {

std::string FilePath(std::string_view base_dir, std::string_view path) {
  std::filesystem::path full(path);
  if (full.is_relative()) full = std::filesystem::path(base_dir) / full;
  std::string normal = full.lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

std::string FileKey(std::string_view base_dir, std::string_view path) {
  return "file:" + FilePath(base_dir, path);
}

std::string WorkspaceStandIn(std::string_view project_dir, std::string_view component) {
  return std::string(project_dir) + "/.gantry/workspaces/@run/" + std::string(component);
}

}  // namespace gantry::kit
