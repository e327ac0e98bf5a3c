#include "core/sched/ready_queue.h"

#include <algorithm>
#include <functional>

#include "absl/base/internal/raw_logging.h"
#include "absl/container/flat_hash_map.h"

namespace gantry::sched {

ReadyQueue::ReadyQueue(std::vector<int32_t> rank,
                       const std::vector<std::vector<int32_t>>& groups,
                       std::vector<int32_t> limits)
    : rank_(std::move(rank)),
      by_rank_(rank_.size()),
      signature_(rank_.size()),
      queued_(rank_.size(), false),
      limit_(std::move(limits)),
      running_(limit_.size(), 0),
      full_(limit_.size(), false),
      containing_(limit_.size()) {
  ABSL_RAW_CHECK(groups.size() == rank_.size(), "one group list per node");
  absl::flat_hash_map<std::vector<int32_t>, int32_t> interned;
  for (size_t n = 0; n < rank_.size(); ++n) {
    by_rank_[rank_[n]] = static_cast<NodeId>(n);
    std::vector<int32_t> key = groups[n];
    std::sort(key.begin(), key.end());
    auto [it, inserted] = interned.try_emplace(key, static_cast<int32_t>(signatures_.size()));
    if (inserted) {
      for (int32_t g : key) containing_[g].push_back(it->second);
      signatures_.push_back(Signature{std::move(key), {}, 0, 0});
    }
    signature_[n] = it->second;
  }
  spare_.reserve(signatures_.size());  // each signature holds at most one of open_'s nodes
}

void ReadyQueue::DropStale(Signature& s) {
  while (!s.ranks.empty() && !queued_[by_rank_[s.ranks.front()]]) {
    std::pop_heap(s.ranks.begin(), s.ranks.end(), std::greater<>());
    s.ranks.pop_back();
  }
}

void ReadyQueue::TakeSeat(const Seat& seat) {
  if (spare_.empty()) {
    open_.insert(seat);
    return;
  }
  Seats::node_type node = std::move(spare_.back());
  spare_.pop_back();
  node.value() = seat;
  open_.insert(std::move(node));
}

void ReadyQueue::LeaveSeat(const Seat& seat) { spare_.push_back(open_.extract(seat)); }

void ReadyQueue::Reseat(int32_t s, bool was_seated, const Seat& before) {
  const bool seated = Seated(signatures_[s]);
  const Seat now = SeatOf(s);
  if (was_seated && seated && now == before) return;
  if (was_seated) LeaveSeat(before);
  if (seated) TakeSeat(now);
}

void ReadyQueue::Push(NodeId n) {
  ABSL_RAW_CHECK(!queued_[n], "node already queued");
  queued_[n] = true;
  const int32_t s = signature_[n];
  Signature& sig = signatures_[s];
  const bool was_seated = Seated(sig);
  const Seat before = SeatOf(s);
  // Ready nodes again after none: no credit for the time it had nothing to start.
  if (sig.ranks.empty()) sig.served = std::max(sig.served, vtime_);
  sig.ranks.push_back(rank_[n]);
  std::push_heap(sig.ranks.begin(), sig.ranks.end(), std::greater<>());
  Reseat(s, was_seated, before);
}

void ReadyQueue::Erase(NodeId n) {
  ABSL_RAW_CHECK(queued_[n], "node not queued");
  const int32_t s = signature_[n];
  Signature& sig = signatures_[s];
  const bool was_seated = Seated(sig);
  const Seat before = SeatOf(s);
  queued_[n] = false;
  DropStale(sig);  // n's rank, if on top, and any stale ones under it
  Reseat(s, was_seated, before);
}

void ReadyQueue::Clear() {
  for (Signature& sig : signatures_) {
    for (int32_t r : sig.ranks) queued_[by_rank_[r]] = false;  // stale ones: already false
    sig.ranks.clear();
  }
  while (!open_.empty()) spare_.push_back(open_.extract(open_.begin()));
}

std::optional<NodeId> ReadyQueue::Top() const {
  if (open_.empty()) return std::nullopt;
  return by_rank_[open_.begin()->best];
}

bool ReadyQueue::Fits(NodeId n) const { return Open(signatures_[signature_[n]]); }

void ReadyQueue::Start(NodeId n) {
  ABSL_RAW_CHECK(queued_[n], "node not queued");
  ABSL_RAW_CHECK(Fits(n), "node started while one of its groups is full");
  const int32_t s = signature_[n];
  Signature& sig = signatures_[s];
  const Seat before = SeatOf(s);
  queued_[n] = false;
  DropStale(sig);
  // Start-time fair queueing. One signature has no one to be fair to: skip it.
  if (signatures_.size() > 1) {
    // served may be below vtime_ after a time with a full group: the one start it wins
    // at once is all the catching up it gets, never a burst.
    vtime_ = std::max(vtime_, sig.served);
    sig.served = vtime_ + 1;
  }
  Reseat(s, /*was_seated=*/true, before);
  for (int32_t g : sig.groups) {
    ++running_[g];
    UpdateFull(g);
  }
}

void ReadyQueue::Finish(NodeId n) {
  for (int32_t g : signatures_[signature_[n]].groups) {
    ABSL_RAW_CHECK(running_[g] > 0, "group slot freed twice");
    --running_[g];
    UpdateFull(g);
  }
}

void ReadyQueue::SetLimit(int32_t g, int32_t limit) {
  ABSL_RAW_CHECK(limit >= 1, "a group limit is at least 1");
  limit_[g] = limit;
  UpdateFull(g);
}

void ReadyQueue::UpdateFull(int32_t g) {
  const bool full = running_[g] >= limit_[g];
  if (full == full_[g]) return;
  full_[g] = full;
  if (full) {
    GroupFilled(g);
  } else {
    GroupFreed(g);
  }
}

void ReadyQueue::GroupFilled(int32_t g) {
  for (int32_t s : containing_[g]) {
    Signature& sig = signatures_[s];
    if (sig.full_groups++ == 0 && !sig.ranks.empty()) LeaveSeat(SeatOf(s));
  }
}

void ReadyQueue::GroupFreed(int32_t g) {
  for (int32_t s : containing_[g]) {
    Signature& sig = signatures_[s];
    // Keeps its served: a signature held back by a full group keeps its turn.
    if (--sig.full_groups == 0 && !sig.ranks.empty()) TakeSeat(SeatOf(s));
  }
}

}  // namespace gantry::sched
