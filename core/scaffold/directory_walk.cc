#include "core/scaffold/directory_walk.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace gantry::scaffold {
namespace {

namespace fs = std::filesystem;

bool Skipped(const std::string& name) { return name.empty() || name[0] == '.' || name == "node_modules"; }

struct Walker {
  const WalkLimits& limits;
  WalkResult& result;

  void Visit(const fs::path& dir, int depth) {
    if (result.directories.size() >= limits.max_directories) {
      result.truncated = true;
      return;
    }
    result.directories.push_back(dir.string());
    if (depth >= limits.max_depth) {
      if (HasSubdirectory(dir)) result.truncated = true;
      return;
    }
    for (const fs::path& child : Subdirectories(dir)) Visit(child, depth + 1);
  }

  // The directories directly inside `dir` worth visiting, in name order.
  std::vector<fs::path> Subdirectories(const fs::path& dir) {
    std::vector<fs::path> children;
    std::error_code error;
    fs::directory_iterator it(dir, error), end;
    for (; !error && it != end; it.increment(error)) {
      std::error_code type_error;
      // symlink_status: a link is never followed, whatever it points at.
      if (!fs::is_directory(it->symlink_status(type_error)) || type_error) continue;
      if (Skipped(it->path().filename().string())) continue;
      children.push_back(it->path());
    }
    if (error) result.unreadable.push_back(dir.string() + ": " + error.message());
    std::sort(children.begin(), children.end());
    return children;
  }

  bool HasSubdirectory(const fs::path& dir) { return !Subdirectories(dir).empty(); }
};

}  // namespace

WalkResult WalkDirectories(const std::string& root, const WalkLimits& limits) {
  WalkResult result;
  std::error_code error;
  fs::path start = fs::weakly_canonical(fs::absolute(root, error), error);
  if (error) start = fs::absolute(root).lexically_normal();
  Walker{limits, result}.Visit(start, 0);
  return result;
}

}  // namespace gantry::scaffold
