// The JSON form of a component's Changes, shared by the events, the journal and the
// summary: {"has_changes": true, "add": 2, "change": 1, "destroy": null}.
#ifndef GANTRY_CORE_RECORD_CHANGES_JSON_H_
#define GANTRY_CORE_RECORD_CHANGES_JSON_H_

#include <optional>

#include "core/record/run_record.h"
#include "nlohmann/json.hpp"

namespace gantry::record {

/// A count that is not known (-1) is written as null.
nlohmann::ordered_json ChangesToJson(const Changes& changes);

/// The inverse of ChangesToJson; nullopt when `json` is not of that shape (has_changes
/// missing or not a boolean, a count neither null nor a whole number >= 0). Unknown
/// members are ignored.
std::optional<Changes> ChangesFromJson(const nlohmann::json& json);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_CHANGES_JSON_H_
