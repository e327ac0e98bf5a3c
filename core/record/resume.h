// `--resume RUN`: what a new run takes over from a previous one, and what it runs again.
#ifndef GANTRY_CORE_RECORD_RESUME_H_
#define GANTRY_CORE_RECORD_RESUME_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/record/run_record.h"

namespace gantry::record {

/// One output of one component.
struct OutputKey {
  std::string component;
  std::string key;
  bool operator==(const OutputKey&) const = default;
};

struct ResumePlan {
  std::string previous_run_id;
  /// The components the previous run completed (status ok, including ones it had itself
  /// reused): not run again. Each is ready for the new run's record and journal
  /// (ComponentReusedEvent): name, type, status kOk, attempts 0, the recorded outputs,
  /// and reused_from = the run that actually executed it. Sorted by name.
  std::vector<ComponentRecord> reused;
  /// Every other component the previous run selected (failed, cancelled, skipped, or
  /// never reached because it was interrupted): the new run's selection. Sorted.
  std::vector<std::string> rerun;
  /// Sensitive outputs of reused components. Journals never hold a secret, so their
  /// values here are "***": take them from the component's state, or rerun the component
  /// (RerunMaskedProducers). Sorted.
  std::vector<OutputKey> masked_outputs;
};

/// Plans resuming `previous` (read from its journal) with a new run of `operation` on
/// `target`. kFailedPrecondition, naming both sides, when the previous run was of
/// another operation or another target: a resumed run must do what the first one did.
/// A previous run that succeeded entirely gives an empty `rerun`.
absl::StatusOr<ResumePlan> PlanResume(const RunRecord& previous, std::string_view operation,
                                      std::string_view target);

/// Moves every reused component with a sensitive output to `rerun` (keeping it sorted)
/// and clears `masked_outputs`: for a caller that cannot read those values elsewhere.
void RerunMaskedProducers(ResumePlan& plan);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RESUME_H_
