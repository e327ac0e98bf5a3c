// The environment block handed to a child process.
#ifndef GANTRY_CORE_EXEC_CHILD_ENVIRONMENT_H_
#define GANTRY_CORE_EXEC_CHILD_ENVIRONMENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace gantry::exec {

/// `inherited` (each "NAME=value"; skipped when `clear_env`) with `overrides` applied in
/// order: an override replaces the entry of the same NAME in place, or is appended.
/// Fails when an override is not of the form "NAME=value" with a non-empty NAME.
absl::StatusOr<std::vector<std::string>> BuildChildEnvironment(
    const char* const* inherited, const std::vector<std::string>& overrides, bool clear_env);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_CHILD_ENVIRONMENT_H_
