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
      signatures_.push_back(Signature{std::move(key), {}, 0});
    }
    signature_[n] = it->second;
  }
}

void ReadyQueue::DropStale(Signature& s) {
  while (!s.ranks.empty() && !queued_[by_rank_[s.ranks.front()]]) {
    std::pop_heap(s.ranks.begin(), s.ranks.end(), std::greater<>());
    s.ranks.pop_back();
  }
}

void ReadyQueue::Reseat(int32_t s, int32_t old_best) {
  const Signature& sig = signatures_[s];
  const int32_t best = Best(sig);
  if (best == old_best || !Open(sig)) return;
  if (old_best >= 0) open_.erase({old_best, s});
  if (best >= 0) open_.insert({best, s});
}

void ReadyQueue::Push(NodeId n) {
  ABSL_RAW_CHECK(!queued_[n], "node already queued");
  queued_[n] = true;
  const int32_t s = signature_[n];
  Signature& sig = signatures_[s];
  const int32_t old_best = Best(sig);
  sig.ranks.push_back(rank_[n]);
  std::push_heap(sig.ranks.begin(), sig.ranks.end(), std::greater<>());
  Reseat(s, old_best);
}

void ReadyQueue::Erase(NodeId n) {
  ABSL_RAW_CHECK(queued_[n], "node not queued");
  queued_[n] = false;
  const int32_t s = signature_[n];
  const int32_t old_best = Best(signatures_[s]);
  DropStale(signatures_[s]);  // n's rank, if on top, and any stale ones under it
  Reseat(s, old_best);
}

void ReadyQueue::Clear() {
  for (Signature& sig : signatures_) {
    for (int32_t r : sig.ranks) queued_[by_rank_[r]] = false;  // stale ones: already false
    sig.ranks.clear();
  }
  open_.clear();
}

std::optional<NodeId> ReadyQueue::Top() const {
  if (open_.empty()) return std::nullopt;
  return by_rank_[open_.begin()->first];
}

bool ReadyQueue::Fits(NodeId n) const { return Open(signatures_[signature_[n]]); }

void ReadyQueue::Start(NodeId n) {
  ABSL_RAW_CHECK(Fits(n), "node started while one of its groups is full");
  Erase(n);
  for (int32_t g : signatures_[signature_[n]].groups) {
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
    if (sig.full_groups++ == 0 && !sig.ranks.empty()) open_.erase({Best(sig), s});
  }
}

void ReadyQueue::GroupFreed(int32_t g) {
  for (int32_t s : containing_[g]) {
    Signature& sig = signatures_[s];
    if (--sig.full_groups == 0 && !sig.ranks.empty()) open_.insert({Best(sig), s});
  }
}

}  // namespace gantry::sched
