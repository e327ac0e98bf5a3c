// The JSON form of each type of value an event field holds (event_fields.h): one writer
// and one reader per type, shared by every field of that type. A new field of a type
// already here needs nothing in this file.
#ifndef GANTRY_CORE_RECORD_EVENT_VALUE_JSON_H_
#define GANTRY_CORE_RECORD_EVENT_VALUE_JSON_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/record/run_record.h"
#include "nlohmann/json.hpp"

namespace gantry::record {

nlohmann::ordered_json EventValueToJson(const std::string& text);
nlohmann::ordered_json EventValueToJson(int number);
nlohmann::ordered_json EventValueToJson(bool flag);
/// StatusName.
nlohmann::ordered_json EventValueToJson(ComponentStatus status);
/// Whole milliseconds.
nlohmann::ordered_json EventValueToJson(absl::Duration duration);
/// ChangesToJson; null when none were reported.
nlohmann::ordered_json EventValueToJson(const std::optional<Changes>& changes);
/// {key: {"value": text, "sensitive": true, "json": true}}, each flag only when set.
/// A sensitive value is written as kMaskedValue: no secret ever reaches a record file.
nlohmann::ordered_json EventValueToJson(const std::map<std::string, OutputValue>& outputs);
nlohmann::ordered_json EventValueToJson(const std::vector<std::string>& texts);
/// run_started's components: an object per entry with the fields
/// VisitPlannedComponentFields lists.
nlohmann::ordered_json EventValueToJson(const std::vector<ComponentRecord>& components);

// Each reads `json` into *value and returns nullptr, or returns what the value must be
// ("a string", for "\"key\" must be a string") and leaves *value unspecified.

const char* EventValueFromJson(const nlohmann::json& json, std::string* text);
/// A 32-bit integer.
const char* EventValueFromJson(const nlohmann::json& json, int* number);
const char* EventValueFromJson(const nlohmann::json& json, bool* flag);
/// ParseStatus of a string.
const char* EventValueFromJson(const nlohmann::json& json, ComponentStatus* status);
/// Whole milliseconds, a 32-bit integer.
const char* EventValueFromJson(const nlohmann::json& json, absl::Duration* duration);
/// ChangesFromJson.
const char* EventValueFromJson(const nlohmann::json& json, std::optional<Changes>* changes);
/// Whatever the file says, a value flagged sensitive reads as kMaskedValue.
const char* EventValueFromJson(const nlohmann::json& json,
                               std::map<std::string, OutputValue>* outputs);
const char* EventValueFromJson(const nlohmann::json& json, std::vector<std::string>* texts);
/// Within an entry, a null is of no field's type (not an absent field).
const char* EventValueFromJson(const nlohmann::json& json,
                               std::vector<ComponentRecord>* components);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_EVENT_VALUE_JSON_H_
