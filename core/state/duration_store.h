// How long each component's last successful apply took: the scheduler's priority hint.
#ifndef GANTRY_CORE_STATE_DURATION_STORE_H_
#define GANTRY_CORE_STATE_DURATION_STORE_H_

#include <filesystem>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace gantry::state {

/// Component name to the duration of its last successful apply.
using Durations = std::map<std::string, absl::Duration>;

/// Reads the durations file of a target (Layout::DurationsPath). NotFound when there is
/// none yet; DataLoss naming the file when it is not one. Callers treat both as "no
/// hint": the file steers only the order of ready components, never what runs.
///
/// The file, one per target so that a run reads one file instead of one per component:
///
///     {"schema":1,"seconds":{"network":12.5,"app":3.25}}
absl::StatusOr<Durations> ReadDurations(const std::filesystem::path& path);

/// Merges `measured` into the durations file at `path`: entries of `measured` replace
/// those of the same name, and names not in `known` (components no longer in the
/// deployment) are dropped. Two runs of one target merging at once are serialized by
/// `<path>.lock`, so neither loses the other's entries. The file is replaced atomically
/// (record::WriteFileAtomically: a synced temporary file renamed over it).
absl::Status RecordDurations(const std::filesystem::path& path, const Durations& measured,
                             absl::Span<const std::string> known);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_DURATION_STORE_H_
