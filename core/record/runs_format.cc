#include "core/record/runs_format.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/exec/inert_text.h"
#include "core/record/text_table.h"
#include "core/record/time_text.h"

namespace gantry::record {
namespace {

constexpr size_t kMinShortId = 8;

// Journal text is printed neutralised (exec/inert_text.h): a journal is a file anyone may
// have written, and errors carry what components printed.
std::string Shown(std::string_view text) { return exec::Neutralised(text); }

std::string ResultText(const Journal& journal) {
  if (journal.complete) return absl::StrCat("exit ", journal.run.exit_code);
  return journal.incomplete() ? "incomplete" : "interrupted";
}

std::string TargetText(const std::string& target) { return target.empty() ? "-" : Shown(target); }

}  // namespace

absl::Duration RunDuration(const Journal& journal) {
  const RunRecord& run = journal.run;
  const absl::Time end = journal.complete ? run.finished : journal.last_event;
  if (run.started == absl::InfinitePast() || end == absl::InfinitePast()) return absl::ZeroDuration();
  return end - run.started;
}

std::string RunResultText(const Journal& journal) {
  return journal.complete     ? absl::StrCat("exit code ", journal.run.exit_code)
         : journal.incomplete() ? "incomplete (the journal was cut short)"
                                : "interrupted (the journal has no run_finished)";
}

std::string ComponentStatusText(const ComponentRecord& component, std::string_view operation,
                                bool complete) {
  switch (component.status) {
    case ComponentStatus::kPending:
      return complete ? "pending" : "not started";
    case ComponentStatus::kRunning:
      return complete ? "running" : "interrupted";
    case ComponentStatus::kOk:
      if (!component.reused_from.empty()) return "ok (reused)";
      return ShownStatus(component, operation);
    default:
      return StatusName(component.status);
  }
}

std::string SkipText(const RunRecord& run, const ComponentRecord& component) {
  if (component.skip_cause == kSkipCauseCancelled) return "the run was cancelled";
  if (component.skip_cause.empty()) return "no cause recorded";
  for (const ComponentRecord& cause : run.components) {
    if (cause.name == component.skip_cause)
      return absl::StrCat("after ", cause.name, " ", StatusName(cause.status));
  }
  return absl::StrCat("after ", component.skip_cause);
}

size_t ShortIdLength(const std::vector<RunListing>& runs) {
  std::vector<std::string_view> ids;
  for (const RunListing& listing : runs) ids.push_back(listing.id);
  std::sort(ids.begin(), ids.end());
  size_t length = kMinShortId;
  // In sorted order, the longest common prefix of any two ids is that of two neighbours.
  for (size_t i = 1; i < ids.size(); ++i) {
    const auto [a, b] = std::mismatch(ids[i - 1].begin(), ids[i - 1].end(), ids[i].begin(),
                                      ids[i].end());
    length = std::max(length, static_cast<size_t>(a - ids[i - 1].begin()) + 1);
  }
  return length;
}

void PrintRunList(const std::vector<RunListing>& runs, std::ostream& out, absl::TimeZone zone) {
  if (runs.empty()) {
    out << "no runs recorded\n";
    return;
  }
  const size_t short_id = ShortIdLength(runs);
  TextTable table({"RUN", "OPERATION", "TARGET", "STARTED", "DURATION", "OK", "FAILED",
                   "SKIPPED", "CANCELLED", "RESULT"});
  for (const RunListing& listing : runs) {
    std::string id = listing.id.substr(0, short_id);
    if (!listing.error.ok()) {
      table.AddRow({std::move(id), "-", "-", "-", "-", "-", "-", "-", "-",
                    Shown(absl::StrCat("unreadable: ", listing.error.message()))});
      continue;
    }
    if (listing.journal.empty) {
      table.AddRow({std::move(id), "-", "-", "-", "-", "-", "-", "-", "-",
                    "incomplete (empty journal)"});
      continue;
    }
    const RunRecord& run = listing.journal.run;
    const StatusCounts counts = CountStatuses(run);
    table.AddRow({std::move(id), Shown(run.operation), TargetText(run.target),
                  FormatClockTime(run.started, zone), HumanDuration(RunDuration(listing.journal)),
                  absl::StrCat(counts.ok), absl::StrCat(counts.failed),
                  absl::StrCat(counts.skipped), absl::StrCat(counts.cancelled),
                  ResultText(listing.journal)});
  }
  table.Print(out);
}

void PrintRunDetails(const Journal& journal, std::ostream& out, absl::TimeZone zone) {
  const RunRecord& run = journal.run;
  if (journal.empty) {
    out << "run " << Shown(run.run_id)
        << ": incomplete: its journal holds no event (it could not be written as the run "
           "started: a full disk, or gantry died)\n";
    return;
  }
  TextTable header({"run", Shown(run.run_id)});
  header.AddRow({"operation", Shown(run.operation)});
  header.AddRow({"target", run.target.empty() ? "(default)" : Shown(run.target)});
  if (!run.deployment_file.empty()) header.AddRow({"file", Shown(run.deployment_file)});
  if (!run.resumed_from.empty())
    header.AddRow({"resumed", absl::StrCat("from run ", Shown(run.resumed_from))});
  if (!run.from_plan.empty())
    header.AddRow({"applied", absl::StrCat("the saved plan of run ", Shown(run.from_plan))});
  header.AddRow({"started", FormatClockTime(run.started, zone)});
  if (journal.complete) {
    header.AddRow({"finished", FormatClockTime(run.finished, zone)});
  } else if (journal.last_event != absl::InfinitePast()) {
    header.AddRow({"last event", FormatClockTime(journal.last_event, zone)});
  }
  header.AddRow({"duration", HumanDuration(RunDuration(journal))});
  header.AddRow({"result", RunResultText(journal)});
  header.AddRow({"concurrency", absl::StrCat(run.max_concurrency)});
  header.Print(out);
  if (journal.truncated_tail)
    out << "note: the journal's last line was cut short and has been ignored\n";

  out << '\n';
  // The CHANGES column only when some plugin reported changes: most types never do.
  const std::string changes = ChangeCountsText(CountChanges(run), run.operation);
  std::vector<std::string> columns = {"COMPONENT", "TYPE", "STATUS", "DURATION", "ATTEMPTS", "LOG"};
  if (!changes.empty()) columns.insert(columns.begin() + 3, "CHANGES");
  TextTable components(std::move(columns));
  for (const ComponentRecord& component : run.components) {
    const bool timed = component.started != absl::InfinitePast() &&
                       component.finished != absl::InfinitePast();
    std::vector<std::string> row = {
        Shown(component.name), component.type.empty() ? "-" : Shown(component.type),
        // A blocked component says what it needs, as the console does (the page puts
        // that beside its badge instead).
        Shown(component.status == ComponentStatus::kBlocked
                  ? ShownStatus(component, run.operation)
                  : ComponentStatusText(component, run.operation, journal.complete)),
        timed ? HumanDuration(component.duration()) : "-",
        component.attempts > 0 ? absl::StrCat(component.attempts) : "-",
        component.log_path.empty() ? "-" : Shown(component.log_path)};
    if (!changes.empty())
      row.insert(row.begin() + 3, component.changes ? ChangesText(*component.changes, run.operation) : "-");
    components.AddRow(std::move(row));
  }
  components.Print(out);
  if (!changes.empty()) out << changes << "\n";

  std::string errors, skips, outputs;
  for (const ComponentRecord& component : run.components) {
    const std::string name = Shown(component.name);
    if (!component.error.empty())
      absl::StrAppend(&errors, "  ", name, ": ", Shown(component.error), "\n");
    if (component.status == ComponentStatus::kSkipped)
      absl::StrAppend(&skips, "  ", name, ": ", Shown(SkipText(run, component)), "\n");
    for (const auto& [key, output] : component.outputs)
      absl::StrAppend(&outputs, "  ", name, ".", Shown(key), " = ", Shown(output.shown()), "\n");
  }
  if (!errors.empty()) out << "\nerrors:\n" << errors;
  if (!run.write_errors.empty()) {
    out << "\nnot written:\n";
    for (const std::string& error : run.write_errors) out << "  " << Shown(error) << "\n";
  }
  if (!skips.empty()) out << "\nskipped:\n" << skips;
  if (!outputs.empty()) out << "\noutputs:\n" << outputs;
}

}  // namespace gantry::record
