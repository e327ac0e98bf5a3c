#include "temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kit/files.h"

namespace gantry::packer {
namespace {

// mkdtemp in `dir`: the new directory, or "" with `error` set.
std::string MakeUnique(const std::string& dir, std::string& error) {
  std::string pattern = dir + "/gantry-packer-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    error = "cannot create a temporary directory in " + dir + ": " + std::strerror(errno);
    return "";
  }
  return pattern;
}

}  // namespace

RunTempDir::RunTempDir(const std::string& parent) {
  if (parent.size() + 21 <= kMaxTempDirLength) {  // "/gantry-packer-XXXXXX"
    error_ = kit::MakeDirectories(parent);
    if (error_.empty()) path_ = MakeUnique(parent, error_);
    return;
  }
  outside_ = true;
  std::error_code ignored;
  path_ = MakeUnique(std::filesystem::temp_directory_path(ignored).string(), error_);
}

RunTempDir::~RunTempDir() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace gantry::packer
