// The JSON-lines form of RunEvent, shared by journals and `--events FILE`.
#ifndef GANTRY_CORE_RECORD_EVENT_JSON_H_
#define GANTRY_CORE_RECORD_EVENT_JSON_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/record/run_event.h"

namespace gantry::record {

/// "run_started", "component_started", "component_retrying", "component_finished",
/// "component_skipped", "component_reused", "run_finished".
const char* EventName(RunEvent::Kind kind);
/// The inverse of EventName; false for an unknown word.
bool ParseEventName(std::string_view name, RunEvent::Kind* kind);

/// `event` as one line of compact JSON, without the newline: "schema", "event", "time"
/// (RFC 3339 UTC, milliseconds), "run_id", then the fields its kind carries, as
/// event_fields.h lists them (kOmitEmpty ones only when set). Sensitive outputs are
/// written as "***" with "sensitive": true: no secret ever reaches a record file.
/// Invalid UTF-8 is replaced by U+FFFD.
std::string EventToJson(const RunEvent& event);

/// Parses one line written by EventToJson (no location in the message: the caller adds
/// file:line). Errors: kFailedPrecondition when the line's schema is newer than
/// kEventSchemaVersion; kInvalidArgument for anything else malformed (not JSON, unknown
/// event, a missing or mistyped field). Unknown fields are ignored. Times keep
/// millisecond precision; sensitive outputs come back as "***" with the SENSITIVE flag.
absl::StatusOr<RunEvent> EventFromJson(std::string_view line);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_EVENT_JSON_H_
