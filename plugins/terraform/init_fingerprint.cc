#include "init_fingerprint.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "kit/files.h"

namespace gantry::terraform {
namespace {

namespace fs = std::filesystem;
using kit::Fnv1a;
using kit::ReadFile;

bool IsInitInput(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".tf") || ends_with(".tf.json") || name == ".terraform.lock.hcl";
}

}  // namespace

uint64_t FingerprintInitInputs(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(error) && name == ".terraform") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error) && IsInitInput(name))
      files.push_back(fs::relative(it->path(), dir, error).string());
  }
  std::sort(files.begin(), files.end());  // the walk's order is the file system's
  uint64_t hash = Fnv1a("gantry-terraform-init-1");
  for (const std::string& file : files) {
    hash = Fnv1a(file, hash);
    hash = Fnv1a(std::string_view("\0", 1), hash);
    hash = Fnv1a(ReadFile(dir + "/" + file).value_or("<unreadable>"), hash);
    hash = Fnv1a(std::string_view("\0", 1), hash);
  }
  return hash;
}

}  // namespace gantry::terraform
