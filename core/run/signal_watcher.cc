#include "core/run/signal_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

namespace gantry::run {
namespace {

std::atomic<exec::CancelToken*> g_token{nullptr};
std::atomic<int> g_signals{0};

extern "C" void OnSignal(int) {
  const int count = g_signals.fetch_add(1) + 1;
  exec::CancelToken* token = g_token.load();
  if (token == nullptr) return;
  if (count == 1) {
    token->RequestCancelFromSignal();
  } else {
    const int saved = errno;
    token->RequestKill();
    errno = saved;
  }
}

}  // namespace

SignalWatcher::SignalWatcher(exec::CancelToken& token, std::function<void()> on_cancel)
    : token_(token), on_cancel_(std::move(on_cancel)) {
  stop_fd_ = eventfd(0, EFD_CLOEXEC);
  g_signals = 0;
  g_token = &token_;
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
  sigaction(SIGHUP, &action, &previous_hup_);
  thread_ = std::thread([this] { Watch(); });
}

SignalWatcher::~SignalWatcher() {
  stop_ = true;
  const uint64_t one = 1;
  if (stop_fd_ >= 0) [[maybe_unused]] ssize_t n = write(stop_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
  sigaction(SIGHUP, &previous_hup_, nullptr);
  g_token = nullptr;
  if (stop_fd_ >= 0) close(stop_fd_);
}

int SignalWatcher::signals_received() { return g_signals.load(); }

void SignalWatcher::Watch() {
  const int cancel_fd = token_.WakeFd(exec::CancelToken::Level::kNone);
  // Without descriptors (out of fds), re-check the flags every 100 ms instead.
  const int timeout_ms = cancel_fd >= 0 && stop_fd_ >= 0 ? -1 : 100;
  while (!token_.cancelled() && !stop_) {
    pollfd fds[2] = {{stop_fd_, POLLIN, 0}, {cancel_fd, POLLIN, 0}};
    if (poll(fds, 2, timeout_ms) < 0 && errno != EINTR) break;
  }
  if (token_.cancelled()) on_cancel_();
}

}  // namespace gantry::run
