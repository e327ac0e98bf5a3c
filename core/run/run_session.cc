#include "core/run/run_session.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/cli/exit_codes.h"
#include "core/console/make_console.h"
#include "core/exec/leftover_sweep.h"
#include "core/record/chrome_trace.h"
#include "core/record/github_summary.h"
#include "core/record/summary_json.h"
#include "core/run/secrets_of.h"
#include "core/run/signal_watcher.h"
#include "core/state/duration_store.h"
#include "core/state/run_id.h"
#include "core/state/workspace.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

using cli::kExitBadInput;
using cli::kExitOk;
using cli::kExitInterrupted;
using cli::kExitPlanBlocked;
constexpr int kExitFailed = cli::kExitComponentFailed;  // a component, or a record lost

/// The run did what it could: a record lost must turn it into a failure.
bool Succeeded(int exit_code) { return exit_code == kExitOk || exit_code == kExitPlanBlocked; }

int ExitCodeOf(const record::RunRecord& run, bool interrupted) {
  if (interrupted) return kExitInterrupted;
  bool blocked = false;
  for (const record::ComponentRecord& component : run.components) {
    if (component.status == record::ComponentStatus::kFailed ||
        component.status == record::ComponentStatus::kCancelled)
      return kExitFailed;
    blocked = blocked || component.status == record::ComponentStatus::kBlocked;
  }
  return blocked ? kExitPlanBlocked : kExitOk;
}

/// Writes the run's reports; false when one could not be written (said on `err`): a
/// record lost is a failure of the run, as a full disk must not pass for success.
bool WriteReports(const state::Layout& layout, const RunOptions& options,
                  const record::RunRecord& run, std::ostream& err) {
  bool written = true;
  auto warn = [&](const absl::Status& status) {
    if (status.ok()) return;
    err << "gantry: " << status.message() << "\n";
    written = false;
  };
  warn(record::WriteSummary(layout.SummaryPath(run.run_id).string(), run));
  if (!options.summary_file.empty()) warn(record::WriteSummary(options.summary_file, run));
  if (!options.trace_file.empty()) warn(record::WriteChromeTrace(options.trace_file, run));
  if (const char* step_summary = std::getenv("GITHUB_STEP_SUMMARY");
      step_summary != nullptr && *step_summary != '\0')
    warn(record::AppendGithubSummary(step_summary, run));
  return written;
}

/// Records how long each component this apply ran successfully took.
void KeepDurations(const state::Layout& layout, const config::Deployment& deployment,
                   const graph::Graph& graph, const record::RunRecord& run) {
  state::Durations measured;
  for (const record::ComponentRecord& c : run.components) {
    if (c.status == record::ComponentStatus::kOk && c.reused_from.empty() && !c.nothing_to_do)
      measured[c.name] = c.duration();
  }
  if (absl::Status kept = state::RecordDurations(layout.DurationsPath(deployment.target),
                                                  measured, graph.names());
      !kept.ok()) {
    spdlog::warn("durations not recorded (they only order ready components): {}",
                 std::string(kept.message()));
  }
}

/// A run that could not start leaves nothing: without its directory there is no run (an
/// empty journal would read as an incomplete one).
void RemoveRunDir(const state::Layout& layout, const std::string& run_id) {
  std::error_code ignored;
  std::filesystem::remove_all(layout.RunDir(run_id), ignored);
}

}  // namespace

/// What Start acquires before the session exists.
struct RunSession::Opened {
  std::string run_id;
  state::RunLiveness live;
  exec::RunGuardian guardian;
  std::unique_ptr<record::EventLog> events;
  std::unique_ptr<console::Console> console;
};

