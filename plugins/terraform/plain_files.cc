#include "plain_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace gantry::terraform {
namespace {

namespace fs = std::filesystem;

bool IsInitInput(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".tf") || ends_with(".tf.json") || name == ".terraform.lock.hcl";
}

}  // namespace

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return content;
}

std::string WriteFileAtomically(const std::string& path, std::string_view content) {
  const std::string temporary = path + ".gantry-tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot write " + temporary + ": " + std::strerror(errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return "cannot write " + temporary + ": " + why;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return "cannot write " + temporary + ": " + why;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temporary.c_str());
    return "cannot replace " + path + ": " + why;
  }
  return "";
}

std::string MakeDirectories(const std::string& path) {
  std::error_code error;
  fs::create_directories(path, error);
  if (error) return "cannot create " + path + ": " + error.message();
  return "";
}

uint64_t Fnv1a(std::string_view data, uint64_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

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
