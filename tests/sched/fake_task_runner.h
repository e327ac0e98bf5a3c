// A TaskRunner test double: preset outcomes, optional random micro-delays, and counters
// that catch double runs and over-concurrency.
#ifndef GANTRY_TESTS_SCHED_FAKE_TASK_RUNNER_H_
#define GANTRY_TESTS_SCHED_FAKE_TASK_RUNNER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/sched/task_runner.h"

namespace gantry::sched {

class FakeTaskRunner : public TaskRunner {
 public:
  /// `groups[n]`: indices of n's limited groups (may be empty); `group_count` of them.
  explicit FakeTaskRunner(size_t nodes, std::vector<std::vector<int>> groups = {},
                          int group_count = 0)
      : outcomes_(nodes, Outcome::kSucceeded),
        groups_(std::move(groups)),
        runs_(new std::atomic<int>[nodes]()),
        finished_(new std::atomic<bool>[nodes]()),
        group_running_(new std::atomic<int>[group_count]()),
        group_max_(new std::atomic<int>[group_count]()),
        group_count_(group_count) {
    groups_.resize(nodes);
  }

  void SetOutcome(NodeId node, Outcome outcome) { outcomes_[node] = outcome; }
  /// Each run sleeps 0..max_us microseconds (or just yields), chosen at random.
  void SetMaxDelay(int max_us, uint32_t seed) {
    max_delay_us_ = max_us;
    seed_ = seed;
  }
  /// Called from inside Run(node), after the start is counted and before the end is;
  /// its return value, if any, replaces the preset outcome.
  void SetHook(std::function<std::optional<Outcome>(NodeId)> hook) { hook_ = std::move(hook); }
  /// What BusyResource(node) answers after a kBusy; unset: "" (the node's own).
  void SetBusyResource(std::function<std::string(NodeId)> resource) {
    busy_resource_ = std::move(resource);
  }
  std::string BusyResource(NodeId node) override {
    return busy_resource_ ? busy_resource_(node) : std::string();
  }

  Outcome Run(NodeId node) override {
    runs_[node].fetch_add(1);
    {
      std::lock_guard<std::mutex> lock(mu_);
      order_.push_back(node);
      thread_of_[node] = std::this_thread::get_id();
    }
    Raise(max_running_, running_.fetch_add(1) + 1);
    for (int g : groups_[node]) Raise(group_max_[g], group_running_[g].fetch_add(1) + 1);

    Outcome outcome = outcomes_[node];
    if (hook_) {
      if (std::optional<Outcome> o = hook_(node)) outcome = *o;
    }
    Delay(node);

    for (int g : groups_[node]) group_running_[g].fetch_sub(1);
    running_.fetch_sub(1);
    finished_[node].store(true);
    return outcome;
  }

  int runs(NodeId node) const { return runs_[node].load(); }
  bool finished(NodeId node) const { return finished_[node].load(); }
  int max_running() const { return max_running_.load(); }
  int group_max(int group) const { return group_max_[group].load(); }
  int group_count() const { return group_count_; }
  /// The thread that ran `node` last; a default id if it never ran.
  std::thread::id thread_of(NodeId node) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = thread_of_.find(node);
    return it == thread_of_.end() ? std::thread::id() : it->second;
  }
  /// Nodes in the order their runs began.
  std::vector<NodeId> order() const {
    std::lock_guard<std::mutex> lock(mu_);
    return order_;
  }

 private:
  static void Raise(std::atomic<int>& max, int value) {
    int seen = max.load();
    while (seen < value && !max.compare_exchange_weak(seen, value)) {
    }
  }

  void Delay(NodeId node) const {
    if (max_delay_us_ <= 0) return;
    std::mt19937 rng(seed_ ^ static_cast<uint32_t>(node) * 2654435761u);
    const int us = std::uniform_int_distribution<int>(-max_delay_us_, max_delay_us_)(rng);
    if (us <= 0) {
      std::this_thread::yield();
    } else {
      absl::SleepFor(absl::Microseconds(us));
    }
  }

  std::vector<Outcome> outcomes_;
  std::vector<std::vector<int>> groups_;
  std::function<std::optional<Outcome>(NodeId)> hook_;
  std::function<std::string(NodeId)> busy_resource_;
  int max_delay_us_ = 0;
  uint32_t seed_ = 0;
  std::unique_ptr<std::atomic<int>[]> runs_;
  std::unique_ptr<std::atomic<bool>[]> finished_;
  std::unique_ptr<std::atomic<int>[]> group_running_, group_max_;
  int group_count_;
  std::atomic<int> running_{0}, max_running_{0};
  // std::mutex, not absl::Mutex: ThreadSanitizer cannot see Debian's uninstrumented libabsl.
  mutable std::mutex mu_;
  std::vector<NodeId> order_;
  absl::flat_hash_map<NodeId, std::thread::id> thread_of_;  // guarded by mu_
};

}  // namespace gantry::sched

#endif  // GANTRY_TESTS_SCHED_FAKE_TASK_RUNNER_H_
