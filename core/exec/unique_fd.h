// Sole ownership of a file descriptor.
#ifndef GANTRY_CORE_EXEC_UNIQUE_FD_H_
#define GANTRY_CORE_EXEC_UNIQUE_FD_H_

#include <unistd.h>

#include <utility>

namespace gantry::exec {

/// Closes its descriptor when destroyed or reset. -1 means none.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

  /// Closes the current descriptor (close(2) is not retried on EINTR: on Linux the fd is
  /// released either way) and takes `fd`.
  void reset(int fd = -1) {
    if (fd_ >= 0) close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_UNIQUE_FD_H_