std::unique_ptr<RunSession> RunSession::Start(const RunGiven& given, RunChoice choice,
                                              sched::Plan& plan, console::OutputMode mode,
                                              std::ostream& err, int* exit_code) {
  Opened opened;
  absl::StatusOr<std::string> run_id = state::NewRunId();
  if (!run_id.ok()) {
    err << "gantry: " << run_id.status().message() << "\n";
    *exit_code = kExitFailed;
    return nullptr;
  }
  opened.run_id = *run_id;
  absl::StatusOr<state::RunLiveness> live = state::RunLiveness::Acquire(given.layout, *run_id);
  if (!live.ok()) {
    err << "gantry: cannot start the run: " << live.status().message() << "\n";
    RemoveRunDir(given.layout, *run_id);  // A new id: what is there is this attempt's.
    *exit_code = kExitFailed;
    return nullptr;
  }
  opened.live = *std::move(live);
  if (!given.options.events_file.empty()) {
    absl::StatusOr<std::unique_ptr<record::EventLog>> events = record::EventLog::Open(
        given.options.events_file, record::EventLogOptions::EventsFile());
    if (!events.ok()) {
      err << "gantry: --events: " << events.status().message() << "\n";
      opened.live.Release();
      RemoveRunDir(given.layout, *run_id);
      *exit_code = kExitBadInput;
      return nullptr;
    }
    opened.events = *std::move(events);
  }
  // Nothing started for a component may outlive it, nor this process: orphans are
  // re-parented here (and swept when their component ends), and the guardian stops the
  // run's processes if this process is killed outright.
  if (!exec::BecomeSubreaper()) spdlog::debug("not a child subreaper: {}", std::strerror(errno));
  if (!given.options.guardian_program.empty()) {
    absl::StatusOr<exec::RunGuardian> started =
        exec::RunGuardian::Start(given.options.guardian_program, *run_id);
    if (started.ok()) {
      opened.guardian = *std::move(started);
    } else {
      spdlog::warn("{}; if gantry is killed, its components' processes may go on running",
                   std::string(started.status().message()));
    }
  }
  opened.console = console::MakeConsole(console::ConsoleOptionsFor(stdout, mode, given.options.color));
  std::unique_ptr<RunSession> session(
      new RunSession(given, std::move(choice), plan, std::move(opened)));
  if (session->journal_ == nullptr) {
    err << "gantry: cannot start the run: " << session->journal_error_ << "\n";
    session->Discard();
    *exit_code = kExitFailed;
    return nullptr;
  }
  session->reporter_.Begin();
  if (session->journal_failed_) {  // Not one line on disk: run nothing.
    err << "gantry: the run's journal " << given.layout.JournalPath(session->run_id_).string()
        << " could not be written: nothing was run\n";
    session->Discard();
    *exit_code = kExitFailed;
    return nullptr;
  }
  return session;
}

RunSession::RunSession(const RunGiven& given, RunChoice choice, sched::Plan& plan, Opened opened)
    : given_(given),
      run_id_(std::move(opened.run_id)),
      live_(std::move(opened.live)),
      guardian_(std::move(opened.guardian)),
      strays_(state::FindStrayProcesses(given.layout, run_id_)),
      journal_(OpenJournal()),
      events_(std::move(opened.events)),
      console_(std::move(opened.console)),
      from_plan_(std::move(choice.from_plan)),
      reporter_(RunRecordOf(choice), given.graph, choice.selected, std::move(choice.reused),
                *console_, [this](const record::RunEvent& event) { OnEvent(event); },
                [this](const std::string& component) {
                  return given_.layout.LogPath(run_id_, component).string();
                }),
      world_(cancel_),
      removals_(given.layout, run_id_),
      throttles_(given.graph.size()),
      services_{given.deployment, given.graph, given.plugins, given.layout, run_id_,
                given.options.operation, given.options.lock_timeout,
                given.options.keep_workspace, processes_, cancel_, world_, *console_,
                secrets_, given.outputs, reporter_, durable_, removals_, strays_,
                cache_dirs_, throttles_, from_plan_ ? &*from_plan_ : nullptr, given.publisher},
      tasks_(services_),
      // Throttled components come back spread over ±25% of their back-off, not at once.
      executor_(plan, tasks_, reporter_, sched::Backoff{absl::Seconds(1), absl::Seconds(60), 0.5}) {
  secrets_.Add(ConfiguredSecrets(given.deployment, given.plugins));
  reporter_.EmitAdmission(events_ != nullptr);
}

RunSession::~RunSession() = default;

std::unique_ptr<record::EventLog> RunSession::OpenJournal() {
  // Journal completions and outputs files are synced by durable_'s thread, not on each
  // component's time; flushed before the run reports its result.
  record::EventLogOptions options = record::EventLogOptions::Journal();
  options.background_sync = &durable_;
  absl::StatusOr<std::unique_ptr<record::EventLog>> journal =
      record::EventLog::Open(given_.layout.JournalPath(run_id_).string(), options);
  if (!journal.ok()) {
    journal_error_ = std::string(journal.status().message());
    return nullptr;
  }
  return *std::move(journal);
}

record::RunRecord RunSession::RunRecordOf(const RunChoice& choice) const {
  record::RunRecord run;
  run.run_id = run_id_;
  run.operation = given_.options.operation;
  run.target = given_.deployment.target;
  run.deployment_file = given_.deployment.file;
  run.max_concurrency = choice.max_concurrency;
  run.resumed_from = choice.resumed_from;
  if (from_plan_) run.from_plan = from_plan_->run_id;  // choice.from_plan is moved
  return run;
}

void RunSession::Discard() {
  if (journal_ != nullptr) journal_->Close().IgnoreError();
  live_.Release();
  RemoveRunDir(given_.layout, run_id_);
}

// A journal or events file that cannot be written (a full disk) is said at once, and
// fails the run (an events reader that quits is said, and does not); the run goes on
// (the logs may still be written), except when the journal cannot even record the start.
void RunSession::OnEvent(const record::RunEvent& event) {
  // Admission events explain waits to a reader of --events; a journal has no use for them.
  if (record::IsAdmission(event.kind)) {
    if (events_) AppendEvent(event);
    return;
  }
  if (absl::Status s = journal_->Append(event); !s.ok() && !journal_failed_) {
    journal_failed_ = true;
    reporter_.WriteFailed(absl::StrCat(
        "journal: ", s.message(),
        event.kind == record::RunEvent::Kind::kRunStarted
            ? "; the run cannot start"
            : "; the journal ends here (--resume will run again what it lacks)"));
  }
  if (events_) AppendEvent(event);
}

