// The outputs a component recorded, kept from one run to the next.
#ifndef GANTRY_CORE_STATE_OUTPUT_STORE_H_
#define GANTRY_CORE_STATE_OUTPUT_STORE_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/record/background_sync.h"
#include "core/record/run_record.h"
#include "nlohmann/json.hpp"

namespace gantry::state {

/// The content of one outputs file (Layout::OutputsPath).
struct StoredOutputs {
  /// Raw values, secrets included (the file is 0600).
  std::map<std::string, record::OutputValue> outputs;
  /// The run, operation and time that wrote them (InfinitePast: WriteOutputs uses now).
  std::string run_id;
  std::string operation;
  absl::Time time = absl::InfinitePast();
  /// How long that (successful) run of the component took. nullopt when not recorded:
  /// gantry itself keeps durations in the target's durations file (duration_store.h)
  /// and reads this field only as part of the format.
  std::optional<absl::Duration> duration;
};

/// Current version of the file format ("schema").
inline constexpr int kOutputsSchema = 1;

/// Writes `data` to `path` atomically: a temporary file in the same directory, fsync,
/// rename over `path`, fsync of the directory. A crash at any point leaves either the
/// old file or the new one, whole. The file is created 0600 (outputs may be secrets);
/// missing parent directories are created 0700. Leftover temporary files of earlier
/// crashed writes of this file are removed (callers hold the component's lock, so no
/// other write of the same file can be in progress).
///
/// With `background_sync`, the two fsyncs are queued there instead, after the rename:
/// a crash or kill of gantry still leaves one whole file (the kernel has it), and a
/// power failure within the few milliseconds before the queued sync may leave the new
/// file empty, which ReadOutputs reports naming the file (apply again to recreate it).
///
/// The JSON written:
///
///     {"schema":1,"run_id":"...","operation":"apply","time":"2024-05-01T10:00:00Z",
///      "duration_seconds":12.5,
///      "outputs":{"vpc_id":{"value":"vpc-1","sensitive":false},
///                 "cfg":{"value":"{...}","sensitive":false,"json":true},
///                 "blob":{"value_base64":"AAEC","sensitive":true}}}
///
/// A value that is not valid UTF-8 is stored as `value_base64`. Flags other than
/// GANTRY_OUTPUT_SENSITIVE and GANTRY_OUTPUT_JSON are not kept.
absl::Status WriteOutputs(const std::filesystem::path& path, const StoredOutputs& data,
                          record::BackgroundSync* background_sync = nullptr);

/// Removes the outputs file at `path`, for a component that now has no outputs (an
/// apply that recorded none, or a destroy): later runs must not read stale ones. OK when
/// there is none. The directory is synced, in the background with `background_sync`.
absl::Status RemoveOutputs(const std::filesystem::path& path,
                           record::BackgroundSync* background_sync = nullptr);

/// Reads what WriteOutputs wrote. NotFound when there is no file (the component never
/// recorded outputs); DataLoss naming the file and what is wrong when it is not a valid
/// outputs file; FailedPrecondition when it was written by a newer gantry (higher
/// schema); system errors naming the file.
absl::StatusOr<StoredOutputs> ReadOutputs(const std::filesystem::path& path);

/// One output as the outputs file holds it: {"value": ..., "sensitive": ..., "json"?: true}
/// (or "value_base64" for a value that is not UTF-8). Shared with published outputs.
nlohmann::json OutputToJson(const record::OutputValue& value);
/// What OutputToJson wrote; InvalidArgument saying what is wrong, worded to follow the
/// output's name (" has invalid base64").
absl::StatusOr<record::OutputValue> OutputFromJson(const nlohmann::json& entry);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_OUTPUT_STORE_H_
