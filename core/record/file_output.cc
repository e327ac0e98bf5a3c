#include "core/record/file_output.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "absl/strings/str_cat.h"

namespace gantry::record {
namespace {

// close(2), not retried on EINTR: on Linux the descriptor is released either way.
absl::Status Close(int fd, const std::string& path) {
  if (::close(fd) != 0 && errno != EINTR) return ErrnoError(errno, "cannot close", path);
  return absl::OkStatus();
}

}  // namespace

absl::Status ErrnoError(int error, absl::string_view what, const std::string& path) {
  return absl::ErrnoToStatus(error, absl::StrCat(what, " ", path));
}

absl::Status WriteAll(int fd, std::string_view data, const std::string& path) {
  iovec piece{const_cast<char*>(data.data()), data.size()};
  const int error = WriteGathered(fd, &piece, 1);
  return error == 0 ? absl::OkStatus() : ErrnoError(error, "cannot write to", path);
}

int WriteGathered(int fd, iovec* pieces, size_t count) {
  for (;;) {
    while (count > 0 && pieces->iov_len == 0) {
      ++pieces;
      --count;
    }
    if (count == 0) return 0;
    const ssize_t written =
        ::writev(fd, pieces, static_cast<int>(std::min<size_t>(count, IOV_MAX)));
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {  // Someone made it non-blocking.
        pollfd writable{fd, POLLOUT, 0};
        ::poll(&writable, 1, -1);
        continue;
      }
      return errno;
    }
    if (written == 0) return ENOSPC;
    for (size_t left = static_cast<size_t>(written); left > 0;) {
      const size_t step = std::min(left, pieces->iov_len);
      pieces->iov_base = static_cast<char*>(pieces->iov_base) + step;
      pieces->iov_len -= step;
      left -= step;
      if (pieces->iov_len == 0) {
        ++pieces;
        --count;
      }
    }
  }
}

absl::Status SyncFile(int fd, const std::string& path, bool data_only) {
  while ((data_only ? ::fdatasync(fd) : ::fsync(fd)) != 0) {
    if (errno == EINTR) continue;
    if (errno == EINVAL || errno == EROFS || errno == ENOTSUP) return absl::OkStatus();
    return ErrnoError(errno, "cannot sync", path);
  }
  return absl::OkStatus();
}

absl::Status AppendToFile(const std::string& path, std::string_view data) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return ErrnoError(errno, "cannot open", path);
  absl::Status status = WriteAll(fd, data, path);
  absl::Status closed = Close(fd, path);
  return status.ok() ? closed : status;
}

absl::Status WriteFileAtomically(const std::string& path, std::string_view contents,
                                 mode_t mode) {
  std::string temp = absl::StrCat(path, ".tmp-XXXXXX");
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "cannot create a temporary file for", path);

  absl::Status status = WriteAll(fd, contents, temp);
  if (status.ok() && ::fchmod(fd, mode) != 0) status = ErrnoError(errno, "cannot chmod", temp);
  if (status.ok() && ::fsync(fd) != 0) status = ErrnoError(errno, "cannot sync", temp);
  if (absl::Status closed = Close(fd, temp); status.ok()) status = closed;
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0)
    status = ErrnoError(errno, absl::StrCat("cannot rename ", temp, " to"), path);
  if (!status.ok()) ::unlink(temp.c_str());
  return status;
}

}  // namespace gantry::record
