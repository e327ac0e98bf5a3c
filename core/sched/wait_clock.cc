#include "core/sched/wait_clock.h"

#include <algorithm>
#include <utility>

namespace gantry::sched {

WaitReason DominantReason(const WaitTimes& waits) {
  const auto most = std::max_element(waits.begin(), waits.end());
  return *most > absl::ZeroDuration() ? static_cast<WaitReason>(most - waits.begin())
                                      : WaitReason::kGlobalLimit;
}

absl::Duration TotalWait(const WaitTimes& waits) {
  absl::Duration total;
  for (absl::Duration wait : waits) total += wait;
  return total;
}

void WaitClock::FullTime::Set(bool now_full, Time now) {
  if (now_full == full) return;
  if (full) total += absl::FromChrono(now - since);
  full = now_full;
  since = now;
}

WaitClock::WaitClock(const std::vector<std::vector<int32_t>>& node_groups,
                     std::vector<bool> adaptive)
    : adaptive_(std::move(adaptive)),
      group_(adaptive_.size()),
      group_full_(adaptive_.size(), false),
      ready_at_(node_groups.size()),
      deferred_(node_groups.size(), false),
      deferred_why_(node_groups.size(), WaitReason::kBackoff),
      deferred_wait_(node_groups.size()) {
  groups_begin_.reserve(node_groups.size() + 1);
  groups_begin_.push_back(0);
  for (const std::vector<int32_t>& groups : node_groups) {
    groups_.insert(groups_.end(), groups.begin(), groups.end());
    groups_begin_.push_back(static_cast<int32_t>(groups_.size()));
  }
  group_at_.resize(groups_.size());
}

void WaitClock::GlobalFull(bool full, Time now) {
  if (full == global_full_) return;
  global_full_ = full;
  // A group's time counts only while the run has a free slot.
  for (size_t g = 0; g < group_.size(); ++g) SetGroupCounting(static_cast<int32_t>(g), now);
}

void WaitClock::GroupFull(int32_t group, bool full, Time now) {
  group_full_[group] = full;
  SetGroupCounting(group, now);
}

void WaitClock::SetGroupCounting(int32_t group, Time now) {
  group_[group].Set(group_full_[group] && !global_full_, now);
}

void WaitClock::Ready(NodeId node, Time now) {
  if (deferred_[node]) {  // again, after a back-off or a busy answer
    deferred_[node] = false;
    deferred_wait_[node] = absl::FromChrono(now - ready_at_[node]);
  }
  ready_at_[node] = now;
  for (int32_t i = groups_begin_[node]; i < groups_begin_[node + 1]; ++i)
    group_at_[i] = group_[groups_[i]].At(now);
}

void WaitClock::Deferred(NodeId node, WaitReason why, Time now) {
  deferred_[node] = true;
  deferred_why_[node] = why;
  ready_at_[node] = now;  // the back-off's wait runs from here to the next Ready
}

WaitTimes WaitClock::Admitted(NodeId node, Time now) {
  const absl::Duration waited = absl::FromChrono(now - ready_at_[node]);
  absl::Duration group;
  WaitReason group_reason = WaitReason::kGroupLimit;
  for (int32_t i = groups_begin_[node]; i < groups_begin_[node + 1]; ++i) {
    const absl::Duration full = group_[groups_[i]].At(now) - group_at_[i];
    if (full > group) {
      group = full;
      group_reason = adaptive_[groups_[i]] ? WaitReason::kAdaptiveLimit : WaitReason::kGroupLimit;
    }
  }
  // Between two admissions a node is deferred at most once (only a running node is).
  WaitTimes waits{};
  waits[static_cast<size_t>(deferred_why_[node])] = std::exchange(deferred_wait_[node], {});
  group = std::min(group, waited);
  waits[static_cast<size_t>(group_reason)] += group;
  // The rest is the run's: its slots were full, or a better-ranked node took a free one.
  waits[static_cast<size_t>(WaitReason::kGlobalLimit)] += waited - group;
  return waits;
}

}  // namespace gantry::sched
