#include "core/record/event_json.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/record/changes_json.h"
#include "core/record/time_text.h"
#include "gantry/host.h"
#include "nlohmann/json.hpp"

namespace gantry::record {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;
using Kind = RunEvent::Kind;

constexpr struct {
  Kind kind;
  const char* name;
} kEventNames[] = {
    {Kind::kRunStarted, "run_started"},
    {Kind::kComponentStarted, "component_started"},
    {Kind::kComponentRetrying, "component_retrying"},
    {Kind::kComponentFinished, "component_finished"},
    {Kind::kComponentSkipped, "component_skipped"},
    {Kind::kComponentReused, "component_reused"},
    {Kind::kRunFinished, "run_finished"},
};

OrderedJson OutputsToJson(const std::map<std::string, OutputValue>& outputs) {
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

void SetIfNotEmpty(OrderedJson& json, const char* key, const std::string& value) {
  if (!value.empty()) json[key] = value;
}

bool IsStringArray(const Json& json) {
  return json.is_array() &&
         std::all_of(json.begin(), json.end(), [](const Json& entry) { return entry.is_string(); });
}

// Reads the fields of one parsed event, keeping the first problem.
class FieldReader {
 public:
  FieldReader(const Json& json, const char* event) : json_(json), event_(event) {}

  const absl::Status& status() const { return status_; }

  std::string String(const char* key, bool required = true) {
    const Json* value = Find(key, required);
    if (value == nullptr) return "";
    if (!value->is_string()) {
      Fail(key, "a string");
      return "";
    }
    return value->get<std::string>();
  }

  int Int(const char* key, int fallback, bool required = true) {
    const Json* value = Find(key, required);
    if (value == nullptr) return fallback;
    const bool in_range = value->is_number_integer() &&
                          (value->is_number_unsigned()
                               ? value->get<uint64_t>() <= uint64_t{INT_MAX}
                               : value->get<int64_t>() >= INT_MIN &&
                                     value->get<int64_t>() <= INT_MAX);
    if (!in_range) {
      Fail(key, "an integer (32-bit)");
      return fallback;
    }
    return static_cast<int>(value->get<int64_t>());
  }

  bool Bool(const char* key) {
    const Json* value = Find(key, /*required=*/false);
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      Fail(key, "true or false");
      return false;
    }
    return value->get<bool>();
  }

  std::optional<Changes> ChangesField(const char* key) {
    const Json* value = Find(key, /*required=*/false);
    if (value == nullptr) return std::nullopt;
    std::optional<Changes> changes = ChangesFromJson(*value);
    if (!changes)
      Fail(key, "an object {\"has_changes\": true or false, \"add\", \"change\", "
                "\"destroy\": a count or null}");
    return changes;
  }

  ComponentStatus Status(const char* key) {
    const std::string name = String(key);
    ComponentStatus status = ComponentStatus::kPending;
    if (status_.ok() && !ParseStatus(name, &status)) Fail(key, "a status such as \"ok\"");
    return status;
  }

  std::map<std::string, OutputValue> Outputs(const char* key) {
    std::map<std::string, OutputValue> outputs;
    const Json* value = Find(key, /*required=*/false);
    if (value == nullptr) return outputs;
    if (!value->is_object()) {
      Fail(key, "an object");
      return outputs;
    }
    for (const auto& [name, entry] : value->items()) {
      const Json* text = entry.is_object() && entry.contains("value") ? &entry["value"] : nullptr;
      if (text == nullptr || !text->is_string()) {
        Fail(key, "an object of {\"value\": string} entries");
        return outputs;
      }
      OutputValue output;
      output.value = text->get<std::string>();
      if (FlagSet(entry, "sensitive", key)) {
        output.flags |= GANTRY_OUTPUT_SENSITIVE;
        output.value = kMaskedValue;  // whatever the file says, never a secret
      }
      if (FlagSet(entry, "json", key)) output.flags |= GANTRY_OUTPUT_JSON;
      outputs.emplace(name, std::move(output));
    }
    return outputs;
  }

  std::vector<std::string> Strings(const char* key) {
    std::vector<std::string> strings;
    const Json* value = Find(key, /*required=*/false);
    if (value == nullptr) return strings;
    if (!value->is_array()) {
      Fail(key, "an array of strings");
      return strings;
    }
    for (const Json& entry : *value) {
      if (!entry.is_string()) {
        Fail(key, "an array of strings");
        return {};
      }
      strings.push_back(entry.get<std::string>());
    }
    return strings;
  }

  std::vector<PlannedComponent> Components(const char* key) {
    std::vector<PlannedComponent> components;
    const Json* value = Find(key, /*required=*/false);
    if (value == nullptr) return components;
    if (!value->is_array()) {
      Fail(key, "an array");
      return components;
    }
    for (const Json& entry : *value) {
      if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
          (entry.contains("type") && !entry["type"].is_string()) ||
          (entry.contains("needs") && !IsStringArray(entry["needs"]))) {
        Fail(key, "an array of {\"name\": string, \"type\": string, \"needs\": [string]}");
        return components;
      }
      PlannedComponent component;
      component.name = entry["name"].get<std::string>();
      if (entry.contains("type")) component.type = entry["type"].get<std::string>();
      if (entry.contains("needs")) component.needs = entry["needs"].get<std::vector<std::string>>();
      components.push_back(std::move(component));
    }
    return components;
  }

