#include "core/record/log_tail.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/exec/unique_fd.h"
#include "core/record/file_output.h"

namespace gantry::record {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

absl::StatusOr<LogTail> ReadLogTail(const std::string& path, size_t max_lines, size_t max_bytes) {
  exec::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (fd.get() < 0) return ErrnoError(errno, "cannot read", path);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoError(errno, "cannot read", path);
  if (!S_ISREG(st.st_mode))
    return absl::FailedPreconditionError(absl::StrCat("cannot read ", path, ": not a regular file"));

  const size_t size = static_cast<size_t>(st.st_size);
  const size_t start = size > max_bytes ? size - max_bytes : 0;
  std::string data(size - start, '\0');
  size_t got = 0;
  while (got < data.size()) {
    const ssize_t n = ::pread(fd.get(), data.data() + got, data.size() - got,
                              static_cast<off_t>(start + got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError(errno, "cannot read", path);
    if (n == 0) break;  // the file shrank meanwhile
    got += static_cast<size_t>(n);
  }
  data.resize(got);

  LogTail tail;
  tail.cut = start > 0;
  std::string_view view = data;
  if (start > 0) {
    // The first line read is most likely a part of one: left out, unless it is all.
    const size_t newline = view.find('\n');
    if (newline != std::string_view::npos && newline + 1 < view.size()) {
      view.remove_prefix(newline + 1);
    } else {
      while (!view.empty() && IsContinuationByte(view.front())) view.remove_prefix(1);
    }
  }
  if (max_lines == 0) {
    tail.cut = tail.cut || !view.empty();
    return tail;
  }
  // The start of the max_lines-th line from the end; the log's last '\n' ends its last
  // line rather than starting another.
  size_t search = view.size() - (!view.empty() && view.back() == '\n' ? 1 : 0);
  bool found = true;
  for (size_t line = 0; line < max_lines && found; ++line) {
    const size_t newline = search == 0 ? std::string_view::npos : view.rfind('\n', search - 1);
    found = newline != std::string_view::npos;
    if (found) search = newline;
  }
  if (found) {
    view.remove_prefix(search + 1);
    tail.cut = true;
  }
  tail.text = std::string(view);
  return tail;
}

}  // namespace gantry::record
