#include "core/sched/executor.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace gantry::sched {

namespace {

// How long a worker with nothing to do spins before it sleeps (see AwaitChange).
constexpr std::chrono::microseconds kSpinFor{20};

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

// Takes `lock` again, spinning a little first: mu_ is held for well under a
// microsecond at a time, and a contended std::mutex puts the thread to sleep at once (a
// futex wait and wake, ~5 µs on a VM), which with tasks that take microseconds was most
// of a component's cost at -j 2. The pauses between tries double (up to 64, ~450 in
// all): tries in a row would keep taking the lock's cache line from its holder.
void Relock(std::unique_lock<std::mutex>& lock) {
  for (int tries = 0; tries < 12; ++tries) {
    if (lock.try_lock()) return;
    for (int i = 0; i < (1 << (tries < 6 ? tries : 6)); ++i) CpuRelax();
  }
  lock.lock();
}

}  // namespace

void Executor::Run() {
  int workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (plan_.Done()) return;
    wants_readiness_ = observer_.WantsReadiness();
    TakeReady(Clock::now());
    // More workers than nodes would only sleep.
    workers = static_cast<int>(
        std::min<size_t>(static_cast<size_t>(plan_.max_concurrency()), plan_.selected_count()));
  }
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (int slot = 0; slot < workers; ++slot) threads.emplace_back([this, slot] { Work(slot); });
  for (std::thread& thread : threads) thread.join();
  // A Cancel() on another thread may still be making its OnSkip calls: the run is
  // reported in full when Run() returns.
  std::unique_lock<std::mutex> lock(mu_);
  WaitDelivered(lock, queued_);
}

void Executor::Cancel() {
  std::unique_lock<std::mutex> lock(mu_);
  QueueSkipped(plan_.Cancel());
  Changed();
  changed_.notify_all();  // the run may be done now
  Deliver(lock);
}

void Executor::Work(int slot) {
  // Wake-ups pass a baton: the worker that finishes a node looks for the next one itself,
  // and a worker that starts a node wakes one idle worker only if more could start now.
  // So a finish never wakes the whole pool, and no startable node is left while every
  // worker sleeps: only Finished() makes nodes startable, and its worker is awake; a
  // deferred node becomes startable at its back-off's end, by which time an idle worker
  // wakes (AwaitChangeOrDue), and a slot a throttled node gives back wakes them all.
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (AnyWaiting()) RetryDue();
    const bool done = plan_.Done();
    const std::optional<NodeId> node = done ? std::nullopt : plan_.NextToStart();
    if (!node) {
      // Make the calls queued so far before leaving or sleeping. Deliver releases the
      // lock meanwhile, so look again after it.
      if (!fresh_.empty()) QueueWaiting();
      if (!pending_.empty() && !delivering_) {
        Deliver(lock);
        continue;
      }
      if (done) break;
      if (!AnyWaiting()) {
        AwaitChange(lock, changed_);
      } else {
        AwaitChangeOrDue(lock);
      }
      continue;
    }
    Start(*node, slot);
    const uint64_t start_note = queued_;
    if (plan_.NextToStart()) {
      Changed();
      changed_.notify_one();
    } else {
      QueueWaiting();
    }
    Deliver(lock);  // with the OnFinish (and OnSkips) of this worker's previous node
    // The node's task reports on its own (retries, output): after its OnStart.
    WaitDelivered(lock, start_note);

    lock.unlock();
    Outcome outcome = runner_.Run(*node);
    const std::string resource =
        outcome == Outcome::kBusy ? runner_.BusyResource(*node) : std::string();
    Relock(lock);
    // A run stopped meanwhile (a failure under fail-fast, a cancel) starts nothing again:
    // a node that could not do its work now ends as cancelled instead of waiting forever.
    if ((outcome == Outcome::kThrottled || outcome == Outcome::kBusy) && plan_.stopped())
      outcome = Outcome::kCancelled;
    if (outcome == Outcome::kThrottled) {
      Defer(*node);
      continue;
    }
    if (outcome == Outcome::kBusy) {
      Park(*node, resource);
      continue;
    }

    std::vector<NodeId> skipped = plan_.Finished(*node, outcome);
    Changed();
    Note finish{Note::Kind::kFinish, *node};
    finish.outcome = outcome;
    pending_.push_back(finish);
    ++queued_;
    QueueSkipped(skipped);
    // After its finish: what it made ready (said as ready after it), what it changed.
    Retry(busy_.Ended(*node));  // it got its resource: the others waiting for it try now
    if (outcome == Outcome::kSucceeded && !deferred_.empty()) RetryThrottledBeside(*node);
    const Clock::time_point now = Clock::now();
    Track(*node, now);
    TakeLimitChanges(now);
    TakeReady(now);
    if (plan_.Done()) changed_.notify_all();
  }
}

