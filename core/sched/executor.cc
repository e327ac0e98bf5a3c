#include "core/sched/executor.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace gantry::sched {

void Executor::Run() {
  int workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (plan_.Done()) return;
    // More workers than nodes would only sleep.
    workers = static_cast<int>(
        std::min<size_t>(static_cast<size_t>(plan_.max_concurrency()), plan_.selected_count()));
  }
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (int slot = 0; slot < workers; ++slot) threads.emplace_back([this, slot] { Work(slot); });
  for (std::thread& thread : threads) thread.join();
}

void Executor::Cancel() {
  std::lock_guard<std::mutex> lock(mu_);
  ReportSkipped(plan_.Cancel());
  changed_.notify_all();  // the run may be done now
}

void Executor::Work(int slot) {
  // Wake-ups pass a baton: the worker that finishes a node looks for the next one itself,
  // and a worker that starts a node wakes one idle worker only if more could start now.
  // So a finish never wakes the whole pool, and no startable node is left while every
  // worker sleeps: only Finished() makes nodes startable, and its worker is awake.
  std::unique_lock<std::mutex> lock(mu_);
  while (!plan_.Done()) {
    const std::optional<NodeId> node = plan_.NextToStart();
    if (!node) {
      changed_.wait(lock);
      continue;
    }
    plan_.Started(*node);
    observer_.OnStart(*node, slot);
    if (plan_.NextToStart()) changed_.notify_one();

    lock.unlock();
    const Outcome outcome = runner_.Run(*node);
    lock.lock();

    std::vector<NodeId> skipped = plan_.Finished(*node, outcome);
    observer_.OnFinish(*node, outcome);
    ReportSkipped(skipped);
    if (plan_.Done()) changed_.notify_all();
  }
}

void Executor::ReportSkipped(const std::vector<NodeId>& skipped) {
  for (NodeId node : skipped) observer_.OnSkip(node, plan_.skip_cause(node));
}

}  // namespace gantry::sched
