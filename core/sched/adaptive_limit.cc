#include "core/sched/adaptive_limit.h"

#include <algorithm>

#include "absl/base/internal/raw_logging.h"

namespace gantry::sched {

AdaptiveLimit::AdaptiveLimit(AdaptiveLimitOptions options)
    : options_(options), current_(options.start == 0 ? options.max : options.start) {
  ABSL_RAW_CHECK(options_.min >= 1 && options_.min <= options_.max,
                 "an adaptive limit needs 1 <= min <= max");
  ABSL_RAW_CHECK(current_ >= options_.min && current_ <= options_.max,
                 "an adaptive limit starts in [min, max]");
}

std::optional<int32_t> AdaptiveLimit::Throttled(int32_t started_epoch) {
  if (started_epoch != epoch_) return std::nullopt;
  ++epoch_;
  successes_ = 0;
  const int32_t cut = std::max(options_.min, current_ / 2);
  if (cut == current_) return std::nullopt;
  current_ = cut;
  return current_;
}

std::optional<int32_t> AdaptiveLimit::Succeeded(int32_t started_epoch) {
  if (started_epoch != epoch_ || current_ == options_.max) return std::nullopt;
  if (++successes_ < current_) return std::nullopt;
  successes_ = 0;
  return ++current_;
}

}  // namespace gantry::sched
