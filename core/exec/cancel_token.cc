#include "core/exec/cancel_token.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace gantry::exec {

namespace {

// Makes `fd` readable for good. Non-blocking: the counter cannot realistically overflow,
// and a signal handler must never block.
void Signal(int fd) noexcept {
  if (fd < 0) return;
  const uint64_t one = 1;
  ssize_t n;
  do {
    n = write(fd, &one, sizeof one);
  } while (n < 0 && errno == EINTR);
}

}  // namespace

static_assert(std::atomic<int>::is_always_lock_free, "needed for async-signal safety");

CancelToken::CancelToken() noexcept
    : cancel_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
      kill_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

CancelToken::~CancelToken() {
  if (cancel_fd_ >= 0) close(cancel_fd_);
  if (kill_fd_ >= 0) close(kill_fd_);
}

void CancelToken::Raise(Level to) noexcept {
  // Store before writing, so a waiter woken by the fd always sees the new level.
  int current = level_.load();
  while (current < static_cast<int>(to) &&
         !level_.compare_exchange_weak(current, static_cast<int>(to))) {
  }
  Signal(cancel_fd_);
  if (to == Level::kKill) Signal(kill_fd_);
}

void CancelToken::RequestCancel() noexcept { RequestCancelFromSignal(); }

void CancelToken::RequestKill() noexcept {
  const int saved_errno = errno;
  Raise(Level::kKill);
  errno = saved_errno;
}

void CancelToken::RequestCancelFromSignal() noexcept {
  const int saved_errno = errno;
  Raise(Level::kGraceful);
  errno = saved_errno;
}

int CancelToken::WakeFd(Level seen) const noexcept {
  switch (seen) {
    case Level::kNone:
      return cancel_fd_;
    case Level::kGraceful:
      return kill_fd_;
    case Level::kKill:
      return -1;
  }
  return -1;
}

}  // namespace gantry::exec
