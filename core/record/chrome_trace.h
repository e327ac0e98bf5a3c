// A run as a Chrome trace-event file (`--trace FILE`), for Perfetto or chrome://tracing.
#ifndef GANTRY_CORE_RECORD_CHROME_TRACE_H_
#define GANTRY_CORE_RECORD_CHROME_TRACE_H_

#include <string>

#include "absl/status/status.h"
#include "core/record/run_record.h"
#include "nlohmann/json.hpp"

namespace gantry::record {

/// {"traceEvents": [...], "displayTimeUnit": "ms"} with, all in process 1:
///  - metadata ("ph": "M"): process_name "gantry <operation> [<target>]", and for each
///    row a thread_name and thread_sort_index;
///  - one complete event ("ph": "X") per component that started: name = component,
///    cat = type, ts/dur in microseconds since the run started, tid = slot + 1 (row
///    "slot N"), args {type, status, attempts, error?}; it spans all its attempts;
///  - one instant event ("ph": "i", "s": "t") per skipped component at the time it was
///    skipped, on a row of its own named "skipped", args {type, status, skip_cause}.
///  - for each limited group, a counter track "group <name>" ("ph": "C") with two
///    series, `limit` and `in_flight`, one sample per change (run.group_loads).
/// A component still running in an interrupted record ends at the last time known.
/// Components reused from an earlier run did not run here and have no event.
nlohmann::json ChromeTraceJson(const RunRecord& run);

/// ChromeTraceJson(run), written atomically to `path`.
absl::Status WriteChromeTrace(const std::string& path, const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_CHROME_TRACE_H_
