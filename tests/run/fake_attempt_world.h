// Test double: an AttemptWorld whose time moves only when someone sleeps or a test says
// an attempt took a while; no real second goes by.
#ifndef GANTRY_TESTS_RUN_FAKE_ATTEMPT_WORLD_H_
#define GANTRY_TESTS_RUN_FAKE_ATTEMPT_WORLD_H_

#include <atomic>
#include <mutex>
#include <vector>

#include "absl/time/time.h"
#include "core/run/attempt_loop.h"

namespace gantry::run {

class FakeWorld : public AttemptWorld {
 public:
  absl::Time Now() override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  bool SleepUnlessCancelled(absl::Duration delay) override {
    std::lock_guard<std::mutex> lock(mu_);
    slept.push_back(delay);
    if (cancel_while_sleeping) {
      cancelled = true;
      return false;
    }
    now_ += delay;
    return true;
  }
  bool Cancelled() override { return cancelled; }
  double UniformUnit() override { return 0.5; }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }

  std::vector<absl::Duration> slept;
  std::atomic<bool> cancelled = false;
  bool cancel_while_sleeping = false;

 private:
  std::mutex mu_;
  absl::Time now_ = absl::FromUnixSeconds(1'000'000);
};

}  // namespace gantry::run

#endif  // GANTRY_TESTS_RUN_FAKE_ATTEMPT_WORLD_H_