 private:
  const Json* Find(const char* key, bool required) {
    if (!status_.ok()) return nullptr;
    const auto it = json_.find(key);
    if (it == json_.end() || it->is_null()) {
      if (required)
        status_ = absl::InvalidArgumentError(
            absl::StrCat(event_, " event: missing \"", key, "\""));
      return nullptr;
    }
    return &*it;
  }

  bool FlagSet(const Json& entry, const char* flag, const char* key) {
    const auto it = entry.find(flag);
    if (it == entry.end()) return false;
    if (!it->is_boolean()) {
      Fail(key, "entries whose flags are true or false");
      return false;
    }
    return it->get<bool>();
  }

  void Fail(const char* key, const char* what) {
    if (status_.ok())
      status_ = absl::InvalidArgumentError(
          absl::StrCat(event_, " event: \"", key, "\" must be ", what));
  }

  const Json& json_;
  const char* event_;
  absl::Status status_;
};

}  // namespace

const char* EventName(RunEvent::Kind kind) {
  for (const auto& entry : kEventNames)
    if (entry.kind == kind) return entry.name;
  return "unknown";
}

bool ParseEventName(std::string_view name, RunEvent::Kind* kind) {
  for (const auto& entry : kEventNames) {
    if (name == entry.name) {
      *kind = entry.kind;
      return true;
    }
  }
  return false;
}

std::string EventToJson(const RunEvent& event) {
  OrderedJson json = OrderedJson::object();
  json["schema"] = kEventSchemaVersion;
  json["event"] = EventName(event.kind);
  json["time"] = FormatTimestamp(event.time);
  json["run_id"] = event.run_id;
  switch (event.kind) {
    case Kind::kRunStarted: {
      json["operation"] = event.operation;
      json["target"] = event.target;
      json["deployment_file"] = event.deployment_file;
      json["total"] = event.total;
      json["max_concurrency"] = event.max_concurrency;
      OrderedJson components = OrderedJson::array();
      for (const PlannedComponent& component : event.components) {
        OrderedJson entry{{"name", component.name}, {"type", component.type}};
        if (!component.needs.empty()) entry["needs"] = component.needs;
        components.push_back(std::move(entry));
      }
      json["components"] = std::move(components);
      SetIfNotEmpty(json, "resumed_from", event.resumed_from);
      SetIfNotEmpty(json, "from_plan", event.from_plan);
      break;
    }
    case Kind::kComponentStarted:
      json["component"] = event.component;
      json["slot"] = event.slot;
      json["attempt"] = event.attempt;
      SetIfNotEmpty(json, "log", event.log_path);
      break;
    case Kind::kComponentRetrying:
      json["component"] = event.component;
      json["attempt"] = event.attempt;
      json["error"] = event.error;
      json["retry_delay_ms"] = absl::ToInt64Milliseconds(event.retry_delay);
      break;
    case Kind::kComponentFinished:
      json["component"] = event.component;
      json["status"] = StatusName(event.status);
      json["attempt"] = event.attempt;
      SetIfNotEmpty(json, "error", event.error);
      if (event.nothing_to_do) json["nothing_to_do"] = true;
      if (event.changes) json["changes"] = ChangesToJson(*event.changes);
      if (!event.outputs.empty()) json["outputs"] = OutputsToJson(event.outputs);
      SetIfNotEmpty(json, "workspace", event.workspace);
      if (!event.blocked_on.empty()) json["blocked_on"] = event.blocked_on;
      if (!event.placeholders.empty()) json["placeholders"] = event.placeholders;
      if (!event.planned_inputs.empty()) json["planned_inputs"] = event.planned_inputs;
      break;
    case Kind::kComponentSkipped:
      json["component"] = event.component;
      json["skip_cause"] = event.skip_cause;
      break;
    case Kind::kComponentReused:
      json["component"] = event.component;
      json["reused_from"] = event.reused_from;
      if (!event.outputs.empty()) json["outputs"] = OutputsToJson(event.outputs);
      break;
    case Kind::kRunFinished:
      json["exit_code"] = event.exit_code;
      if (!event.write_errors.empty()) json["write_errors"] = event.write_errors;
      break;
  }
  return json.dump(-1, ' ', /*ensure_ascii=*/false, OrderedJson::error_handler_t::replace);
}

