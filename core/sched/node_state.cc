#include "core/sched/node_state.h"

namespace gantry::sched {

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSucceeded: return "succeeded";
    case Outcome::kFailed: return "failed";
    case Outcome::kCancelled: return "cancelled";
    case Outcome::kThrottled: return "throttled";
    case Outcome::kBusy: return "busy";
  }
  return "?";
}

const char* NodeStateName(NodeState state) {
  switch (state) {
    case NodeState::kPending: return "pending";
    case NodeState::kRunning: return "running";
    case NodeState::kDeferred: return "deferred";
    case NodeState::kSucceeded: return "succeeded";
    case NodeState::kFailed: return "failed";
    case NodeState::kSkipped: return "skipped";
    case NodeState::kCancelled: return "cancelled";
    case NodeState::kNotSelected: return "not selected";
  }
  return "?";
}

const char* WaitReasonName(WaitReason reason) {
  switch (reason) {
    case WaitReason::kGlobalLimit: return "global_limit";
    case WaitReason::kGroupLimit: return "group_limit";
    case WaitReason::kAdaptiveLimit: return "adaptive_limit";
    case WaitReason::kBackoff: return "backoff";
    case WaitReason::kBusy: return "busy";
  }
  return "?";
}

}  // namespace gantry::sched
