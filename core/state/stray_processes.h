// Processes that ran for a component of this deployment in a run that is no longer live:
// what a killed gantry may leave behind when its guardian could not stop them.
#ifndef GANTRY_CORE_STATE_STRAY_PROCESSES_H_
#define GANTRY_CORE_STATE_STRAY_PROCESSES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "core/exec/process_tag.h"
#include "core/state/layout.h"

namespace gantry::state {

/// Stray processes by component name.
using StrayProcesses = absl::flat_hash_map<std::string, std::vector<exec::TaggedProcess>>;

/// One pass over /proc: the live processes tagged with a run of this deployment (one
/// that has runs/<run>/) other than `current_run` whose run is not live (its .live lock
/// is free: the gantry that ran it is gone).
StrayProcesses FindStrayProcesses(const Layout& layout, std::string_view current_run = {});

/// Waits up to `timeout` for `processes` to end (each still counts while a process of
/// that pid carries the same tag); returns those still running then.
std::vector<exec::TaggedProcess> WaitForStrays(std::vector<exec::TaggedProcess> processes,
                                               absl::Duration timeout);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_STRAY_PROCESSES_H_
