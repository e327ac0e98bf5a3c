#include "core/record/chrome_trace.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/record/file_output.h"

namespace gantry::record {
namespace {

using Json = nlohmann::json;

constexpr int kPid = 1;

bool Known(absl::Time time) { return time != absl::InfinitePast() && time != absl::InfiniteFuture(); }

// The latest time the record knows of: where unfinished work is cut off.
absl::Time LastKnown(const RunRecord& run) {
  absl::Time last = Known(run.finished) ? run.finished : absl::InfinitePast();
  for (const ComponentRecord& component : run.components) {
    if (Known(component.started)) last = std::max(last, component.started);
    if (Known(component.finished)) last = std::max(last, component.finished);
  }
  return last;
}

// Time zero of the trace: the run's start, or its first component start.
absl::Time Origin(const RunRecord& run) {
  if (Known(run.started)) return run.started;
  absl::Time origin = absl::InfiniteFuture();
  for (const ComponentRecord& component : run.components)
    if (Known(component.started)) origin = std::min(origin, component.started);
  return Known(origin) ? origin : absl::UnixEpoch();
}

int64_t Micros(absl::Duration duration) {
  return std::max<int64_t>(0, absl::ToInt64Microseconds(duration));
}

Json Metadata(const char* name, int tid, Json args) {
  // "ts" is optional for metadata; given anyway, as Chrome writes it, for stricter readers.
  return Json{{"name", name}, {"ph", "M"},     {"ts", 0},
              {"pid", kPid},  {"tid", tid},    {"args", std::move(args)}};
}

void AddRow(Json& events, int tid, const std::string& name, int sort_index) {
  events.push_back(Metadata("thread_name", tid, Json{{"name", name}}));
  events.push_back(Metadata("thread_sort_index", tid, Json{{"sort_index", sort_index}}));
}

}  // namespace

nlohmann::json ChromeTraceJson(const RunRecord& run) {
  const absl::Time origin = Origin(run);
  const absl::Time last = LastKnown(run);
  std::set<int> slots;
  bool any_skipped = false;
  for (const ComponentRecord& component : run.components) {
    if (component.status == ComponentStatus::kSkipped) any_skipped = true;
    else if (component.slot >= 0 && Known(component.started)) slots.insert(component.slot);
  }
  const int skipped_tid = (slots.empty() ? 0 : *slots.rbegin()) + 2;

  Json events = Json::array();
  std::string process = absl::StrCat("gantry ", run.operation);
  if (!run.target.empty()) absl::StrAppend(&process, " ", run.target);
  events.push_back(Metadata("process_name", 0, Json{{"name", process}}));
  for (const int slot : slots) AddRow(events, slot + 1, absl::StrCat("slot ", slot), slot);
  if (any_skipped) AddRow(events, skipped_tid, "skipped", skipped_tid);

  for (const ComponentRecord& component : run.components) {
    if (component.status == ComponentStatus::kSkipped) {
      const absl::Time at = Known(component.finished) ? component.finished : origin;
      events.push_back(Json{{"name", component.name},
                            {"cat", component.type},
                            {"ph", "i"},
                            {"s", "t"},
                            {"ts", Micros(at - origin)},
                            {"pid", kPid},
                            {"tid", skipped_tid},
                            {"args",
                             {{"type", component.type},
                              {"status", StatusName(component.status)},
                              {"skip_cause", component.skip_cause}}}});
      continue;
    }
    if (component.slot < 0 || !Known(component.started)) continue;  // never ran here
    const absl::Time end = Known(component.finished) ? component.finished
                                                     : std::max(last, component.started);
    Json args = {{"type", component.type},
                 {"status", StatusName(component.status)},
                 {"attempts", component.attempts}};
    if (!component.error.empty()) args["error"] = component.error;
    events.push_back(Json{{"name", component.name},
                          {"cat", component.type},
                          {"ph", "X"},
                          {"ts", Micros(component.started - origin)},
                          {"dur", Micros(end - component.started)},
                          {"pid", kPid},
                          {"tid", component.slot + 1},
                          {"args", std::move(args)}});
  }
  // One counter track per limited group: its limit and how many of it run.
  for (const GroupLoad& load : run.group_loads) {
    events.push_back(Json{{"name", absl::StrCat("group ", load.group)},
                          {"ph", "C"},
                          {"ts", Micros(load.time - origin)},
                          {"pid", kPid},
                          {"tid", 0},
                          {"args", {{"limit", load.limit}, {"in_flight", load.running}}}});
  }
  return Json{{"traceEvents", std::move(events)}, {"displayTimeUnit", "ms"}};
}

absl::Status WriteChromeTrace(const std::string& path, const RunRecord& run) {
  std::string text = ChromeTraceJson(run).dump(-1, ' ', /*ensure_ascii=*/false,
                                               Json::error_handler_t::replace);
  text.push_back('\n');
  return WriteFileAtomically(path, text);
}

}  // namespace gantry::record
