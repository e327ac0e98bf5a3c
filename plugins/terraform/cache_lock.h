// Serializes the writers of the shared provider cache: one `terraform init` at a time per
// project, across components and concurrent gantry runs (terraform's plugin cache is not
// safe for concurrent installs). Plans and applies only read it and take no lock.
#ifndef GANTRY_PLUGINS_TERRAFORM_CACHE_LOCK_H_
#define GANTRY_PLUGINS_TERRAFORM_CACHE_LOCK_H_

#include <chrono>
#include <functional>
#include <string>

namespace gantry::terraform {

/// An exclusive flock(2) on a file, released when destroyed (or when the process dies:
/// no stale lock is left by a crash).
class CacheLock {
 public:
  /// Waits for the lock on `path` (created if absent), polling every `poll`, until taken
  /// or `cancelled()` says to stop. `on_wait` is called once if the lock was busy.
  CacheLock(const std::string& path, const std::function<bool()>& cancelled,
            const std::function<void()>& on_wait,
            std::chrono::milliseconds poll = std::chrono::milliseconds(50));
  ~CacheLock();
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;

  /// True when held; false when cancelled or the file could not be opened (error()).
  bool held() const { return held_; }
  /// Why the lock file could not be used; empty otherwise.
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  bool held_ = false;
  std::string error_;
};

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_CACHE_LOCK_H_
