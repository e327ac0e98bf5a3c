// The driver of a run: worker threads that start what the Plan says, as soon as it says
// so.
#ifndef GANTRY_CORE_SCHED_EXECUTOR_H_
#define GANTRY_CORE_SCHED_EXECUTOR_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "core/sched/backoff.h"
#include "core/sched/busy_resources.h"
#include "core/sched/plan.h"
#include "core/sched/run_observer.h"
#include "core/sched/task_runner.h"
#include "core/sched/wait_clock.h"

namespace gantry::sched {

/// Runs a Plan with max_concurrency() worker threads. Each worker, under one lock, takes
/// Plan::NextToStart(), marks it started, runs it through the TaskRunner without the lock,
/// then reports Finished() and wakes the others. Idle workers sleep on a condition
/// variable; nothing polls.
///
/// Observer calls are never made under that lock: the lock only queues them, in the
/// order the changes happened, and one thread at a time makes the queued calls after
/// releasing it. So a slow observer (a terminal that blocks, a journal on a slow disk)
/// holds up no Plan bookkeeping and no Cancel(). A node runs only once its OnStart call
/// has returned: its task's own reports come after it.
///
/// A task that reports Outcome::kThrottled is deferred in the plan and made ready again
/// after its back-off (`backoff`.After(its n-th throttle), jittered), or as soon as a
/// node of one of its adaptive groups succeeds. One that reports kBusy is
/// deferred until its resource's next round (BusyResources, with the same back-off per
/// resource). Idle workers then sleep until the earliest wait ends, or something
/// changes; other ready nodes keep starting meanwhile.
///
/// The plan, runner and observer must outlive the Executor. The plan belongs to the
/// executor while Run() is under way; read its final states after Run() returns.
class Executor {
 public:
  Executor(Plan& plan, TaskRunner& runner, RunObserver& observer, Backoff backoff = {})
      : plan_(plan),
        runner_(runner),
        observer_(observer),
        backoff_(backoff),
        throttles_(plan.size(), 0),
        busy_(backoff),
        waits_(plan.node_groups(), AdaptiveGroups(plan)) {}
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Blocks until every selected node has finished or been skipped. Call once.
  void Run();

  /// Stops new starts: every node not started is skipped (OnSkip with kCancelCause);
  /// running nodes finish (the TaskRunner learns of the cancellation its own way, e.g. a
  /// CancelToken). Thread-safe, idempotent, callable before, during or after Run() —
  /// from any thread, including one that handles signals or a RunObserver call, but not
  /// from inside a signal handler. It never waits for an observer call to return.
  void Cancel();

 private:
  /// One observer call, queued under mu_.
  struct Note {
    enum class Kind : uint8_t {
      kStart,
      kFinish,
      kSkip,
      kDefer,
      kReady,
      kWaiting,
      kLimit,
      kLoad,
    } kind;
    NodeId node = -1;  // -1 for kLimit and kLoad
    int slot = -1;                          // kStart
    Outcome outcome = Outcome::kSucceeded;  // kFinish
    NodeId cause = kCancelCause;            // kSkip
    absl::Duration delay = absl::ZeroDuration();  // kDefer
    WaitReason why = WaitReason::kBackoff;        // kDefer, kWaiting
    int32_t group = -1;                           // kWaiting (-1: none), kLimit, kLoad
    int32_t from = 0, to = 0;                     // kLimit: the limits; kLoad: limit, running
    WaitTimes waited{};                           // kStart: its waits since it was ready
  };
  using Clock = std::chrono::steady_clock;
  /// A throttled node and when it is ready again; the earliest on top.
  using Deferred = std::pair<Clock::time_point, NodeId>;

  static std::vector<bool> AdaptiveGroups(const Plan& plan);

