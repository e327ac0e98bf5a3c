// The ready nodes of a run in priority order, and the group limits that decide which of
// them may start now.
#ifndef GANTRY_CORE_SCHED_READY_QUEUE_H_
#define GANTRY_CORE_SCHED_READY_QUEUE_H_

#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/graph/graph.h"

namespace gantry::sched {

using graph::NodeId;

/// Ready nodes are kept in one ordered set per *signature* (the distinct set of limited
/// groups its nodes belong to), and the signatures whose groups all have a free slot are
/// kept ordered by their best node. So the best node that fits is found in O(1), a node
/// whose group is full never hides one that fits (no head-of-line blocking), and Push,
/// Erase, Start and Finish cost O(log V) (amortized) plus, when a group fills up or frees
/// its first slot, O(number of signatures containing that group) — a handful in
/// practice, since signatures come from the configured limits.
///
/// Single-threaded; knows nothing of the graph or of failures.
class ReadyQueue {
 public:
  /// `rank[n]`: n's priority, lower starts first; ranks are distinct.
  /// `groups[n]`: indices into `limits` of n's limited groups, without duplicates.
  /// `limits[g]` >= 1: the most nodes of group g running at once.
  ReadyQueue(std::vector<int32_t> rank, const std::vector<std::vector<int32_t>>& groups,
             std::vector<int32_t> limits);

  /// n became ready. It must not be queued.
  void Push(NodeId n);
  /// n is no longer ready and will not start (skipped). It must be queued.
  void Erase(NodeId n);
  /// Erases every queued node; running counts are kept.
  void Clear();
  bool queued(NodeId n) const { return queued_[n]; }

  /// The best queued node whose groups all have a free slot; nullopt if none.
  std::optional<NodeId> Top() const;
  /// True if every group of n has a free slot.
  bool Fits(NodeId n) const;

  /// n starts: it must be queued and fit. It leaves the queue and takes a slot in each of
  /// its groups.
  void Start(NodeId n);
  /// n, started before, has finished: its slots are freed.
  void Finish(NodeId n);

  /// Group g now allows `limit` (>= 1) nodes at once. A lower limit stops nothing that
  /// runs: the group stays full until enough of them have finished.
  void SetLimit(int32_t g, int32_t limit);
  int32_t limit(int32_t g) const { return limit_[g]; }
  int32_t running(int32_t g) const { return running_[g]; }

 private:
  struct Signature {
    std::vector<int32_t> groups;
    // A min-heap of the ranks of its queued nodes (no allocation per push, unlike a set).
    // Erase leaves a node's rank behind unless it is on top; the top is always a queued
    // node's, so stale ranks are dropped only when they surface.
    std::vector<int32_t> ranks;
    int32_t full_groups = 0;  // how many of `groups` have no free slot
  };

  static int32_t Best(const Signature& s) { return s.ranks.empty() ? -1 : s.ranks.front(); }
  // Pops stale ranks off the top of s's heap.
  void DropStale(Signature& s);

  bool Open(const Signature& s) const { return s.full_groups == 0; }
  /// Keeps open_ in step after the best rank of signature s may have changed from `old_best`
  /// (-1: it was empty).
  void Reseat(int32_t s, int32_t old_best);
  /// Keeps full_[g] and the signatures containing g in step with running_ and limit_.
  void UpdateFull(int32_t g);
  void GroupFilled(int32_t g);
  void GroupFreed(int32_t g);

  std::vector<int32_t> rank_;       // node -> rank
  std::vector<NodeId> by_rank_;     // rank -> node
  std::vector<int32_t> signature_;  // node -> signature
  std::vector<bool> queued_;
  std::vector<Signature> signatures_;
  std::vector<int32_t> limit_, running_;          // per group
  std::vector<bool> full_;                        // per group: running_ >= limit_
  std::vector<std::vector<int32_t>> containing_;  // group -> signatures containing it
  std::set<std::pair<int32_t, int32_t>> open_;    // (best rank, signature), open ones only
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_READY_QUEUE_H_
