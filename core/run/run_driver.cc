#include "core/run/run_driver.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/console/console_options.h"
#include "core/console/make_console.h"
#include "core/record/journal_reader.h"
#include "core/exec/leftover_sweep.h"
#include "core/exec/posix_process_runner.h"
#include "core/exec/run_guardian.h"
#include "core/record/chrome_trace.h"
#include "core/record/event_log.h"
#include "core/record/github_summary.h"
#include "core/record/resume.h"
#include "core/record/runs_index.h"
#include "core/record/summary_json.h"
#include "core/run/component_task.h"
#include "core/run/concurrency.h"
#include "core/run/dry_run.h"
#include "core/run/output_book.h"
#include "core/run/plan_input_builder.h"
#include "core/run/record_files.h"
#include "core/run/run_reporter.h"
#include "core/run/secrets_of.h"
#include "core/run/signal_watcher.h"
#include "core/sched/executor.h"
#include "core/sched/plan.h"
#include "core/state/duration_store.h"
#include "core/state/layout.h"
#include "core/state/output_store.h"
#include "core/state/run_id.h"
#include "core/state/run_liveness.h"
#include "core/state/stray_processes.h"
#include "core/state/workspace.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInterrupted = 130;
/// A plan that planned what it could, with components blocked (cli::kExitPlanBlocked).
constexpr int kExitPlanBlocked = 4;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

/// --resume: the run selects what the resumed run selected and did not finish with
/// success; what succeeded there is taken over as `reused` (its outputs, secrets
/// included, come from the state directory; journals hold only masked values).
absl::Status ApplyResume(const state::Layout& layout, const RunOptions& options,
                         const config::Deployment& deployment, const graph::Graph& graph,
                         std::vector<bool>& selected, std::string& resumed_from,
                         std::vector<record::ComponentRecord>& reused) {
  if (!options.selection.patterns.empty() || !options.selection.exclude.empty() ||
      options.selection.with_deps || options.selection.with_dependents) {
    return absl::InvalidArgumentError(
        "a resumed run selects what the first run did not finish; give no components, "
        "--exclude, --with-deps or --with-dependents with --resume");
  }
  const std::string runs_dir = layout.RunsDir().string();
  record::RunFilter filter;
  filter.operation = options.operation;
  filter.target = deployment.target;
  absl::StatusOr<std::string> run_id = record::ResolveRun(runs_dir, options.resume, filter);
  if (!run_id.ok()) return run_id.status();
  absl::StatusOr<record::Journal> previous =
      record::ReadJournal(record::JournalPath(runs_dir, *run_id));
  if (!previous.ok()) return previous.status();
  // Resuming would apply what is left by planning it anew, unseen.
  if (!previous->run.from_plan.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "run ", *run_id, " applied the saved plan of run ", previous->run.from_plan,
        "; plan again, then apply that plan with --from-plan"));
  }
  absl::StatusOr<record::ResumePlan> resume =
      record::PlanResume(previous->run, options.operation, deployment.target);
  if (!resume.ok()) return resume.status();
  std::vector<std::string> gone;
  selected.assign(graph.size(), false);
  for (const std::string& name : resume->rerun) {
    const graph::NodeId node = graph.Find(name);
    if (node >= 0) selected[node] = true;
    else gone.push_back(name);
  }
  if (!gone.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "run ", *run_id, " had components the deployment no longer has: ",
        absl::StrJoin(gone, ", "), "; start a new run instead"));
  }
  for (record::ComponentRecord& component : resume->reused) {
    if (graph.Find(component.name) >= 0) reused.push_back(std::move(component));
  }
  resumed_from = *run_id;
  return absl::OkStatus();
}

/// The run did what it could: a record lost must turn it into a failure.
bool Succeeded(int exit_code) { return exit_code == kExitOk || exit_code == kExitPlanBlocked; }

