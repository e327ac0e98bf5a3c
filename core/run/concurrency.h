// The run's global concurrency: flag > GANTRY_MAX_CONCURRENCY > [gantry] > 1.
#ifndef GANTRY_CORE_RUN_CONCURRENCY_H_
#define GANTRY_CORE_RUN_CONCURRENCY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace gantry::run {

/// `flag` and `env` are the raw texts ("" when unset): a positive integer or "auto"
/// (hardware threads). `config` is [gantry] max_concurrency (0 meaning "auto"). A bad
/// value is an InvalidArgument naming where it came from.
absl::StatusOr<int> ResolveMaxConcurrency(const std::string& flag, const std::string& env,
                                          std::optional<int> config);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_CONCURRENCY_H_