  void Work(int slot);
  /// Starts `node` on `slot`: in the plan, and its OnAdmitted and OnStart queued. Under mu_.
  void Start(NodeId node, int slot);
  /// After the plan changed around `node` (it started, finished or was deferred): the
  /// run's and its groups' fullness for the wait clock, and its groups' load for the
  /// observer. Under mu_.
  void Track(NodeId node, Clock::time_point now);
  void TrackGroup(int32_t group, Clock::time_point now);
  /// Queues the plan's new ready nodes and limit changes. Under mu_.
  void TakeReady(Clock::time_point now);
  void TakeLimitChanges(Clock::time_point now);
  /// Queues an OnWaiting for each node made ready since the last call that did not
  /// start. Under mu_.
  void QueueWaiting();
  /// `node` was throttled: deferred in the plan, ready again after its back-off. Under mu_.
  void Defer(NodeId node);
  /// `node` was busy on `resource`: deferred in the plan until the resource's next round.
  /// Under mu_.
  void Park(NodeId node, const std::string& resource);
  /// Queues the OnDeferred call for `node` and wakes the workers: its slot is free, and a
  /// worker asleep until another node's wait ends must see this one's. Under mu_.
  void QueueDeferred(NodeId node, absl::Duration delay, WaitReason why);
  /// Makes ready again the nodes in `nodes` the run still has (the others were skipped
  /// meanwhile), waking a worker if any. Under mu_.
  void Retry(const std::vector<NodeId>& nodes);
  /// Makes the deferred and busy nodes whose wait is over ready again. Under mu_.
  void RetryDue();
  /// `node` succeeded: the throttled nodes sharing an adaptive group with it are ready
  /// again now (the API takes the group's current limit: the limit, not their back-off,
  /// decides when they start). Under mu_.
  void RetryThrottledBeside(NodeId node);
  /// Some node waits for a back-off or a busy resource. Under mu_.
  bool AnyWaiting() const { return !deferred_.empty() || busy_.waiting(); }
  /// Queues the OnSkip calls for the nodes a Finished() or Cancel() skipped. Under mu_.
  void QueueSkipped(const std::vector<NodeId>& skipped);
  /// Makes the queued observer calls, in order, with mu_ released meanwhile; returns
  /// at once if another thread is making them (that thread makes these too, as it
  /// calls until the queue is empty). Called and returns with `lock` (on mu_) held.
  void Deliver(std::unique_lock<std::mutex>& lock);
  void Call(const Note& note);
  /// Returns once the first `note` queued notes were delivered. Called and returns with
  /// `lock` (on mu_) held.
  void WaitDelivered(std::unique_lock<std::mutex>& lock, uint64_t note);
  /// Marks a change a waiting thread may be waiting for (a finish, a cancel, a delivered
  /// batch, a node left to start): whatever notifies changed_ or delivered_changed_
  /// calls it first, so a thread that spun past the notification still sees it. Under mu_.
  void Changed();
  /// Returns after a Changed() or a notification of `cv`, or spuriously: the caller
  /// checks its condition again. A short spin (kSpinFor, without mu_) comes before the
  /// sleep: when tasks take microseconds (a no-op plugin, nothing to do) the other
  /// worker makes the change sooner than a sleep and wake-up would take (~3 µs a
  /// component at -j 2, bench/inprocess-overhead); with real tasks the spin goes
  /// unanswered and costs its 20 µs of CPU once per idle spell. Called and returns with
  /// `lock` (on mu_) held.
  /// As AwaitChange, but returns by the earliest deferred node's time at the latest.
  void AwaitChange(std::unique_lock<std::mutex>& lock, std::condition_variable& cv);
  void AwaitChangeOrDue(std::unique_lock<std::mutex>& lock);

  // std::mutex rather than absl::Mutex: ThreadSanitizer cannot see Debian's
  // uninstrumented libabsl, and with near-empty tasks the two workers' hand-off through
  // absl::Mutex (which spins) cost about twice as much (bench/inprocess-overhead).
  std::mutex mu_;
  std::condition_variable changed_;  // notified when a node may start or the run is done
  Plan& plan_;                       // guarded by mu_
  TaskRunner& runner_;
  RunObserver& observer_;  // called by the delivering thread, without mu_
  const Backoff backoff_;  // a throttled node's wait before it is ready again
  std::vector<int> throttles_;  // per node, guarded by mu_
  std::set<Deferred> deferred_;  // earliest first; guarded by mu_
  std::mt19937_64 random_{std::random_device{}()};  // the back-off's jitter; mu_
  BusyResources busy_;  // guarded by mu_
  WaitClock waits_;     // guarded by mu_
  bool wants_readiness_ = false;  // observer_.WantsReadiness(), asked at Run(); mu_
  std::vector<NodeId> fresh_;  // made ready since the last QueueWaiting; guarded by mu_
  std::vector<NodeId> ready_scratch_;  // TakeReady's; guarded by mu_
  // The observer call queue, guarded by mu_. `queued_` and `delivered_` count notes
  // since the start; `delivering_` is set while a thread makes the calls, and
  // `delivered_changed_` is notified when it has made a batch and `waiting_` threads
  // wait for that.
  std::vector<Note> pending_;
  std::vector<Note> batch_;  // the notes being delivered; only the delivering thread
  uint64_t queued_ = 0;
  uint64_t delivered_ = 0;
  bool delivering_ = false;
  int waiting_ = 0;
  std::condition_variable delivered_changed_;
  // Counts Changed() calls: written under mu_, read by spinning threads without it.
  std::atomic<uint64_t> version_{0};
};

}  // namespace gantry::sched

#endif  // GANTRY_CORE_SCHED_EXECUTOR_H_
