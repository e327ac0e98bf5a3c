// The table printed when a run ends.
#ifndef GANTRY_CORE_CONSOLE_SUMMARY_TABLE_H_
#define GANTRY_CORE_CONSOLE_SUMMARY_TABLE_H_

#include <cstddef>
#include <string>

#include "absl/time/time.h"
#include "core/console/style.h"
#include "core/record/run_record.h"

namespace gantry::console {

/// The end of a run, as printed:
///
///     component    type    status   duration  attempts
///     app          custom  skipped  -                0
///     network/vpc  custom  failed   2.1s             2
///
///     network/vpc failed: exit status 1
///       | <the last `tail_lines` lines of its log>
///       log: /abs/.gantry/runs/<run>/logs/network/vpc.log
///
///     0 ok, 1 failed, 1 skipped, 0 cancelled in 12.3s
///
/// When a component reported changes (record::ChangesText), a "changes" column follows
/// "status" ("-" for those that reported none) and a last line counts them: "2
/// components with changes, 1 without". Columns are aligned (on the text without
/// colors); a failed component's log is read from its log_path (a line says so when it
/// cannot be), its lines and errors shown neutralised (exec/inert_text.h). The files the run could not write
/// (run.write_errors) are listed under "not written" before the totals. `elapsed` is
/// the run's wall time.
std::string RenderSummary(const record::RunRecord& run, absl::Duration elapsed,
                          size_t tail_lines, const Style& style);

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_SUMMARY_TABLE_H_
