// Run ids: the UUID naming one run, in every path under .gantry and every report.
#ifndef GANTRY_CORE_STATE_RUN_ID_H_
#define GANTRY_CORE_STATE_RUN_ID_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace gantry::state {

/// A new random (version 4) UUID in canonical form: 36 characters, lowercase hex,
/// "xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx" with Y one of 8, 9, a, b. The bytes come from
/// getrandom(2), or /dev/urandom where that call does not exist; an error only when
/// neither gives randomness.
absl::StatusOr<std::string> NewRunId();

/// True when `id` is a run id as gantry writes it: a UUID in canonical form with lowercase
/// hex digits (any version). Such a string is safe as a single path component.
bool IsValidRunId(absl::string_view id);

/// A run id typed by a user, checked before it becomes a path: surrounding whitespace is
/// dropped and hex digits are lowercased. InvalidArgument, quoting the text, when it is
/// not a UUID.
absl::StatusOr<std::string> ParseRunId(absl::string_view text);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_RUN_ID_H_
