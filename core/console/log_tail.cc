#include "core/console/log_tail.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace gantry::console {
namespace {

// Closes a descriptor on every way out.
struct Fd {
  explicit Fd(int value) : fd(value) {}
  ~Fd() {
    if (fd >= 0) close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd; }
  bool valid() const { return fd >= 0; }
  int fd;
};

absl::Status Error(const std::string& path, const char* what) {
  const int err = errno;
  return absl::ErrnoToStatus(err, absl::StrCat("cannot ", what, " '", path, "'"));
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ReadLastLines(const std::string& path, size_t n,
                                                       size_t max_bytes) {
  Fd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return Error(path, "open");
  struct stat st {};
  if (fstat(fd.get(), &st) != 0) return Error(path, "stat");
  const off_t size = st.st_size;
  const off_t start = std::max<off_t>(0, size - static_cast<off_t>(max_bytes));
  std::string text(static_cast<size_t>(size - start), '\0');
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t r = pread(fd.get(), text.data() + got, text.size() - got,
                            start + static_cast<off_t>(got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return Error(path, "read");
    if (r == 0) break;  // Truncated meanwhile.
    got += static_cast<size_t>(r);
  }
  text.resize(got);

  std::vector<std::string> lines;
  if (n == 0) return lines;
  std::string_view rest = text;
  if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
  if (rest.empty()) return lines;
  // Walk back from the end, line by line.
  while (lines.size() < n) {
    const size_t nl = rest.rfind('\n');
    if (nl == std::string_view::npos) {
      // The first line in the window: whole only if the window starts the file.
      if (start == 0 || lines.empty()) lines.emplace_back(rest);
      break;
    }
    lines.emplace_back(rest.substr(nl + 1));
    rest = rest.substr(0, nl);
  }
  std::reverse(lines.begin(), lines.end());
  for (std::string& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return lines;
}

}  // namespace gantry::console
