#include "core/run/attempt_loop.h"

#include <poll.h>

#include <algorithm>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/exec/cancel_token.h"

namespace gantry::run {

bool RealAttemptWorld::SleepUnlessCancelled(absl::Duration delay) {
  const absl::Time until = absl::Now() + delay;
  const int fd = cancel_.WakeFd(exec::CancelToken::Level::kNone);
  while (!cancel_.cancelled()) {
    const absl::Duration left = until - absl::Now();
    if (left <= absl::ZeroDuration()) return true;
    pollfd pfd{fd, POLLIN, 0};
    const int64_t ms =
        std::min<int64_t>(absl::ToInt64Milliseconds(left) + 1, fd >= 0 ? 1 << 30 : 100);
    poll(&pfd, fd >= 0 ? 1 : 0, static_cast<int>(ms));
  }
  return false;
}

bool RealAttemptWorld::Cancelled() { return cancel_.cancelled(); }

double RealAttemptWorld::UniformUnit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

AttemptsEnd RunAttempts(const RetryPolicy& policy, std::optional<absl::Duration> timeout,
                        const std::string& plugin, AttemptWorld& world,
                        const AttemptCalls& calls) {
  AttemptsEnd end;
  for (int attempt = 1;; ++attempt) {
    end.attempts = attempt;
    const absl::Time deadline = timeout ? world.Now() + *timeout : absl::InfiniteFuture();
    AttemptEnd ended = calls.run(attempt, deadline);
    end.status = ended.status;
    if (ended.status == GANTRY_STATUS_OK || ended.status == GANTRY_STATUS_UNSUPPORTED) {
      end.kind = AttemptsEnd::Kind::kSucceeded;
      return end;
    }
    if (world.Cancelled()) {
      end.kind = AttemptsEnd::Kind::kCancelled;
      end.errors = std::move(ended.errors);
      return end;
    }
    if (ended.timed_out || world.Now() >= deadline) {
      end.kind = AttemptsEnd::Kind::kTimedOut;
      end.error = absl::StrCat("timed out after ", absl::FormatDuration(*timeout));
      return end;
    }
    if (ended.status == GANTRY_STATUS_BUSY) {
      end.kind = AttemptsEnd::Kind::kBusy;
      end.busy_resource = std::move(ended.busy_resource);
      std::vector<std::string> why = std::move(ended.errors);
      if (!ended.busy_reason.empty()) why.insert(why.begin(), std::move(ended.busy_reason));
      end.error = why.empty() ? UnexplainedStatus(plugin, ended.status) : absl::StrJoin(why, "; ");
      return end;
    }
    end.error = ended.errors.empty() ? UnexplainedStatus(plugin, ended.status)
                                     : absl::StrJoin(ended.errors, "; ");
    if (ended.throttled) {
      end.kind = AttemptsEnd::Kind::kThrottled;
      return end;
    }
    if (!policy.ShouldRetry(attempt, ended.status == GANTRY_STATUS_RETRYABLE,
                            absl::StrCat(ended.output_tail, "\n", end.error))) {
      end.kind = AttemptsEnd::Kind::kFailed;
      return end;
    }
    const absl::Duration delay = BackoffDelay(attempt, world.UniformUnit());
    calls.retrying(attempt, end.error, delay);
    if (!world.SleepUnlessCancelled(delay)) {
      end.kind = AttemptsEnd::Kind::kCancelledWaiting;
      return end;
    }
    calls.started_again(attempt + 1);
  }
}

std::string UnexplainedStatus(const std::string& plugin, gantry_status status) {
  const std::string bug = absl::StrCat("; this is a bug in the ", plugin, " plugin (it should "
                                       "report why with report_error): see the output above");
  switch (status) {
    case GANTRY_STATUS_CANCELLED:
      return absl::StrCat("the ", plugin, " plugin said its execute was cancelled, but nothing "
                          "cancelled it (no Ctrl-C, no timeout)", bug);
    case GANTRY_STATUS_THROTTLED:
      return absl::StrCat("the ", plugin, " plugin said its execute was throttled without saying "
                          "by what", bug);
    case GANTRY_STATUS_BUSY:
      return absl::StrCat("the ", plugin, " plugin said its component cannot start now without "
                          "saying what holds it up", bug);
    case GANTRY_STATUS_FAILED:
    case GANTRY_STATUS_RETRYABLE:
      return absl::StrCat("the ", plugin, " plugin's execute failed without saying why", bug);
    default:
      return absl::StrCat("the ", plugin, " plugin's execute returned ", status,
                          ", which is no GANTRY_STATUS_* value", bug);
  }
}

}  // namespace gantry::run
