// A private temporary plugin directory for tests: fixtures are copied in with known
// permissions, so the host's "writable by group or others" check never depends on the
// build tree's umask.
#ifndef GANTRY_TESTS_SDK_TEMP_PLUGIN_DIR_H_
#define GANTRY_TESTS_SDK_TEMP_PLUGIN_DIR_H_

#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "gtest/gtest.h"

namespace gantry::plugin {

class TempPluginDir {
 public:
  /// Creates a fresh directory (mode 0700) under the test temp dir; removes it on exit.
  TempPluginDir() {
    std::string pattern = ::testing::TempDir() + "gantry-sdk-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    // Canonical, so it compares equal to what the host reports after making it absolute.
    path_ = std::filesystem::canonical(pattern).string();
  }
  ~TempPluginDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  TempPluginDir(const TempPluginDir&) = delete;
  TempPluginDir& operator=(const TempPluginDir&) = delete;

  const std::string& path() const { return path_; }

  /// Copies `source` in as `name` (default: its own file name) with mode `mode`;
  /// returns the copy's absolute path.
  std::string Add(const std::string& source, std::string name = "", mode_t mode = 0755) const {
    if (name.empty()) name = std::filesystem::path(source).filename().string();
    const std::string target = path_ + "/" + name;
    std::filesystem::copy_file(source, target,
                               std::filesystem::copy_options::overwrite_existing);
    if (chmod(target.c_str(), mode) != 0) throw std::runtime_error("chmod failed: " + target);
    return target;
  }

  /// Sets the directory's own mode (e.g. 0777 to make it unsafe).
  void Chmod(mode_t mode) const {
    if (chmod(path_.c_str(), mode) != 0) throw std::runtime_error("chmod failed: " + path_);
  }

 private:
  std::string path_;
};

}  // namespace gantry::plugin

#endif  // GANTRY_TESTS_SDK_TEMP_PLUGIN_DIR_H_
