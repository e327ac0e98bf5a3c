// fsync(2) off the caller's path: a run's records made durable without making every
// component wait for the disk.
#ifndef GANTRY_CORE_RECORD_BACKGROUND_SYNC_H_
#define GANTRY_CORE_RECORD_BACKGROUND_SYNC_H_

#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/exec/batch_worker.h"

namespace gantry::record {

/// Syncs files and directories on a thread of its own. Sync(path) only queues the path;
/// the thread waits up to a gather window for more requests (or until a Flush), takes
/// everything queued by then as one batch and syncs each path once, in the order of its
/// *last* request in the batch (so a journal asked after an outputs file is synced after
/// it). Flush() waits until everything queued before it is synced.
///
/// What this trades: a file handed to the kernel with write(2) already survives the death
/// of gantry (kill -9, a crash); the sync adds survival of a host or power failure, and
/// here it comes up to a few tens of milliseconds later instead of on the component's
/// own time, and for sure once Flush() returns (a run flushes before it reports).
///
/// Thread-safe. Paths that cannot be synced (pipes, terminals, read-only file systems)
/// are skipped; a file gone by the time its turn comes is skipped too (a later write
/// replaced it, and queued its own sync).
class BackgroundSync {
 public:
  /// The default window bounds how late a sync comes to 20 ms plus the sync itself,
  /// and the syncs of a busy run to about 50 a second.
  explicit BackgroundSync(std::chrono::milliseconds gather_window = std::chrono::milliseconds(20));

  /// Queues an fsync of the file or directory at `path`.
  void Sync(std::string path) { worker_.Push(std::move(path)); }
  /// Waits until every path queued before this call is synced; returns the first sync
  /// error since the last Flush, naming the path. Destruction flushes too.
  absl::Status Flush();

 private:
  void SyncBatch(std::vector<std::string> batch);

  std::mutex mu_;
  absl::Status error_;  // the first error since the last Flush
  exec::BatchWorker worker_;  // last: drains and stops before the members above go
};

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_BACKGROUND_SYNC_H_
