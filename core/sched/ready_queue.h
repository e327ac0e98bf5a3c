// The ready nodes of a run in priority order, the group limits that decide which of
// them may start now, and the fair share of starts between their groups.
#ifndef GANTRY_CORE_SCHED_READY_QUEUE_H_
#define GANTRY_CORE_SCHED_READY_QUEUE_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "core/graph/graph.h"

namespace gantry::sched {

using graph::NodeId;

/// Ready nodes are kept in one heap per *signature* (the distinct set of limited groups
/// its nodes belong to; the empty set is one too), and the signatures whose groups all
/// have a free slot are kept ordered, so the next node to start is found in O(1) and a
/// node whose group is full never hides one that fits (no head-of-line blocking).
///
/// Signatures share the starts by start-time fair queueing (docs/scheduler.md, "Fairness
/// across groups"): each has a virtual time `served`, and the next start goes to the open
/// signature with the smallest (served, best rank), to its best-ranked node. So one
/// signature with 500 ready nodes cannot starve one with 5, and inside a signature the
/// rank decides. With one signature (no limited groups, or all nodes in the same ones)
/// the order is the rank order.
///
/// Push, Erase, Start and Finish cost O(log V) (amortized) plus O(log S) for S
/// signatures, plus, when a group fills up or frees its first slot, O(log S) per
/// signature containing that group — a handful in practice, since signatures come from
/// the configured limits. In steady state nothing allocates: heaps keep their capacity
/// and open_ reuses its nodes.
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

  /// The node to start next: of the signatures with a queued node whose groups all have
  /// a free slot, the one least served (ties: the best rank), its best-ranked node.
  /// nullopt if none.
  std::optional<NodeId> Top() const;
  /// True if every group of n has a free slot.
  bool Fits(NodeId n) const;

  /// n starts: it must be queued and fit. It leaves the queue, takes a slot in each of its
  /// groups and counts as a start of its signature.
  void Start(NodeId n);
  /// n, started before, has finished: its slots are freed.
  void Finish(NodeId n);

  /// Group g now allows `limit` (>= 1) nodes at once. A lower limit stops nothing that
  /// runs: the group stays full until enough of them have finished.
  void SetLimit(int32_t g, int32_t limit);
  int32_t limit(int32_t g) const { return limit_[g]; }
  int32_t running(int32_t g) const { return running_[g]; }

 private:
  /// A signature's place in open_: the least served first, then the best node.
  struct Seat {
    int64_t served;
    int32_t best;
    int32_t signature;
    auto operator<=>(const Seat&) const = default;
  };
  using Seats = std::set<Seat>;

  struct Signature {
    std::vector<int32_t> groups;
    // A min-heap of the ranks of its queued nodes (no allocation per push, unlike a set).
    // Erase leaves a node's rank behind unless it is on top; the top is always a queued
    // node's, so stale ranks are dropped only when they surface.
    std::vector<int32_t> ranks;
    int32_t full_groups = 0;  // how many of `groups` have no free slot
    // Its virtual time: one more than vtime_ at its last start, raised to vtime_ when it
    // gets a ready node after having none. Never lowered.
    int64_t served = 0;
  };

  static int32_t Best(const Signature& s) { return s.ranks.empty() ? -1 : s.ranks.front(); }
  // Pops stale ranks off the top of s's heap.
  void DropStale(Signature& s);

  bool Open(const Signature& s) const { return s.full_groups == 0; }
  /// In open_: open and with a queued node.
  bool Seated(const Signature& s) const { return Open(s) && !s.ranks.empty(); }
  Seat SeatOf(int32_t s) const { return {signatures_[s].served, Best(signatures_[s]), s}; }
  /// Keeps open_ in step after a change to signature s, which was `before` (in open_ if
  /// `was_seated`).
  void Reseat(int32_t s, bool was_seated, const Seat& before);
  /// Insert into and remove from open_, reusing the set's nodes (kept in spare_).
  void TakeSeat(const Seat& seat);
  void LeaveSeat(const Seat& seat);
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
  Seats open_;                                    // the seated signatures
  std::vector<Seats::node_type> spare_;           // open_'s nodes not in use
  // The largest `served` a signature had when it started a node; the virtual time a
  // signature starts from when it gets ready nodes again. Stays 0 with one signature.
  int64_t vtime_ = 0;
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_READY_QUEUE_H_
