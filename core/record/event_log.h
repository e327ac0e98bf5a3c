// An append-only file of event lines: the run's journal and `--events FILE`.
#ifndef GANTRY_CORE_RECORD_EVENT_LOG_H_
#define GANTRY_CORE_RECORD_EVENT_LOG_H_

#include <memory>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/record/background_sync.h"
#include "core/record/run_event.h"

namespace gantry::record {

struct EventLogOptions {
  /// Empty the file when opening it (O_TRUNC): one file, one run. Off: lines are added
  /// after whatever the file holds.
  bool truncate = false;
  /// fdatasync(2) after the events resume depends on (run_started, component_finished,
  /// component_reused, run_finished), so they survive a host or power failure, not only a
  /// crash of gantry.
  bool sync_completions = false;
  /// With sync_completions: hand those syncs to this thread instead of making Append
  /// wait for the disk (see BackgroundSync). Must outlive the log.
  BackgroundSync* background_sync = nullptr;
  /// Create missing parent directories (mode 0777 & ~umask).
  bool create_directories = false;

  /// .gantry/runs/<run>/journal.jsonl: appended, completions synced, directories made.
  static EventLogOptions Journal();
  /// `--events FILE`: replaced by each run, synced once when closed (it may be a pipe).
  static EventLogOptions EventsFile();
};

/// Writes RunEvents as JSON lines (EventToJson), one write(2) per event carrying the whole
/// line with its '\n', to a file opened O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC (mode 0666 &
/// ~umask: record files hold no secrets). A kill -9 of gantry therefore never leaves half
/// a line; only a write cut by the kernel (full disk, host crash) can, and readers ignore
/// a bad last line.
///
/// Durability: each write hands the line to the kernel, which keeps it if gantry dies.
/// With sync_completions the lines resume needs are also fdatasync'ed; Close() syncs
/// everything. Syncs of files that cannot be synced (pipes, terminals) are skipped.
///
/// Thread-safe: Append may be called from many threads; lines never interleave, and they
/// appear in the order the calls took the log's lock.
class EventLog {
 public:
  static absl::StatusOr<std::unique_ptr<EventLog>> Open(const std::string& path,
                                                        const EventLogOptions& options);
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;
  /// Closes the file if Close() was not called, ignoring errors.
  ~EventLog();

  /// Writes `event` as one line. After a failed write every later Append fails too,
  /// with the first error: a line written after a cut one would leave the cut line in the
  /// middle of the file, where readers refuse it.
  absl::Status Append(const RunEvent& event) ABSL_LOCKS_EXCLUDED(mu_);

  /// Syncs and closes the file; the first error of the log's life if any. Later Appends
  /// fail. Idempotent.
  absl::Status Close() ABSL_LOCKS_EXCLUDED(mu_);

  const std::string& path() const { return path_; }

  /// The write that failed found no reader: the file is a pipe or FIFO whose reader
  /// closed it. Nothing was lost on gantry's side (unlike a full disk).
  bool reader_gone() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  EventLog(std::string path, int fd, const EventLogOptions& options)
      : path_(std::move(path)), options_(options), fd_(fd) {}

  absl::Status Sync() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  const EventLogOptions options_;
  mutable absl::Mutex mu_;
  int fd_ ABSL_GUARDED_BY(mu_);  // -1 once closed
  absl::Status error_ ABSL_GUARDED_BY(mu_);  // the first failure; sticky
  bool reader_gone_ ABSL_GUARDED_BY(mu_) = false;  // error_ is EPIPE
};

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_EVENT_LOG_H_
