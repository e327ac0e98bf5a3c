// Finding and stopping what a component left running after it ended.
#ifndef GANTRY_CORE_EXEC_LEFTOVER_SWEEP_H_
#define GANTRY_CORE_EXEC_LEFTOVER_SWEEP_H_

#include <functional>
#include <optional>
#include <vector>

#include "core/exec/process_tag.h"

namespace gantry::exec {

/// Makes this process the child subreaper of all its descendants (PR_SET_CHILD_SUBREAPER):
/// a process whose parent exits is re-parented to gantry instead of init, so a daemon a
/// component started with setsid or a double fork stays within reach. False where the
/// kernel does not support it (then such processes cannot be swept, only found by their
/// tag: see RunGuardian).
bool BecomeSubreaper();

/// Stops the orphans this process adopted that `belongs` accepts (given their tag, or
/// nullopt for a process without one) with SIGKILL — each, and the process group it
/// leads or was left in — then what those leave in turn, until none is left; reaps every
/// adopted child that has exited. Never touches a child registered in ChildRegistry, nor
/// this process's own group. Returns what it killed.
///
/// Cheap when there is nothing to do: one read of this process's children list.
std::vector<TaggedProcess> SweepLeftovers(
    const std::function<bool(const std::optional<ProcessTag>&)>& belongs);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_LEFTOVER_SWEEP_H_
