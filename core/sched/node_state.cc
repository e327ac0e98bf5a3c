#include "core/sched/node_state.h"

namespace gantry::sched {

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSucceeded: return "succeeded";
    case Outcome::kFailed: return "failed";
    case Outcome::kCancelled: return "cancelled";
    case Outcome::kThrottled: return "throttled";
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

}  // namespace gantry::sched