void RunSession::AppendEvent(const record::RunEvent& event) {
  if (absl::Status s = events_->Append(event); !s.ok() && !events_failed_) {
    events_failed_ = true;
    if (events_->reader_gone()) {  // Its choice: nothing of ours is lost.
      console_->Notice(absl::StrCat("--events: the reader of ", events_->path(),
                                    " went away; no more events written there, the run goes on"));
    } else {
      reporter_.WriteFailed(
          absl::StrCat("--events: ", s.message(), "; no more events written there"));
    }
  }
}

int RunSession::Run(std::ostream& out, std::ostream& err, RunOutcome* outcome) {
  {
    SignalWatcher watcher(cancel_, [this] { executor_.Cancel(); });
    executor_.Run();
  }
  return Finish(out, err, outcome);
}

int RunSession::Finish(std::ostream& out, std::ostream& err, RunOutcome* outcome) {
  const state::Layout& layout = given_.layout;
  // 1. Processes first: what is left may still write in a workspace. Components swept
  // their own leftovers; what remains was adopted untagged (it cleared its environment)
  // or outlived a component stopped on cancel.
  if (const std::vector<exec::TaggedProcess> killed =
          exec::SweepLeftovers([](const std::optional<exec::ProcessTag>&) { return true; });
      !killed.empty()) {
    err << "gantry: warning: killed " << killed.size()
        << " process(es) the run's components left running: " << exec::DescribeProcesses(killed)
        << "\n";
  }
  // 2. Then the workspaces, which nothing uses any more.
  for (const auto& [component, why] : removals_.Drain()) {
    spdlog::warn("{}: could not remove the workspace (gantry workspaces clean will): {}",
                 component, std::string(why.message()));
  }
  if (absl::Status removed = state::RemoveRunWorkspaces(layout, run_id_); !removed.ok())
    spdlog::warn("{} (gantry workspaces clean will remove it)", std::string(removed.message()));
  if (given_.options.operation == "apply")
    KeepDurations(layout, given_.deployment, given_.graph, reporter_.run());
  // 3. Everything synced before run_finished: a journal that says the run finished has
  // its outputs files and completions on disk.
  if (absl::Status synced = durable_.Flush(); !synced.ok())
    reporter_.WriteFailed(absl::StrCat(synced.message(), "; it may not survive a crash"));
  int exit_code = ExitCodeOf(reporter_.run(), cancel_.cancelled());
  if (Succeeded(exit_code) && reporter_.write_failed()) exit_code = kExitFailed;
  if (outcome != nullptr) {
    outcome->has_changes = record::CountChanges(reporter_.run()).with > 0;
    outcome->blocked = record::CountStatuses(reporter_.run()).blocked > 0;
  }
  // 4. run_finished, with the exit code as it stands.
  reporter_.End(exit_code);
  if (const int lost = console_->write_error(); lost != 0) {
    err << "gantry: warning: the console output stopped at a write that failed ("
        << std::strerror(lost) << "); the run went on, and every component's output is in "
        << "its log under " << layout.RunDir(run_id_).string() << "\n";
  }
  // run_finished itself may have found the disk full.
  if (Succeeded(exit_code) && reporter_.write_failed()) exit_code = kExitFailed;
  // 5. The journal and events closed: nothing more is appended.
  if (absl::Status closed = journal_->Close(); !closed.ok() && !journal_failed_) {
    err << "gantry: the journal is incomplete: " << closed.message() << "\n";
    if (Succeeded(exit_code)) exit_code = kExitFailed;
  }
  if (events_ && events_->reader_gone()) {
    err << "gantry: warning: --events: the reader of " << events_->path()
        << " went away during the run; the events after that are in the journal (gantry runs "
        << "show " << run_id_ << ")\n";
  }
  if (events_) {
    if (absl::Status closed = events_->Close(); !closed.ok() && !events_failed_) {
      err << "gantry: --events: " << closed.message() << "\n";
      if (Succeeded(exit_code)) exit_code = kExitFailed;
    }
  }
  // 6. The reports, from the finished record (exit code and write errors included).
  if (!WriteReports(layout, given_.options, reporter_.run(), err) && Succeeded(exit_code))
    exit_code = kExitFailed;
  // 7. Last, the guardian: until here a kill -9 of gantry still stops the run's
  // processes. The liveness goes when the session does.
  guardian_.Dismiss();
  for (const record::ComponentRecord& component : reporter_.run().components) {
    if (!component.workspace.empty())
      out << "gantry: kept the workspace of " << component.name << ": " << component.workspace
          << "\n";
  }
  return exit_code;
}

}  // namespace gantry::run
