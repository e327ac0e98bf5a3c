// A run's journal read back into a RunRecord: for --resume, `runs list` and `runs show`.
#ifndef GANTRY_CORE_RECORD_JOURNAL_READER_H_
#define GANTRY_CORE_RECORD_JOURNAL_READER_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/record/run_event.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// What a journal says about its run.
struct Journal {
  /// Components are those announced by run_started plus any later event names, sorted by
  /// name. In an interrupted run some stay kPending or kRunning; `finished` is
  /// InfinitePast and exit_code 0 (unknown) unless run_finished was read.
  RunRecord run;
  /// run_finished was read. False: the run was interrupted (gantry killed, host crash)
  /// or is still going.
  bool complete = false;
  /// The last line could not be read and was ignored (a write cut short).
  bool truncated_tail = false;
  /// Nothing readable: the journal is empty, or holds only a cut first line (a disk full
  /// or a crash as the run started). `run` then knows nothing, not even its id.
  bool empty = false;
  /// The time of the last event read: how far an interrupted run got.
  absl::Time last_event = absl::InfinitePast();
  /// By component name, each attempt that started, in order; a component that never
  /// started (skipped, reused, not reached) has none.
  std::map<std::string, std::vector<AttemptRecord>> attempts;

  /// The journal stops short of what the run wrote, or meant to write: it is empty or
  /// its last line was cut (gantry or the host died, or the disk filled, mid-write).
  bool incomplete() const { return empty || truncated_tail; }
};

/// Folds events, in journal order, into a RunRecord. Refuses an inconsistent sequence:
/// anything before run_started or after run_finished, a second run_started, an event of
/// another run, a component event after that component ended.
class RunRecordBuilder {
 public:
  absl::Status Apply(const RunEvent& event);

  /// False until a run_started was applied.
  bool started() const { return started_; }
  const Journal& journal() const { return journal_; }
  /// Moves the journal out; the builder is empty afterwards.
  Journal TakeJournal() { return std::exchange(journal_, Journal()); }

 private:
  // The component named `name`, added (pending, in name order) if unknown.
  ComponentRecord& Component(const std::string& name);
  // The latest attempt of the component `name`; null before its first.
  AttemptRecord* LastAttempt(const std::string& name);

  bool started_ = false;
  Journal journal_;
};

/// Reads a journal's text. `file` names it in errors, which read "file:line: message".
/// Blank lines are skipped. A last line that is not a valid event is ignored
/// (truncated_tail) unless it is a valid event of a newer schema. A journal with nothing
/// else (empty, blank, or one cut line) is `empty`. Any other bad line, or events
/// without a run_started first, is an error.
absl::StatusOr<Journal> ParseJournal(std::string_view text, std::string_view file);

/// ParseJournal of the file at `path`.
absl::StatusOr<Journal> ReadJournal(const std::string& path);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_JOURNAL_READER_H_
