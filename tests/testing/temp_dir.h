// A temporary directory for one test, removed with everything in it afterwards.
#ifndef GANTRY_TESTS_TESTING_TEMP_DIR_H_
#define GANTRY_TESTS_TESTING_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace gantry::testing {

class TempDir {
 public:
  TempDir() : TempDir(std::filesystem::temp_directory_path()) {}
  /// One inside `parent` (a file system of the test's choosing); path() is empty when it
  /// cannot be made there.
  explicit TempDir(const std::filesystem::path& parent) {
    std::string pattern = (parent / "gantry-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string operator/(const std::string& relative) const { return path_ + "/" + relative; }

  /// Writes `text` to `relative` (creating parent directories); returns the full path.
  std::string Write(const std::string& relative, const std::string& text) const {
    const std::filesystem::path file = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }

 private:
  std::string path_;
};

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_TEMP_DIR_H_
