// How long each node waited ready but not running, and why: the run's slots all taken,
// a group full, a back-off, a busy resource. For admission events and the summary.
#ifndef GANTRY_CORE_SCHED_WAIT_CLOCK_H_
#define GANTRY_CORE_SCHED_WAIT_CLOCK_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "core/sched/node_state.h"

namespace gantry::sched {

/// Waits by WaitReason (indexed by its value).
using WaitTimes = std::array<absl::Duration, 5>;

/// The reason that accounts for most of `waits`; kGlobalLimit when they are all zero.
WaitReason DominantReason(const WaitTimes& waits);
/// The sum of `waits`.
absl::Duration TotalWait(const WaitTimes& waits);

/// Told when the run's slots fill up and free (GlobalFull) and each group does
/// (GroupFull), it keeps how long each group has been full while the run still had a
/// free slot (the run's limit binds first). A node's wait from Ready to Admitted is
/// split from the differences: its groups' full time (the longest one's, as groups full
/// at the same time overlap) is its group's, fixed or adaptive; the rest is the run's
/// limit's (its slots were full, or a better-ranked node took a free one first). A wait
/// from Deferred to the next Ready is the back-off's or the busy resource's.
///
/// No clock and no threads: times are passed in, the Executor serializes calls.
class WaitClock {
 public:
  using Time = std::chrono::steady_clock::time_point;

  /// `node_groups[n]`: n's limited groups (indices < adaptive.size()); `adaptive[g]`:
  /// whether group g's limit adapts.
  WaitClock(const std::vector<std::vector<int32_t>>& node_groups, std::vector<bool> adaptive);

  void GlobalFull(bool full, Time now);
  void GroupFull(int32_t group, bool full, Time now);

  /// `node` is ready (first, or again after a back-off) at `now`.
  void Ready(NodeId node, Time now);
  /// `node` went back to wait, throttled (`why` kBackoff) or busy (kBusy), at `now`.
  void Deferred(NodeId node, WaitReason why, Time now);
  /// `node`, ready, starts at `now`: its waits since it was last admitted (or first
  /// ready), by reason.
  WaitTimes Admitted(NodeId node, Time now);

 private:
  /// How long something has been full so far.
  struct FullTime {
    absl::Duration total;
    bool full = false;
    Time since;
    absl::Duration At(Time now) const {
      return full ? total + absl::FromChrono(now - since) : total;
    }
    void Set(bool now_full, Time now);
  };
  void SetGroupCounting(int32_t group, Time now);

  std::vector<int32_t> groups_begin_;  // node n's groups: groups_[begin[n] .. begin[n+1])
  std::vector<int32_t> groups_;
  std::vector<bool> adaptive_;
  bool global_full_ = false;       // every slot of the run is taken
  std::vector<FullTime> group_;    // counts while the group is full and the run is not
  std::vector<bool> group_full_;
  // Per node: when it became ready (or was deferred), its groups' full times then, and
  // its back-off's or busy wait not yet reported.
  std::vector<Time> ready_at_;
  std::vector<absl::Duration> group_at_;  // by groups_ position
  std::vector<bool> deferred_;  // between Deferred and the next Ready
  std::vector<WaitReason> deferred_why_;
  std::vector<absl::Duration> deferred_wait_;
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_WAIT_CLOCK_H_
