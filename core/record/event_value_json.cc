#include "core/record/event_value_json.h"

#include <climits>
#include <cstdint>
#include <utility>

#include "core/record/changes_json.h"
#include "core/record/event_field_access.h"
#include "core/record/event_fields_json.h"
#include "gantry/host.h"

namespace gantry::record {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// An output entry's flag: absent is false; false when it is not a boolean (*valid false).
bool OutputFlag(const Json& entry, const char* flag, bool* valid) {
  const auto it = entry.find(flag);
  if (it == entry.end()) return false;
  if (!it->is_boolean()) {
    *valid = false;
    return false;
  }
  return it->get<bool>();
}

// What a malformed run_started component list must be, naming the fields of
// VisitPlannedComponentFields.
constexpr char kPlannedComponentsShape[] =
    "an array of {\"name\": string, \"type\": string, \"needs\": [string]}";

}  // namespace

OrderedJson EventValueToJson(const std::string& text) { return text; }

OrderedJson EventValueToJson(int number) { return number; }

OrderedJson EventValueToJson(bool flag) { return flag; }

OrderedJson EventValueToJson(ComponentStatus status) { return StatusName(status); }

OrderedJson EventValueToJson(absl::Duration duration) {
  return absl::ToInt64Milliseconds(duration);
}

OrderedJson EventValueToJson(const std::optional<Changes>& changes) {
  if (!changes) return nullptr;
  return ChangesToJson(*changes);
}

OrderedJson EventValueToJson(const std::map<std::string, OutputValue>& outputs) {
  OrderedJson json = OrderedJson::object();
  for (const auto& [key, output] : outputs) {
    OrderedJson entry = OrderedJson::object();
    entry["value"] = std::string(output.shown());
    if (output.sensitive()) entry["sensitive"] = true;
    if (output.json()) entry["json"] = true;
    json[key] = std::move(entry);
  }
  return json;
}

OrderedJson EventValueToJson(const std::vector<std::string>& texts) { return texts; }

const char* EventValueFromJson(const Json& json, std::string* text) {
  if (!json.is_string()) return "a string";
  *text = json.get<std::string>();
  return nullptr;
}

const char* EventValueFromJson(const Json& json, int* number) {
  const bool in_range =
      json.is_number_integer() &&
      (json.is_number_unsigned()
           ? json.get<uint64_t>() <= uint64_t{INT_MAX}
           : json.get<int64_t>() >= INT_MIN && json.get<int64_t>() <= INT_MAX);
  if (!in_range) return "an integer (32-bit)";
  *number = static_cast<int>(json.get<int64_t>());
  return nullptr;
}

const char* EventValueFromJson(const Json& json, bool* flag) {
  if (!json.is_boolean()) return "true or false";
  *flag = json.get<bool>();
  return nullptr;
}

const char* EventValueFromJson(const Json& json, ComponentStatus* status) {
  std::string name;
  if (const char* problem = EventValueFromJson(json, &name)) return problem;
  if (!ParseStatus(name, status)) return "a status such as \"ok\"";
  return nullptr;
}

const char* EventValueFromJson(const Json& json, absl::Duration* duration) {
  int milliseconds = 0;
  if (const char* problem = EventValueFromJson(json, &milliseconds)) return problem;
  *duration = absl::Milliseconds(milliseconds);
  return nullptr;
}

const char* EventValueFromJson(const Json& json, std::optional<Changes>* changes) {
  *changes = ChangesFromJson(json);
  if (!*changes)
    return "an object {\"has_changes\": true or false, \"add\", \"change\", \"destroy\": a "
           "count or null}";
  return nullptr;
}

const char* EventValueFromJson(const Json& json, std::map<std::string, OutputValue>* outputs) {
  if (!json.is_object()) return "an object";
  for (const auto& [name, entry] : json.items()) {
    const Json* text = entry.is_object() && entry.contains("value") ? &entry["value"] : nullptr;
    if (text == nullptr || !text->is_string()) return "an object of {\"value\": string} entries";
    OutputValue output;
    output.value = text->get<std::string>();
    bool valid = true;
    if (OutputFlag(entry, "sensitive", &valid)) {
      output.flags |= GANTRY_OUTPUT_SENSITIVE;
      output.value = kMaskedValue;  // whatever the file says, never a secret
    }
    if (OutputFlag(entry, "json", &valid)) output.flags |= GANTRY_OUTPUT_JSON;
    if (!valid) return "entries whose flags are true or false";
    outputs->emplace(name, std::move(output));
  }
  return nullptr;
}

const char* EventValueFromJson(const Json& json, std::vector<std::string>* texts) {
  if (!json.is_array()) return "an array of strings";
  for (const Json& entry : json) {
    if (!entry.is_string()) return "an array of strings";
    texts->push_back(entry.get<std::string>());
  }
  return nullptr;
}

OrderedJson EventValueToJson(const std::vector<ComponentRecord>& components) {
  OrderedJson json = OrderedJson::array();
  for (const ComponentRecord& component : components) {
    OrderedJson entry = OrderedJson::object();
    WriteEventFields(PlannedComponentFields(), component, entry);
    json.push_back(std::move(entry));
  }
  return json;
}

const char* EventValueFromJson(const Json& json, std::vector<ComponentRecord>* components) {
  if (!json.is_array()) return "an array";
  for (const Json& entry : json) {
    if (!entry.is_object()) return kPlannedComponentsShape;
    EventFieldReader fields(entry, "run_started", /*null_is_absent=*/false);
    fields.Read(PlannedComponentFields(), components->emplace_back());
    if (!fields.status().ok()) return kPlannedComponentsShape;
  }
  return nullptr;
}

}  // namespace gantry::record
