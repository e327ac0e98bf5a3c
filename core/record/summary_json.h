// The JSON summary of a run: `--summary FILE` and .gantry/runs/<run>/summary.json.
#ifndef GANTRY_CORE_RECORD_SUMMARY_JSON_H_
#define GANTRY_CORE_RECORD_SUMMARY_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "core/record/run_record.h"
#include "nlohmann/json.hpp"

namespace gantry::record {

/// The version of the summary document; bumped on any incompatible change.
inline constexpr int kSummarySchemaVersion = 1;

/// The summary of `run`:
///   schema, run_id, operation, target, deployment_file, resumed_from (or null),
///   started, finished (RFC 3339 UTC ms, or null), duration_seconds, exit_code
///   (null when the run has no finish time: interrupted), max_concurrency,
///   counts {ok, failed, skipped, cancelled},
///   components: [{name, type, status, started, finished, duration_seconds, attempts,
///                 ready_wait_seconds, wait_reason ("global_limit", "group_limit",
///                 "adaptive_limit", "backoff", "busy"), slot, skip_cause, error, nothing_to_do, changes, reused_from, log,
///                 workspace, outputs {key: value}}]
/// Fields that do not apply are null, but for `changes` ({has_changes, add, change,
/// destroy}, unknown counts null), present only when the plugin reported them. An
/// output's value is a string, or the parsed JSON value for GANTRY_OUTPUT_JSON outputs;
/// sensitive ones are always "***".
nlohmann::ordered_json SummaryJson(const RunRecord& run);

/// SummaryJson(run), indented, written atomically (WriteFileAtomically) to `path`.
absl::Status WriteSummary(const std::string& path, const RunRecord& run);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_SUMMARY_JSON_H_
