#include "core/record/summary_json.h"

#include <string>
#include <utility>

#include "core/record/changes_json.h"
#include "core/record/file_output.h"
#include "core/record/time_text.h"

namespace gantry::record {
namespace {

using Json = nlohmann::ordered_json;

Json TimeOrNull(absl::Time time) {
  if (time == absl::InfinitePast() || time == absl::InfiniteFuture()) return nullptr;
  return FormatTimestamp(time);
}

Json TextOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

Json OutputJson(const OutputValue& output) {
  if (output.sensitive()) return kMaskedValue;
  if (output.json()) {
    Json parsed = Json::parse(output.value, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_discarded()) return parsed;
  }
  return output.value;
}

Json ComponentJson(const ComponentRecord& component) {
  Json json = Json::object();
  json["name"] = component.name;
  json["type"] = component.type;
  json["status"] = StatusName(component.status);
  json["started"] = TimeOrNull(component.started);
  const bool ran = component.started != absl::InfinitePast();
  json["finished"] = ran ? TimeOrNull(component.finished) : Json(nullptr);
  json["duration_seconds"] =
      ran && component.finished != absl::InfinitePast() ? Json(DurationSeconds(component.duration()))
                                                        : Json(nullptr);
  json["attempts"] = component.attempts;
  // How long it waited ready but not running, and mostly why (null: it never waited).
  json["ready_wait_seconds"] = DurationSeconds(component.ready_wait);
  json["wait_reason"] = TextOrNull(component.wait_reason);
  json["slot"] = component.slot >= 0 ? Json(component.slot) : Json(nullptr);
  json["skip_cause"] =
      component.status == ComponentStatus::kSkipped ? TextOrNull(component.skip_cause) : nullptr;
  json["error"] = TextOrNull(component.error);
  json["nothing_to_do"] = component.nothing_to_do;
  if (component.changes) json["changes"] = ChangesToJson(*component.changes);
  json["reused_from"] = TextOrNull(component.reused_from);
  json["log"] = TextOrNull(component.log_path);
  json["workspace"] = TextOrNull(component.workspace);
  // What a plan was made with: scripts gating on a plan must see a placeholder.
  json["blocked_on"] = component.blocked_on;
  json["placeholders"] = component.placeholders;
  json["planned_inputs"] = component.planned_inputs;
  Json outputs = Json::object();
  for (const auto& [key, output] : component.outputs) outputs[key] = OutputJson(output);
  json["outputs"] = std::move(outputs);
  return json;
}

}  // namespace

nlohmann::ordered_json SummaryJson(const RunRecord& run) {
  const bool finished = run.finished != absl::InfinitePast();
  Json json = Json::object();
  json["schema"] = kSummarySchemaVersion;
  json["run_id"] = run.run_id;
  json["operation"] = run.operation;
  json["target"] = run.target;
  json["deployment_file"] = run.deployment_file;
  json["resumed_from"] = TextOrNull(run.resumed_from);
  json["from_plan"] = TextOrNull(run.from_plan);
  json["started"] = TimeOrNull(run.started);
  json["finished"] = TimeOrNull(run.finished);
  json["duration_seconds"] = finished && run.started != absl::InfinitePast()
                                 ? Json(DurationSeconds(run.finished - run.started))
                                 : Json(nullptr);
  json["exit_code"] = finished ? Json(run.exit_code) : Json(nullptr);
  json["max_concurrency"] = run.max_concurrency;
  const StatusCounts counts = CountStatuses(run);
  json["counts"] = Json{{"ok", counts.ok},
                        {"nothing_to_do", counts.nothing_to_do},
                        {"failed", counts.failed},
                        {"skipped", counts.skipped},
                        {"cancelled", counts.cancelled},
                        {"blocked", counts.blocked}};
  // The change totals when any component reported changes (plan --detailed-exitcode's
  // question, for scripts): components with and without, and the summed counts.
  if (const ChangeCounts changes = CountChanges(run); changes.with + changes.without > 0) {
    Json totals = ChangesToJson(changes.total);
    totals["components_with"] = changes.with;
    totals["components_without"] = changes.without;
    json["changes"] = std::move(totals);
  }
  json["write_errors"] = run.write_errors;
  Json components = Json::array();
  for (const ComponentRecord& component : run.components)
    components.push_back(ComponentJson(component));
  json["components"] = std::move(components);
  return json;
}

absl::Status WriteSummary(const std::string& path, const RunRecord& run) {
  std::string text =
      SummaryJson(run).dump(2, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
  text.push_back('\n');
  return WriteFileAtomically(path, text);
}

}  // namespace gantry::record
