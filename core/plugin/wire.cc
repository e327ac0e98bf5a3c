#include "core/plugin/wire.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

namespace gantry::plugin::wire {
namespace {

bool ReadAll(int fd, char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

bool SendFrame(int fd, std::string_view payload) {
  const uint32_t length = static_cast<uint32_t>(payload.size());
  char header[sizeof length];
  std::memcpy(header, &length, sizeof length);
  // One sendmsg for header and payload: a small frame is one system call.
  iovec parts[2] = {{header, sizeof header},
                    {const_cast<char*>(payload.data()), payload.size()}};
  size_t done = 0;
  const size_t total = sizeof header + payload.size();
  while (done < total) {
    iovec rest[2];
    int count = 0;
    size_t skip = done;
    for (const iovec& part : parts) {
      if (skip >= part.iov_len) {
        skip -= part.iov_len;
        continue;
      }
      rest[count++] = {static_cast<char*>(part.iov_base) + skip, part.iov_len - skip};
      skip = 0;
    }
    msghdr message{};
    message.msg_iov = rest;
    message.msg_iovlen = static_cast<size_t>(count);
    const ssize_t n = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool ReadFrame(int fd, std::string& payload) {
  uint32_t length = 0;
  if (!ReadAll(fd, reinterpret_cast<char*>(&length), sizeof length)) return false;
  if (length > kMaxFrame) return false;
  payload.resize(length);
  return ReadAll(fd, payload.data(), length);
}

}  // namespace gantry::plugin::wire
