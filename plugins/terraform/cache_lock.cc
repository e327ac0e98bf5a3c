#include "cache_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace gantry::terraform {

CacheLock::CacheLock(const std::string& path, const std::function<bool()>& cancelled,
                     const std::function<void()>& on_wait, std::chrono::milliseconds poll) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    error_ = "cannot open the provider cache lock " + path + ": " + std::strerror(errno);
    return;
  }
  bool waited = false;
  for (;;) {
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
      held_ = true;
      return;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      error_ = "cannot lock " + path + ": " + std::strerror(errno);
      return;
    }
    if (cancelled()) return;
    if (!waited && on_wait) on_wait();
    waited = true;
    std::this_thread::sleep_for(poll);
  }
}

CacheLock::~CacheLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace gantry::terraform
