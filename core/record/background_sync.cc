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
    : worker_([this](std::vector<std::string> batch) { SyncBatch(std::move(batch)); },
              gather_window) {}

absl::Status BackgroundSync::Flush() {
  worker_.Drain();
  std::lock_guard<std::mutex> lock(mu_);
  return std::exchange(error_, absl::OkStatus());
}

void BackgroundSync::SyncBatch(std::vector<std::string> batch) {
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
  std::lock_guard<std::mutex> lock(mu_);
  if (error_.ok()) error_ = std::move(first);
}

}  // namespace gantry::record
