#include "core/record/event_json.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/record/event_field_access.h"
#include "core/record/event_fields_json.h"
#include "core/record/time_text.h"
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
    {Kind::kComponentReady, "component_ready"},
    {Kind::kComponentDeferred, "component_deferred"},
    {Kind::kComponentAdmitted, "component_admitted"},
    {Kind::kLimitChanged, "limit_changed"},
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
  json["schema"] = SchemaVersionOf(event.kind);
  json["event"] = EventName(event.kind);
  json["time"] = FormatTimestamp(event.time);
  json["run_id"] = event.run.run_id;
  WriteEventFields(EventFieldsOf(event.kind), event, json);
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

  EventFieldReader fields(json, EventName(event.kind));
  const std::string time = fields.RequiredString("time");
  event.run.run_id = fields.RequiredString("run_id");
  fields.Read(EventFieldsOf(event.kind), event);
  if (!fields.status().ok()) return fields.status();
  // A finished component ended one of these ways; the others are not ends.
  if (const ComponentStatus status = event.component.status;
      event.kind == Kind::kComponentFinished && status != ComponentStatus::kOk &&
      status != ComponentStatus::kFailed && status != ComponentStatus::kCancelled &&
      status != ComponentStatus::kBlocked) {
    return absl::InvalidArgumentError(
        absl::StrCat("component_finished event: \"status\" must be ok, failed, "
                     "cancelled or blocked, not \"", StatusName(status), "\""));
  }
  absl::StatusOr<absl::Time> parsed_time = ParseTimestamp(time);
  if (!parsed_time.ok())
    return absl::InvalidArgumentError(
        absl::StrCat(event_name, " event: ", parsed_time.status().message()));
  event.time = *parsed_time;
  return event;
}

}  // namespace gantry::record