/// --from-plan: the run applies the saved plans of the components whose plan had
/// changes, and nothing else; refused before anything runs when one cannot be applied.
absl::Status ChooseFromPlan(const state::Layout& layout, const RunOptions& options,
                            const config::Deployment& deployment, const graph::Graph& graph,
                            const plugin::PluginRegistry& plugins, std::vector<bool>& selected,
                            std::optional<FromPlan>& from_plan, std::ostream& out) {
  if (options.operation != "apply")
    return absl::InvalidArgumentError("only apply takes a saved plan");
  if (!options.resume.empty())
    return absl::InvalidArgumentError("give --from-plan or --resume, not both");
  if (!options.selection.patterns.empty() || !options.selection.exclude.empty() ||
      options.selection.with_deps || options.selection.with_dependents) {
    return absl::InvalidArgumentError(
        "the plan decides what is applied; give no components, --exclude, --with-deps or "
        "--with-dependents with --from-plan (plan only those instead)");
  }
  absl::StatusOr<FromPlan> chosen = PrepareFromPlan(layout, options.from_plan, deployment, graph, plugins);
  if (!chosen.ok()) return chosen.status();
  selected = chosen->selected;
  const size_t applying = chosen->records.size();
  out << "gantry: applying the saved plan of run " << chosen->run_id << ": " << applying
      << (applying == 1 ? " component" : " components")
      << " whose plan had changes (or could not tell)";
  if (!chosen->unchanged.empty())
    out << "; not run, as their plan had none: " << absl::StrJoin(chosen->unchanged, ", ");
  out << "\n";
  from_plan = *std::move(chosen);
  return absl::OkStatus();
}

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
  if (const std::string step_summary = Env("GITHUB_STEP_SUMMARY"); !step_summary.empty())
    warn(record::AppendGithubSummary(step_summary, run));
  return written;
}

/// The durations of the target's last applies: the scheduler's priority hints. A file
/// that cannot be read costs only the hints (the user hears why).
state::Durations RecordedDurations(const std::filesystem::path& path) {
  absl::StatusOr<state::Durations> durations = state::ReadDurations(path);
  if (durations.ok()) return *std::move(durations);
  if (!absl::IsNotFound(durations.status()))
    spdlog::warn("recorded durations ignored: {}", std::string(durations.status().message()));
  return {};
}

/// Records how long each component this apply ran successfully took.
void KeepDurations(const state::Layout& layout, const config::Deployment& deployment,
                   const record::RunRecord& run, const std::vector<std::string>& names) {
  state::Durations measured;
  for (const record::ComponentRecord& c : run.components) {
    if (c.status == record::ComponentStatus::kOk && c.reused_from.empty() && !c.nothing_to_do)
      measured[c.name] = c.duration();
  }
  if (absl::Status kept =
          state::RecordDurations(layout.DurationsPath(deployment.target), measured, names);
      !kept.ok()) {
    spdlog::warn("durations not recorded (they only order ready components): {}",
                 std::string(kept.message()));
  }
}

}  // namespace

