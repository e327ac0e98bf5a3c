// A component's attempts: run one, and on a failure decide between retrying after a
// backoff, failing, timing out and being cancelled. Time, sleep, cancellation and chance
// come through AttemptWorld, so that retries and time limits are tested without
// processes or waiting (tests/run/attempt_loop_test.cc).
#ifndef GANTRY_CORE_RUN_ATTEMPT_LOOP_H_
#define GANTRY_CORE_RUN_ATTEMPT_LOOP_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/run/retry_policy.h"
#include "gantry/abi.h"

namespace gantry::exec {
class CancelToken;
}

namespace gantry::run {

/// What the attempt loop needs of the world.
class AttemptWorld {
 public:
  virtual ~AttemptWorld() = default;
  virtual absl::Time Now() = 0;
  /// Waits `delay` unless the run is cancelled first; false when cancelled.
  virtual bool SleepUnlessCancelled(absl::Duration delay) = 0;
  virtual bool Cancelled() = 0;
  /// A random number in [0, 1), for the backoff's jitter.
  virtual double UniformUnit() = 0;
};

/// The real world: the clock, the run's cancel token, a thread's random engine.
class RealAttemptWorld : public AttemptWorld {
 public:
  explicit RealAttemptWorld(const exec::CancelToken& cancel) : cancel_(cancel) {}
  absl::Time Now() override { return absl::Now(); }
  bool SleepUnlessCancelled(absl::Duration delay) override;
  bool Cancelled() override;
  double UniformUnit() override;

 private:
  const exec::CancelToken& cancel_;
};

/// How one attempt ended.
struct AttemptEnd {
  gantry_status status = GANTRY_STATUS_OK;
  std::vector<std::string> errors;  ///< what the plugin reported, in order
  bool timed_out = false;           ///< the attempt's deadline stopped a child
  bool throttled = false;           ///< its words say the API throttled it (ThrottlePolicy)
  /// GANTRY_STATUS_BUSY: what it waits for ("" : its own) and why (report_busy).
  std::string busy_resource, busy_reason;
  std::string output_tail;          ///< its last lines of output, for retry_on
};

/// How the attempts ended, and the words for it.
struct AttemptsEnd {
  enum class Kind {
    kSucceeded,  ///< OK, or UNSUPPORTED (nothing to do)
    kFailed,     ///< error: the plugin's reasons, or that it gave none
    kTimedOut,   ///< error: "timed out after 10m"
    kCancelled,  ///< errors: what the plugin reported on the way (may be none)
    kCancelledWaiting,  ///< cancelled between attempts
    kThrottled,  ///< error: the plugin's reasons; not a failure, not retried here
    kBusy,       ///< error: why; busy_resource: what it waits for; not retried here
  };
  Kind kind = Kind::kSucceeded;
  int attempts = 0;
  gantry_status status = GANTRY_STATUS_OK;  ///< the last attempt's
  std::string error;
  std::vector<std::string> errors;
  std::string busy_resource;  ///< kBusy: the resource ("" : the component's own)
};

/// The component run's side of the loop.
struct AttemptCalls {
  /// Runs attempt `attempt` (1-based), which must end by `deadline`.
  std::function<AttemptEnd(int attempt, absl::Time deadline)> run;
  /// Attempt `attempt` failed with `error`; the next starts after `delay`.
  std::function<void(int attempt, const std::string& error, absl::Duration delay)> retrying;
  /// Attempt `attempt` starts after a wait.
  std::function<void(int attempt)> started_again;
};

/// Runs attempts until one succeeds, or a failure is not to be retried (`policy`), or
/// `timeout` (per attempt; nullopt: none) passes, or the run is cancelled, or an attempt
/// was throttled (the component is then run again later, after a back-off). `plugin` names
/// the plugin when a failure comes without a reason.
AttemptsEnd RunAttempts(const RetryPolicy& policy, std::optional<absl::Duration> timeout,
                        const std::string& plugin, AttemptWorld& world,
                        const AttemptCalls& calls);

/// What to say when execute failed and reported no reason: a plugin bug, said plainly,
/// so that the user does not look for a cause in their own settings first.
std::string UnexplainedStatus(const std::string& plugin, gantry_status status);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_ATTEMPT_LOOP_H_
