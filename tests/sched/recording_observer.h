// A RunObserver test double: records every event in order and checks, as they come, that
// slots are used by one node at a time and that calls never overlap.
#ifndef GANTRY_TESTS_SCHED_RECORDING_OBSERVER_H_
#define GANTRY_TESTS_SCHED_RECORDING_OBSERVER_H_

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/sched/plan.h"
#include "core/sched/run_observer.h"

namespace gantry::sched {

class RecordingObserver : public RunObserver {
 public:
  struct Event {
    enum Kind { kStart, kFinish, kSkip, kDeferred } kind;
    NodeId node;
    int slot = -1;                         // kStart
    Outcome outcome = Outcome::kSucceeded;  // kFinish
    NodeId cause = -2;                     // kSkip
    absl::Duration delay = absl::ZeroDuration();  // kDeferred
    WaitReason why = WaitReason::kBackoff;         // kDeferred
  };

  /// What OnAdmitted said, OnWaiting said, a limit change, a group's load.
  struct Admission {
    NodeId node;
    WaitTimes waited;
  };
  struct Waiting {
    NodeId node;
    WaitReason why;
    std::string group;
  };
  struct Load {
    std::string group;
    int32_t limit, running;
  };

  // Admission calls: a node is ready, then maybe waiting, then admitted, then started;
  // anything else is a problem.
  bool WantsReadiness() const override { return true; }
  void OnReady(NodeId node) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    if (!ready_.insert(node).second) Problem(absl::StrCat("ready twice: ", node));
  }
  void OnWaiting(NodeId node, WaitReason why, const std::string& group) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    if (!ready_.contains(node)) Problem(absl::StrCat("waiting but not ready: ", node));
    waitings_.push_back({node, why, group});
  }
  void OnAdmitted(NodeId node, const WaitTimes& waited) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    if (ready_.erase(node) == 0) Problem(absl::StrCat("admitted but not ready: ", node));
    admitted_.insert(node);
    admissions_.push_back({node, waited});
  }
  void OnLimitChanged(const std::string& group, int32_t from, int32_t to) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    limit_changes_.push_back({group, from, to});
  }
  void OnGroupLoad(const std::string& group, int32_t limit, int32_t running) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    loads_.push_back({group, limit, running});
  }

  void OnStart(NodeId node, int slot) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back({Event::kStart, node, slot});
    if (admitted_.erase(node) == 0) Problem(absl::StrCat("started but not admitted: ", node));
    if (slot < 0) return Problem(absl::StrCat("negative slot ", slot));
    if (static_cast<size_t>(slot) >= busy_.size()) busy_.resize(slot + 1, -1);
    if (busy_[slot] != -1) {
      Problem(absl::StrCat("slot ", slot, " starts ", node, " while ", busy_[slot], " runs"));
    }
    busy_[slot] = node;
    slot_of_[node] = slot;
  }
  void OnFinish(NodeId node, Outcome outcome) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    Event e{Event::kFinish, node};
    e.outcome = outcome;
    events_.push_back(e);
    auto it = slot_of_.find(node);
    if (it == slot_of_.end()) return Problem(absl::StrCat("finish of ", node, " never started"));
    busy_[it->second] = -1;
  }
  void OnDeferred(NodeId node, absl::Duration delay, WaitReason why) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    Event e{Event::kDeferred, node};
    e.delay = delay;
    e.why = why;
    events_.push_back(e);
    auto it = slot_of_.find(node);
    if (it == slot_of_.end()) return Problem(absl::StrCat("deferral of ", node, " never started"));
    busy_[it->second] = -1;
  }
  void OnSkip(NodeId node, NodeId cause) override {
    const NotConcurrent guard(*this);
    std::lock_guard<std::mutex> lock(mu_);
    Event e{Event::kSkip, node};
    e.cause = cause;
    events_.push_back(e);
  }

  std::vector<Event> events() const {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  std::vector<Admission> admissions() const {
    std::lock_guard<std::mutex> lock(mu_);
    return admissions_;
  }
  std::vector<Waiting> waitings() const {
    std::lock_guard<std::mutex> lock(mu_);
    return waitings_;
  }
  std::vector<LimitChange> limit_changes() const {
    std::lock_guard<std::mutex> lock(mu_);
    return limit_changes_;
  }
  std::vector<Load> loads() const {
    std::lock_guard<std::mutex> lock(mu_);
    return loads_;
  }
  /// Slot misuse seen while recording; empty if none.
  std::vector<std::string> problems() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::string> problems = problems_;
    if (overlapped_) problems.push_back("two calls overlapped");
    return problems;
  }
  /// Start order.
  std::vector<NodeId> started() const {
    std::vector<NodeId> out;
    for (const Event& e : events()) {
      if (e.kind == Event::kStart) out.push_back(e.node);
    }
    return out;
  }

 private:
  // Flags a call made while another is under way (the lock below would hide it).
  class NotConcurrent {
   public:
    explicit NotConcurrent(RecordingObserver& o) : o_(o) {
      if (o_.in_call_.fetch_add(1) != 0) o_.overlapped_ = true;
    }
    ~NotConcurrent() { o_.in_call_.fetch_sub(1); }
   private:
    RecordingObserver& o_;
  };

  void Problem(std::string text) {
    problems_.push_back(std::move(text));
  }

  // std::mutex, not absl::Mutex: ThreadSanitizer cannot see Debian's uninstrumented libabsl.
  mutable std::mutex mu_;
  std::vector<Event> events_;
  std::vector<std::string> problems_;
  std::vector<NodeId> busy_;  // slot -> running node or -1
  absl::flat_hash_map<NodeId, int> slot_of_;
  absl::flat_hash_set<NodeId> ready_, admitted_;
  std::vector<Admission> admissions_;
  std::vector<Waiting> waitings_;
  std::vector<LimitChange> limit_changes_;
  std::vector<Load> loads_;
  std::atomic<int> in_call_{0};
  std::atomic<bool> overlapped_{false};
};

}  // namespace gantry::sched

#endif  // GANTRY_TESTS_SCHED_RECORDING_OBSERVER_H_