int ExecuteRun(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
               const graph::Graph& graph, const RunOptions& options, std::ostream& out,
               std::ostream& err, RunOutcome* outcome) {
  absl::StatusOr<std::vector<bool>> selected = graph::Select(graph, options.selection);
  if (!selected.ok()) {
    err << "gantry: " << selected.status().message() << "\n";
    return kExitBadInput;
  }
  absl::StatusOr<int> max_concurrency = ResolveMaxConcurrency(
      options.max_concurrency, Env("GANTRY_MAX_CONCURRENCY"), deployment.max_concurrency);
  if (!max_concurrency.ok()) {
    err << "gantry: " << max_concurrency.status().message() << "\n";
    return kExitBadInput;
  }
  const state::Layout layout = state::Layout::ForDeployment(deployment.root_dir);
  std::string resumed_from;
  std::vector<record::ComponentRecord> reused;
  if (!options.resume.empty()) {
    if (absl::Status resumed =
            ApplyResume(layout, options, deployment, graph, *selected, resumed_from, reused);
        !resumed.ok()) {
      err << "gantry: --resume: " << resumed.message() << "\n";
      return kExitBadInput;
    }
  }

  std::optional<FromPlan> from_plan;
  if (!options.from_plan.empty()) {
    if (absl::Status chosen = ChooseFromPlan(layout, options, deployment, graph, plugins,
                                             *selected, from_plan, out);
        !chosen.ok()) {
      err << "gantry: --from-plan: " << chosen.message() << "\n";
      return kExitBadInput;
    }
  }

  OutputBook outputs([&](const std::string& component) -> std::optional<Outputs> {
    absl::StatusOr<state::StoredOutputs> stored =
        state::ReadOutputs(layout.OutputsPath(deployment.target, component));
    if (!stored.ok()) {
      // Absent is normal (never applied); anything else the user must hear about.
      if (!absl::IsNotFound(stored.status()))
        spdlog::warn("recorded outputs of {} ignored: {}", component, std::string(stored.status().message()));
      return std::nullopt;
    }
    return std::move(stored->outputs);
  });
  std::vector<std::string> names;
  for (graph::NodeId n = 0; n < static_cast<graph::NodeId>(graph.size()); ++n)
    names.push_back(graph.name(n));
  // A plan goes on without them: what lacks a value is blocked, not refused.
  if (absl::Status ready = options.operation == "plan"
                               ? absl::OkStatus()
                               : CheckOutsideOutputs(deployment, *selected, names, outputs, &plugins);
      !ready.ok()) {
    err << "gantry: " << ready.message() << "\n";
    return kExitBadInput;
  }

  const state::Durations durations = RecordedDurations(layout.DurationsPath(deployment.target));
  const sched::PlanInput input = BuildPlanInput(
      deployment, graph, *selected, IsReverseOperation(options.operation), *max_concurrency,
      options.keep_going, [&](const std::string& component) -> std::optional<double> {
        auto it = durations.find(component);
        if (it == durations.end()) return std::nullopt;
        return absl::ToDoubleSeconds(it->second);
      });
  if (options.dry_run) {
    if (absl::Status printed = PrintSchedule(input, options.operation, deployment.target, out);
        !printed.ok()) {
      err << "gantry: " << printed.message() << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  absl::StatusOr<sched::Plan> plan = sched::Plan::Create(input);
  if (!plan.ok()) {
    err << "gantry: " << plan.status().message() << "\n";
    return kExitBadInput;
  }

  // Bad record flags must leave no run behind: checked before it has a directory.
  if (absl::Status records = CheckRecordFiles(options, deployment); !records.ok()) {
    err << "gantry: " << records.message() << "\n";
    return kExitBadInput;
  }

  // From here on the run exists: it has an id, a directory and a journal.
  absl::StatusOr<std::string> run_id = state::NewRunId();
  if (!run_id.ok()) {
    err << "gantry: " << run_id.status().message() << "\n";
    return kExitFailed;
  }
  absl::StatusOr<state::RunLiveness> live = state::RunLiveness::Acquire(layout, *run_id);
  if (!live.ok()) {
    err << "gantry: cannot start the run: " << live.status().message() << "\n";
    std::error_code ignored;  // A new id: what is there is this attempt's (disk full).
    std::filesystem::remove_all(layout.RunDir(*run_id), ignored);
    return kExitFailed;
  }
  // Nothing started for a component may outlive it, nor this process: orphans are
  // re-parented here (and swept when their component ends), and the guardian stops the
  // run's processes if this process is killed outright.
  if (!exec::BecomeSubreaper()) spdlog::debug("not a child subreaper: {}", std::strerror(errno));
  exec::RunGuardian guardian;
  if (!options.guardian_program.empty()) {
    absl::StatusOr<exec::RunGuardian> started =
        exec::RunGuardian::Start(options.guardian_program, *run_id);
    if (started.ok()) {
      guardian = *std::move(started);
    } else {
      spdlog::warn("{}; if gantry is killed, its components' processes may go on running",
                   std::string(started.status().message()));
    }
  }
  const state::StrayProcesses strays = state::FindStrayProcesses(layout, *run_id);
  // Journal completions and outputs files are synced by this thread, not on each
  // component's time; flushed before the run reports its result.
  record::BackgroundSync durable;
  record::EventLogOptions journal_options = record::EventLogOptions::Journal();
  journal_options.background_sync = &durable;
  absl::StatusOr<std::unique_ptr<record::EventLog>> journal =
      record::EventLog::Open(layout.JournalPath(*run_id).string(), journal_options);
  if (!journal.ok()) {
    err << "gantry: cannot start the run: " << journal.status().message() << "\n";
    live->Release();
    std::error_code ignored;
    std::filesystem::remove_all(layout.RunDir(*run_id), ignored);
    return kExitFailed;
  }
  std::unique_ptr<record::EventLog> events;
  if (!options.events_file.empty()) {
    absl::StatusOr<std::unique_ptr<record::EventLog>> opened =
        record::EventLog::Open(options.events_file, record::EventLogOptions::EventsFile());
    if (!opened.ok()) {
      err << "gantry: --events: " << opened.status().message() << "\n";
      return kExitBadInput;
    }
    events = std::move(*opened);
  }

  absl::StatusOr<console::OutputMode> mode = console::ParseOutputMode(options.output_mode);
  if (!mode.ok()) {
    err << "gantry: --output: " << mode.status().message() << "\n";
    return kExitBadInput;
  }
  std::unique_ptr<console::Console> console =
      console::MakeConsole(console::ConsoleOptionsFor(stdout, *mode, options.color));

  record::RunRecord run;
  run.run_id = *run_id;
  run.operation = options.operation;
  run.target = deployment.target;
  run.deployment_file = deployment.file;
  run.max_concurrency = *max_concurrency;
  run.resumed_from = resumed_from;
  if (from_plan) run.from_plan = from_plan->run_id;
  // A journal or events file that cannot be written (a full disk) is said at once, and
  // fails the run (an events reader that quits is said, and does not); the run goes on (the logs may still be written), except when the
  // journal cannot even record the start.
  bool journal_failed = false, events_failed = false;
  RunReporter reporter(std::move(run), graph, *selected, std::move(reused), *console,
                       [&](const record::RunEvent& event) {
                         if (absl::Status s = (*journal)->Append(event); !s.ok() && !journal_failed) {
                           journal_failed = true;
                           reporter.WriteFailed(absl::StrCat(
                               "journal: ", s.message(),
                               event.kind == record::RunEvent::Kind::kRunStarted
                                   ? "; the run cannot start"
                                   : "; the journal ends here (--resume will run again what it lacks)"));
                         }
                         if (!events) return;
                         if (absl::Status s = events->Append(event); !s.ok() && !events_failed) {
                           events_failed = true;
                           if (events->reader_gone()) {  // Its choice: nothing of ours is lost.
                             console->Notice(absl::StrCat(
                                 "--events: the reader of ", events->path(),
                                 " went away; no more events written there, the run goes on"));
                           } else {
                             reporter.WriteFailed(absl::StrCat("--events: ", s.message(),
                                                               "; no more events written there"));
                           }
                         }
                       },
                       [&](const std::string& component) {
                         return layout.LogPath(*run_id, component).string();
                       });

  stream::SecretSet secrets;
  secrets.Add(ConfiguredSecrets(deployment, plugins));
  exec::PosixProcessRunner processes;
  exec::CancelToken cancel;
  RealAttemptWorld world(cancel);
  state::WorkspaceRemover removals(layout, *run_id);
  state::MadeDirs cache_dirs;
  RunServices services{deployment,     graph,   plugins,           layout, *run_id,
                       options.operation, options.lock_timeout, options.keep_workspace,
                       processes,      cancel,  world,   *console,          secrets, outputs,
                       reporter,       durable, removals,          strays, cache_dirs,
                       from_plan ? &*from_plan : nullptr};
  ComponentTaskRunner tasks(services);
  sched::Executor executor(*plan, tasks, reporter);
  reporter.Begin();
  if (journal_failed) {
    // Not one line on disk: run nothing, and leave no run behind (an empty journal would
    // read as an incomplete run; without its directory there is none).
    (*journal)->Close().IgnoreError();
    std::error_code ignored;
    std::filesystem::remove_all(layout.RunDir(*run_id), ignored);
    err << "gantry: the run's journal " << layout.JournalPath(*run_id).string()
        << " could not be written: nothing was run\n";
    return kExitFailed;
  }
  {
    SignalWatcher watcher(cancel, [&] { executor.Cancel(); });
    executor.Run();
  }
  // Components swept their own leftovers; what is left was adopted untagged (it cleared
  // its environment) or outlived a component stopped on cancel.
  if (const std::vector<exec::TaggedProcess> killed =
          exec::SweepLeftovers([](const std::optional<exec::ProcessTag>&) { return true; });
      !killed.empty()) {
    err << "gantry: warning: killed " << killed.size()
        << " process(es) the run's components left running: " << exec::DescribeProcesses(killed)
        << "\n";
  }
  for (const auto& [component, why] : removals.Drain()) {
    spdlog::warn("{}: could not remove the workspace (gantry workspaces clean will): {}",
                 component, std::string(why.message()));
  }
  if (absl::Status removed = state::RemoveRunWorkspaces(layout, *run_id); !removed.ok())
    spdlog::warn("{} (gantry workspaces clean will remove it)", std::string(removed.message()));
  if (options.operation == "apply") KeepDurations(layout, deployment, reporter.run(), names);
  if (absl::Status synced = durable.Flush(); !synced.ok())
    reporter.WriteFailed(absl::StrCat(synced.message(), "; it may not survive a crash"));
  int exit_code = ExitCodeOf(reporter.run(), cancel.cancelled());
  if (Succeeded(exit_code) && reporter.write_failed()) exit_code = kExitFailed;
  if (outcome != nullptr) {
    outcome->has_changes = record::CountChanges(reporter.run()).with > 0;
    outcome->blocked = record::CountStatuses(reporter.run()).blocked > 0;
  }
  reporter.End(exit_code);
  if (const int lost = console->write_error(); lost != 0) {
    err << "gantry: warning: the console output stopped at a write that failed ("
        << std::strerror(lost) << "); the run went on, and every component's output is in "
        << "its log under " << layout.RunDir(*run_id).string() << "\n";
  }
  // run_finished itself may have found the disk full.
  if (Succeeded(exit_code) && reporter.write_failed()) exit_code = kExitFailed;
  if (absl::Status closed = (*journal)->Close(); !closed.ok() && !journal_failed) {
    err << "gantry: the journal is incomplete: " << closed.message() << "\n";
    if (Succeeded(exit_code)) exit_code = kExitFailed;
  }
  if (events && events->reader_gone()) {
    err << "gantry: warning: --events: the reader of " << events->path()
        << " went away during the run; the events after that are in the journal (gantry runs "
        << "show " << *run_id << ")\n";
  }
  if (events) {
    if (absl::Status closed = events->Close(); !closed.ok() && !events_failed) {
      err << "gantry: --events: " << closed.message() << "\n";
      if (Succeeded(exit_code)) exit_code = kExitFailed;
    }
  }
  if (!WriteReports(layout, options, reporter.run(), err) && Succeeded(exit_code))
    exit_code = kExitFailed;
  guardian.Dismiss();
  for (const record::ComponentRecord& component : reporter.run().components) {
    if (!component.workspace.empty())
      out << "gantry: kept the workspace of " << component.name << ": " << component.workspace << "\n";
  }
  return exit_code;
}

}  // namespace gantry::run
