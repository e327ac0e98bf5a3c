#include "core/record/background_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/record/file_output.h"

namespace gantry::record {
namespace {

// fsync of `path`: OK when it is gone or cannot be synced (nothing to make durable).
absl::Status SyncPath(const std::string& path) {
  int fd;
  do {
    fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    if (errno == ENOENT) return absl::OkStatus();
    return absl::ErrnoToStatus(errno, absl::StrCat("cannot open '", path, "' to sync it"));
  }
  absl::Status status = SyncFile(fd, path, /*data_only=*/false);
  close(fd);
  return status;
}

}  // namespace

BackgroundSync::BackgroundSync(std::chrono::milliseconds gather_window)
    : gather_window_(gather_window), thread_([this] { Loop(); }) {}

BackgroundSync::~BackgroundSync() {
  Flush().IgnoreError();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

void BackgroundSync::Sync(std::string path) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(path));
    ++queued_;
  }
  work_.notify_one();
}

absl::Status BackgroundSync::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = queued_;
  ++flushing_;
  work_.notify_one();  // no gathering while someone waits
  done_.wait(lock, [&] { return synced_ >= target; });
  --flushing_;
  return std::exchange(error_, absl::OkStatus());
}

void BackgroundSync::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    // Group commit: requests arriving within the window share one sync per path (a
    // busy run appends to its journal every few milliseconds).
    work_.wait_for(lock, gather_window_, [&] { return stopping_ || flushing_ > 0; });
    std::vector<std::string> batch = std::exchange(queue_, {});
    const uint64_t upto = queued_;
    lock.unlock();
    // Each path once, where it was last asked for.
    absl::flat_hash_set<std::string_view> later;
    std::vector<const std::string*> order;
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
      if (later.insert(*it).second) order.push_back(&*it);
    }
    absl::Status first;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      absl::Status status = SyncPath(**it);
      if (first.ok()) first = std::move(status);
    }
    lock.lock();
    if (error_.ok()) error_ = std::move(first);
    synced_ = upto;
    done_.notify_all();
  }
}

}  // namespace gantry::record