void Executor::Defer(NodeId node) {
  plan_.Throttled(node);
  const Clock::time_point now = Clock::now();
  const absl::Duration delay =
      backoff_.Jittered(++throttles_[node], std::uniform_real_distribution<double>()(random_));
  deferred_.emplace(now + absl::ToChronoNanoseconds(delay), node);
  QueueDeferred(node, delay, WaitReason::kBackoff);
  waits_.Deferred(node, WaitReason::kBackoff, now);
  Track(node, now);
  TakeLimitChanges(now);
}

void Executor::Park(NodeId node, const std::string& resource) {
  plan_.Busy(node);
  const Clock::time_point now = Clock::now();
  QueueDeferred(node, busy_.Park(node, resource, now), WaitReason::kBusy);
  waits_.Deferred(node, WaitReason::kBusy, now);
  Track(node, now);
}

std::vector<bool> Executor::AdaptiveGroups(const Plan& plan) {
  std::vector<bool> adaptive(plan.group_count());
  for (size_t g = 0; g < adaptive.size(); ++g)
    adaptive[g] = plan.group_adaptive(static_cast<int32_t>(g));
  return adaptive;
}

void Executor::Start(NodeId node, int slot) {
  plan_.Started(node);
  const Clock::time_point now = Clock::now();
  Note start{Note::Kind::kStart, node, slot};
  start.waited = waits_.Admitted(node, now);
  pending_.push_back(start);
  ++queued_;
  Track(node, now);
}

void Executor::Track(NodeId node, Clock::time_point now) {
  waits_.GlobalFull(plan_.running() >= plan_.max_concurrency(), now);
  for (int32_t group : plan_.groups_of(node)) TrackGroup(group, now);
}

void Executor::TrackGroup(int32_t group, Clock::time_point now) {
  waits_.GroupFull(group, plan_.group_full(group), now);
  Note load{Note::Kind::kLoad};
  load.group = group;
  load.from = plan_.group_limit(group);
  load.to = plan_.group_running(group);
  pending_.push_back(load);
  ++queued_;
}

void Executor::TakeLimitChanges(Clock::time_point now) {
  for (const LimitChange& change : plan_.TakeLimitChanges()) {
    Note limit{Note::Kind::kLimit};
    limit.group = plan_.group_index(change.group);
    limit.from = change.from;
    limit.to = change.to;
    pending_.push_back(limit);
    ++queued_;
    TrackGroup(limit.group, now);
  }
}

void Executor::TakeReady(Clock::time_point now) {
  plan_.TakeReady(ready_scratch_);
  for (NodeId node : ready_scratch_) waits_.Ready(node, now);
  if (!wants_readiness_) return;
  for (NodeId node : ready_scratch_) {
    pending_.push_back(Note{Note::Kind::kReady, node});
    ++queued_;
    fresh_.push_back(node);
  }
}

void Executor::QueueWaiting() {
  for (NodeId node : fresh_) {
    if (plan_.state(node) != NodeState::kPending) continue;  // started, or skipped
    const auto [why, group] = plan_.Blocker(node);
    Note waiting{Note::Kind::kWaiting, node};
    waiting.why = why;
    waiting.group = group;
    pending_.push_back(waiting);
    ++queued_;
  }
  fresh_.clear();
}

void Executor::QueueDeferred(NodeId node, absl::Duration delay, WaitReason why) {
  Note defer{Note::Kind::kDefer, node};
  defer.delay = delay;
  defer.why = why;
  pending_.push_back(defer);
  ++queued_;
  // Its slot is free, and a worker asleep until another node's wait ends must see this one.
  Changed();
  changed_.notify_all();
}

void Executor::Retry(const std::vector<NodeId>& nodes) {
  bool ready = false;
  for (NodeId node : nodes) ready = plan_.Retry(node) || ready;  // false: skipped meanwhile
  if (ready) {
    TakeReady(Clock::now());
    Changed();
    changed_.notify_one();
  }
}

