#include "core/sched/executor.h"

#include <algorithm>
#include <thread>
#include <vector>

#if defined(__SANITIZE_THREAD__)
#define GANTRY_SCHED_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GANTRY_SCHED_TSAN 1
#endif
#endif
#ifdef GANTRY_SCHED_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace gantry::sched {
namespace {

// Debian's libabsl is not built with ThreadSanitizer, so TSan cannot see absl::Mutex and
// would report every access under it as a race. These tell it where a critical section
// begins and ends, which is exactly the ordering the mutex provides. No-ops otherwise.
#ifdef GANTRY_SCHED_TSAN
void Acquired(absl::Mutex* mu) { __tsan_acquire(mu); }
void Releasing(absl::Mutex* mu) { __tsan_release(mu); }
#else
void Acquired(absl::Mutex*) {}
void Releasing(absl::Mutex*) {}
#endif

}  // namespace

void Executor::Lock() {
  mu_.Lock();
  Acquired(&mu_);
}

void Executor::Unlock() {
  Releasing(&mu_);
  mu_.Unlock();
}

void Executor::Wait() {
  Releasing(&mu_);
  changed_.Wait(&mu_);
  Acquired(&mu_);
}

void Executor::Run() {
  Lock();
  // More workers than nodes would only sleep.
  const int workers = static_cast<int>(
      std::min<size_t>(static_cast<size_t>(plan_.max_concurrency()), plan_.selected_count()));
  const bool done = plan_.Done();
  Unlock();
  if (done) return;
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (int slot = 0; slot < workers; ++slot) threads.emplace_back([this, slot] { Work(slot); });
  for (std::thread& thread : threads) thread.join();
}

void Executor::Cancel() {
  Lock();
  ReportSkipped(plan_.Cancel());
  changed_.SignalAll();  // the run may be done now
  Unlock();
}

void Executor::Work(int slot) {
  // Wake-ups pass a baton: the worker that finishes a node looks for the next one itself,
  // and a worker that starts a node wakes one idle worker only if more could start now.
  // So a finish never wakes the whole pool, and no startable node is left while every
  // worker sleeps: only Finished() makes nodes startable, and its worker is awake.
  Lock();
  while (!plan_.Done()) {
    const std::optional<NodeId> node = plan_.NextToStart();
    if (!node) {
      Wait();
      continue;
    }
    plan_.Started(*node);
    observer_.OnStart(*node, slot);
    if (plan_.NextToStart()) changed_.Signal();

    Unlock();
    const Outcome outcome = runner_.Run(*node);
    Lock();

    std::vector<NodeId> skipped = plan_.Finished(*node, outcome);
    observer_.OnFinish(*node, outcome);
    ReportSkipped(skipped);
    if (plan_.Done()) changed_.SignalAll();
  }
  Unlock();
}

void Executor::ReportSkipped(const std::vector<NodeId>& skipped) {
  for (NodeId node : skipped) observer_.OnSkip(node, plan_.skip_cause(node));
}

}  // namespace gantry::sched
