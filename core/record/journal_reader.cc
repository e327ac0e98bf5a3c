#include "core/record/journal_reader.h"

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/record/event_field_access.h"
#include "core/record/event_json.h"

namespace gantry::record {
namespace {

bool Ended(ComponentStatus status) {
  return status != ComponentStatus::kPending && status != ComponentStatus::kRunning;
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

absl::string_view AbslView(std::string_view text) { return absl::string_view(text.data(), text.size()); }

}  // namespace

ComponentRecord& RunRecordBuilder::Component(const std::string& name) {
  std::vector<ComponentRecord>& components = journal_.run.components;
  auto it = std::lower_bound(
      components.begin(), components.end(), name,
      [](const ComponentRecord& component, const std::string& key) { return component.name < key; });
  if (it == components.end() || it->name != name) {
    ComponentRecord component;
    component.name = name;
    it = components.insert(it, std::move(component));
  }
  return *it;
}

AttemptRecord* RunRecordBuilder::LastAttempt(const std::string& name) {
  const auto found = journal_.attempts.find(name);
  return found == journal_.attempts.end() || found->second.empty() ? nullptr : &found->second.back();
}

absl::Status RunRecordBuilder::Apply(const RunEvent& event) {
  const char* const name = EventName(event.kind);
  RunRecord& run = journal_.run;
  if (event.kind == RunEvent::Kind::kRunStarted) {
    if (started_)
      return absl::InvalidArgumentError(
          absl::StrCat("a second run_started (run ", event.run.run_id, ")"));
    started_ = true;
    run.run_id = event.run.run_id;
    run.started = event.time;
    CopyEventFields(event.kind, event.run, run);
    // Later events find their component by name in a sorted list: keep it sorted, one
    // entry a name, in whatever order the line lists them.
    for (ComponentRecord& planned : std::exchange(run.components, {}))
      Component(planned.name) = std::move(planned);
    journal_.last_event = event.time;
    return absl::OkStatus();
  }
  if (!started_) return absl::InvalidArgumentError(absl::StrCat(name, " before run_started"));
  if (journal_.complete) return absl::InvalidArgumentError(absl::StrCat(name, " after run_finished"));
  if (event.run.run_id != run.run_id)
    return absl::InvalidArgumentError(absl::StrCat(name, " of run ", event.run.run_id,
                                                   " in the journal of run ", run.run_id));
  journal_.last_event = std::max(journal_.last_event, event.time);

  if (event.kind == RunEvent::Kind::kRunFinished) {
    run.finished = event.time;
    CopyEventFields(event.kind, event.run, run);
    journal_.complete = true;
    return absl::OkStatus();
  }
  // Of a run's group, not of a component; nothing a record keeps (an events file read
  // as a journal has them).
  if (event.kind == RunEvent::Kind::kLimitChanged) return absl::OkStatus();

  ComponentRecord& component = Component(event.component.name);
  if (Ended(component.status)) {
    return absl::InvalidArgumentError(absl::StrCat(name, " of component ", event.component.name,
                                                   ", which already ended (",
                                                   StatusName(component.status), ")"));
  }
  const int attempts_so_far = component.attempts;
  CopyEventFields(event.kind, event.component, component);
  // A component's attempts only grow, whatever a later event says.
  component.attempts = std::max(component.attempts, attempts_so_far);
  // What the event means beyond the fields it carries: statuses, times, attempts.
  switch (event.kind) {
    case RunEvent::Kind::kComponentStarted: {
      AttemptRecord& attempt = journal_.attempts[component.name].emplace_back();
      CopyEventFields(event.kind, event.attempt, attempt);
      attempt.started = event.time;
      component.status = ComponentStatus::kRunning;
      if (component.started == absl::InfinitePast()) component.started = event.time;
      component.attempts = std::max(component.attempts, event.attempt.number);
      break;
    }
    case RunEvent::Kind::kComponentRetrying:
      component.attempts = std::max(component.attempts, event.attempt.number);
      component.error = event.attempt.error;  // shown while it waits to retry
      if (AttemptRecord* attempt = LastAttempt(component.name)) {
        CopyEventFields(event.kind, event.attempt, *attempt);
        attempt->ended = event.time;
        attempt->retried = true;
      }
      break;
    case RunEvent::Kind::kComponentFinished:
      // Not after a retry's wait (cancelled before the next attempt): the attempt ended then.
      if (AttemptRecord* attempt = LastAttempt(component.name); attempt && !attempt->retried)
        attempt->ended = event.time;
      component.finished = event.time;
      break;
    case RunEvent::Kind::kComponentSkipped:
      component.status = ComponentStatus::kSkipped;
      component.finished = event.time;
      break;
    case RunEvent::Kind::kComponentReused:
      component.status = ComponentStatus::kOk;
      break;
    case RunEvent::Kind::kComponentDeferred:
      // Throttled or busy: its attempt ended, and it waits to start again.
      if (event.admission.reason == "backoff" || event.admission.reason == "busy") {
        if (AttemptRecord* attempt = LastAttempt(component.name)) attempt->ended = event.time;
        component.status = ComponentStatus::kPending;
      }
      break;
    case RunEvent::Kind::kComponentReady:
    case RunEvent::Kind::kComponentAdmitted:
    case RunEvent::Kind::kLimitChanged:
      break;
    case RunEvent::Kind::kRunStarted:
    case RunEvent::Kind::kRunFinished:
      break;  // handled above
  }
  return absl::OkStatus();
}

absl::StatusOr<Journal> ParseJournal(std::string_view text, std::string_view file) {
  // Split first, to know which line is the last one holding anything.
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  size_t last = lines.size();
  while (last > 0 && IsBlank(lines[last - 1])) --last;

  RunRecordBuilder builder;
  bool truncated_tail = false;
  for (size_t i = 0; i < last; ++i) {
    if (IsBlank(lines[i])) continue;
    const auto where = [&] { return absl::StrCat(AbslView(file), ":", i + 1, ": "); };
    absl::StatusOr<RunEvent> event = EventFromJson(lines[i]);
    if (!event.ok()) {
      if (i + 1 == last && absl::IsInvalidArgument(event.status())) {
        truncated_tail = true;  // a write cut short by a crash: the run ends before it
        break;
      }
      return absl::Status(event.status().code(), absl::StrCat(where(), event.status().message()));
    }
    if (absl::Status status = builder.Apply(*event); !status.ok())
      return absl::InvalidArgumentError(absl::StrCat(where(), status.message()));
  }
  // Nothing read at all: the run never got its first line onto the disk. Read as far as
  // it goes (nowhere), so that listing runs and --resume last still work.
  const bool empty = last == 0 || (last == 1 && truncated_tail);
  if (!builder.started() && !empty)
    return absl::InvalidArgumentError(
        absl::StrCat(AbslView(file), ": not a run journal: no run_started event"));
  Journal journal = builder.TakeJournal();
  journal.truncated_tail = truncated_tail;
  journal.empty = empty;
  return journal;
}

absl::StatusOr<Journal> ReadJournal(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string message = absl::StrCat("cannot read ", path);
    return error != 0 ? absl::ErrnoToStatus(error, message) : absl::UnknownError(message);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return ParseJournal(text.str(), path);
}

}  // namespace gantry::record