void Executor::RetryDue() {
  const Clock::time_point now = Clock::now();
  std::vector<NodeId> due = busy_.Due(now);
  while (!deferred_.empty() && deferred_.begin()->first <= now) {
    due.push_back(deferred_.begin()->second);
    deferred_.erase(deferred_.begin());
  }
  Retry(due);
}

void Executor::RetryThrottledBeside(NodeId node) {
  const std::vector<int32_t>& mine = plan_.groups_of(node);
  auto shares_adaptive = [&](NodeId other) {
    for (int32_t g : plan_.groups_of(other))
      if (plan_.group_adaptive(g) && std::find(mine.begin(), mine.end(), g) != mine.end())
        return true;
    return false;
  };
  std::vector<NodeId> now;
  for (auto it = deferred_.begin(); it != deferred_.end();) {
    if (shares_adaptive(it->second)) {
      now.push_back(it->second);
      it = deferred_.erase(it);
    } else {
      ++it;
    }
  }
  Retry(now);
}

void Executor::QueueSkipped(const std::vector<NodeId>& skipped) {
  for (NodeId node : skipped) {
    Note skip{Note::Kind::kSkip, node};
    skip.cause = plan_.skip_cause(node);
    pending_.push_back(skip);
  }
  queued_ += skipped.size();
}

void Executor::Deliver(std::unique_lock<std::mutex>& lock) {
  if (delivering_) return;
  delivering_ = true;
  while (!pending_.empty()) {
    batch_.swap(pending_);  // pending_ keeps the emptied batch's capacity: no allocation
    lock.unlock();
    for (const Note& note : batch_) Call(note);
    Relock(lock);
    delivered_ += batch_.size();
    Changed();
    batch_.clear();
    if (waiting_ > 0) delivered_changed_.notify_all();
  }
  delivering_ = false;
}

void Executor::WaitDelivered(std::unique_lock<std::mutex>& lock, uint64_t note) {
  if (delivered_ >= note) return;
  ++waiting_;
  while (delivered_ < note) AwaitChange(lock, delivered_changed_);
  --waiting_;
}

void Executor::Changed() {
  version_.store(version_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

void Executor::AwaitChange(std::unique_lock<std::mutex>& lock, std::condition_variable& cv) {
  const uint64_t seen = version_.load(std::memory_order_relaxed);
  lock.unlock();
  const auto until = std::chrono::steady_clock::now() + kSpinFor;
  for (int spins = 1;; ++spins) {
    if (version_.load(std::memory_order_acquire) != seen) break;
    CpuRelax();
    if (spins % 32 == 0 && std::chrono::steady_clock::now() >= until) break;
  }
  Relock(lock);
  if (version_.load(std::memory_order_relaxed) == seen) cv.wait(lock);
}

void Executor::AwaitChangeOrDue(std::unique_lock<std::mutex>& lock) {
  const uint64_t seen = version_.load(std::memory_order_relaxed);
  // A copy: the heap changes while the lock is released for the wait.
  Clock::time_point due = Clock::time_point::max();
  if (!deferred_.empty()) due = deferred_.begin()->first;
  if (std::optional<Clock::time_point> round = busy_.NextDue()) due = std::min(due, *round);
  changed_.wait_until(lock, due, [&] { return version_.load(std::memory_order_relaxed) != seen; });
}

void Executor::Call(const Note& note) {
  switch (note.kind) {
    case Note::Kind::kStart:
      observer_.OnAdmitted(note.node, note.waited);
      observer_.OnStart(note.node, note.slot);
      break;
    case Note::Kind::kFinish: observer_.OnFinish(note.node, note.outcome); break;
    case Note::Kind::kSkip: observer_.OnSkip(note.node, note.cause); break;
    case Note::Kind::kDefer: observer_.OnDeferred(note.node, note.delay, note.why); break;
    case Note::Kind::kReady: observer_.OnReady(note.node); break;
    // Group names are set when the plan is made, never changed: read without mu_.
    case Note::Kind::kWaiting:
      observer_.OnWaiting(note.node, note.why,
                          note.group < 0 ? std::string() : plan_.group_name(note.group));
      break;
    case Note::Kind::kLimit:
      observer_.OnLimitChanged(plan_.group_name(note.group), note.from, note.to);
      break;
    case Note::Kind::kLoad: observer_.OnGroupLoad(plan_.group_name(note.group), note.from, note.to);
      break;
  }
}

}  // namespace gantry::sched
