#include "core/exec/program_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace gantry::exec {
namespace {

// glibc's search path when PATH is unset.
constexpr char kDefaultPath[] = "/bin:/usr/bin";

struct Found {
  std::mutex mu;
  absl::flat_hash_map<std::string, std::string> paths;  // PATH + '\0' + name -> file
};

Found& Cache() {
  static auto* const found = new Found;  // Never destroyed: spawns may run at exit.
  return *found;
}

std::string Key(const std::string& program) {
  const char* path = getenv("PATH");
  std::string key = path == nullptr ? kDefaultPath : path;
  key.push_back('\0');  // Not in PATH nor in a file name.
  return key + program;
}

std::optional<std::string> Search(const std::string& program) {
  const char* path = getenv("PATH");
  for (absl::string_view dir : absl::StrSplit(path == nullptr ? kDefaultPath : path, ':')) {
    if (dir.empty() || dir.front() != '/') return std::nullopt;  // Relative to the child's cwd.
    std::string file = absl::StrCat(dir, "/", program);
    struct stat st;
    if (stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(file.c_str(), X_OK) == 0) {
      return file;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FindProgram(const std::string& program) {
  if (program.empty() || program.find('/') != std::string::npos) return std::nullopt;
  Found& found = Cache();
  const std::string key = Key(program);
  {
    std::lock_guard<std::mutex> lock(found.mu);
    if (auto it = found.paths.find(key); it != found.paths.end()) return it->second;
  }
  std::optional<std::string> file = Search(program);
  if (file) {
    std::lock_guard<std::mutex> lock(found.mu);
    found.paths.insert_or_assign(key, *file);
  }
  return file;
}

void ForgetProgram(const std::string& program) {
  Found& found = Cache();
  const std::string key = Key(program);
  std::lock_guard<std::mutex> lock(found.mu);
  found.paths.erase(key);
}

}  // namespace gantry::exec