absl::StatusOr<RunEvent> EventFromJson(std::string_view line) {
  Json json;
  try {
    json = Json::parse(line);
  } catch (const Json::parse_error& error) {
    return absl::InvalidArgumentError(absl::StrCat("not a JSON event: ", error.what()));
  }
  if (!json.is_object()) return absl::InvalidArgumentError("not a JSON event: not an object");

  const auto schema = json.find("schema");
  if (schema == json.end() || !schema->is_number_integer() || schema->get<int64_t>() < 1)
    return absl::InvalidArgumentError("event without a valid \"schema\" version");
  if (schema->get<int64_t>() > kEventSchemaVersion) {
    return absl::FailedPreconditionError(absl::StrCat(
        "event schema version ", schema->get<int64_t>(), " is newer than this gantry reads (",
        kEventSchemaVersion, "): written by a newer gantry; upgrade to read it"));
  }

  RunEvent event;
  const auto name = json.find("event");
  if (name == json.end() || !name->is_string())
    return absl::InvalidArgumentError("event without an \"event\" name");
  const std::string event_name = name->get<std::string>();
  if (!ParseEventName(event_name, &event.kind))
    return absl::InvalidArgumentError(absl::StrCat("unknown event \"", event_name, "\""));

  FieldReader fields(json, EventName(event.kind));
  const std::string time = fields.String("time");
  event.run_id = fields.String("run_id");
  switch (event.kind) {
    case Kind::kRunStarted:
      event.operation = fields.String("operation");
      event.target = fields.String("target");
      event.deployment_file = fields.String("deployment_file", /*required=*/false);
      event.total = fields.Int("total", 0);
      event.max_concurrency = fields.Int("max_concurrency", 1, /*required=*/false);
      event.components = fields.Components("components");
      event.resumed_from = fields.String("resumed_from", /*required=*/false);
      event.from_plan = fields.String("from_plan", /*required=*/false);
      break;
    case Kind::kComponentStarted:
      event.component = fields.String("component");
      event.slot = fields.Int("slot", -1);
      event.attempt = fields.Int("attempt", 0);
      event.log_path = fields.String("log", /*required=*/false);
      break;
    case Kind::kComponentRetrying: {
      event.component = fields.String("component");
      event.attempt = fields.Int("attempt", 0);
      event.error = fields.String("error", /*required=*/false);
      event.retry_delay = absl::Milliseconds(fields.Int("retry_delay_ms", 0, false));
      break;
    }
    case Kind::kComponentFinished:
      event.component = fields.String("component");
      event.status = fields.Status("status");
      event.attempt = fields.Int("attempt", 0);
      event.error = fields.String("error", /*required=*/false);
      event.nothing_to_do = fields.Bool("nothing_to_do");
      event.changes = fields.ChangesField("changes");
      event.outputs = fields.Outputs("outputs");
      event.workspace = fields.String("workspace", /*required=*/false);
      event.blocked_on = fields.Strings("blocked_on");
      event.placeholders = fields.Strings("placeholders");
      event.planned_inputs = fields.Strings("planned_inputs");
      if (fields.status().ok() && event.status != ComponentStatus::kOk &&
          event.status != ComponentStatus::kFailed &&
          event.status != ComponentStatus::kCancelled &&
          event.status != ComponentStatus::kBlocked) {
        return absl::InvalidArgumentError(
            absl::StrCat("component_finished event: \"status\" must be ok, failed, "
                         "cancelled or blocked, not \"", StatusName(event.status), "\""));
      }
      break;
    case Kind::kComponentSkipped:
      event.component = fields.String("component");
      event.skip_cause = fields.String("skip_cause");
      break;
    case Kind::kComponentReused:
      event.component = fields.String("component");
      event.reused_from = fields.String("reused_from");
      event.outputs = fields.Outputs("outputs");
      break;
    case Kind::kRunFinished:
      event.exit_code = fields.Int("exit_code", 0);
      event.write_errors = fields.Strings("write_errors");
      break;
  }
  if (!fields.status().ok()) return fields.status();
  absl::StatusOr<absl::Time> parsed_time = ParseTimestamp(time);
  if (!parsed_time.ok())
    return absl::InvalidArgumentError(
        absl::StrCat(event_name, " event: ", parsed_time.status().message()));
  event.time = *parsed_time;
  return event;
}

}  // namespace gantry::record
