// Where a run stands, for the live status line and the status lines of skipped components.
#ifndef GANTRY_CORE_CONSOLE_RUN_PROGRESS_H_
#define GANTRY_CORE_CONSOLE_RUN_PROGRESS_H_

#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "core/record/run_record.h"

namespace gantry::console {

/// Counts components by state as the console hears of them. Thread-safe.
class RunProgress {
 public:
  /// Forgets everything: `run.components` are the selected ones (all pending), the run
  /// began at `started`.
  void Start(const record::RunRecord& run, absl::Time started);
  /// `name` is running (again, for a retry).
  void Started(const std::string& name);
  /// `component` reached its final status.
  void Finished(const record::ComponentRecord& component);

  /// The last status heard of `name`; kPending for a name never heard of.
  record::ComponentStatus StatusOf(const std::string& name) const;
  absl::Time started() const;

  /// "[3/10 done, 1 failed, running: a, b, c (+2) — 12s]": done counts components in a
  /// final state, "N failed" appears once one has, at most three running names are
  /// listed (in the order they started).
  std::string StatusLine(absl::Time now) const;

 private:
  mutable std::mutex mu_;  // Guards the members below (std::mutex: see terminal.h).
  absl::Time started_ = absl::InfinitePast();
  int total_ = 0;
  int done_ = 0;
  int failed_ = 0;
  absl::flat_hash_map<std::string, record::ComponentStatus> status_;
  std::vector<std::string> running_;  // In start order.
};

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_RUN_PROGRESS_H_
