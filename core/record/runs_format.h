// What `gantry runs list` and `gantry runs show RUN` print.
#ifndef GANTRY_CORE_RECORD_RUNS_FORMAT_H_
#define GANTRY_CORE_RECORD_RUNS_FORMAT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "core/record/journal_reader.h"
#include "core/record/runs_index.h"

namespace gantry::record {

/// The shortest prefix length, at least 8, that tells every id of `runs` apart.
size_t ShortIdLength(const std::vector<RunListing>& runs);

/// A table, one run per line as ListRuns orders them: RUN (short id), OPERATION, TARGET
/// ("-" for the default), STARTED (in `zone`), DURATION, OK, FAILED, SKIPPED, CANCELLED,
/// RESULT ("exit N", "interrupted", "incomplete" when the journal was cut or is empty,
/// or "unreadable: why"). An interrupted run's duration
/// runs to its last event. No runs: one line saying so.
void PrintRunList(const std::vector<RunListing>& runs, std::ostream& out,
                  absl::TimeZone zone = absl::LocalTimeZone());

/// How far the run got: to run_finished, or to its last event when interrupted.
absl::Duration RunDuration(const Journal& journal);
/// "exit code N", "incomplete (the journal was cut short)" or "interrupted (the journal
/// has no run_finished)".
std::string RunResultText(const Journal& journal);
/// A component's status for people: ShownStatus, "ok (reused)", and in an interrupted
/// run "not started" (pending) or "interrupted" (running). Not neutralised.
std::string ComponentStatusText(const ComponentRecord& component, std::string_view operation,
                                bool complete);
/// Why a skipped component was skipped: "after app failed", "the run was cancelled".
/// Not neutralised.
std::string SkipText(const RunRecord& run, const ComponentRecord& component);

/// One run: a header (id, operation, target, file, resumed from, started, finished or
/// interrupted, duration, result, concurrency), a table of its components (COMPONENT,
/// TYPE, STATUS, CHANGES when any component reported changes, DURATION, ATTEMPTS, LOG)
/// and how many had changes ("2 components with changes, 1 without"), then sections
/// for errors, records the run could not write ("not written"), skip causes and outputs
/// (sensitive ones as "***"), each only when not empty. Text from the journal is shown
/// neutralised.
void PrintRunDetails(const Journal& journal, std::ostream& out,
                     absl::TimeZone zone = absl::LocalTimeZone());

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RUNS_FORMAT_H_
