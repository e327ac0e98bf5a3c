// One run, from the moment it exists (an id, a directory, a journal) to its exit code:
// the parts its components share, made in order, and its records ended in order.
#ifndef GANTRY_CORE_RUN_RUN_SESSION_H_
#define GANTRY_CORE_RUN_RUN_SESSION_H_

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "core/config/deployment.h"
#include "core/console/console.h"
#include "core/console/console_options.h"
#include "core/exec/cancel_token.h"
#include "core/exec/posix_process_runner.h"
#include "core/exec/run_guardian.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"
#include "core/record/background_sync.h"
#include "core/record/event_log.h"
#include "core/run/attempt_loop.h"
#include "core/run/component_task.h"
#include "core/run/output_book.h"
#include "core/run/output_publishing.h"
#include "core/run/run_choice.h"
#include "core/run/run_options.h"
#include "core/run/run_reporter.h"
#include "core/run/run_services.h"
#include "core/sched/executor.h"
#include "core/sched/plan.h"
#include "core/state/layout.h"
#include "core/state/made_dirs.h"
#include "core/state/run_liveness.h"
#include "core/state/stray_processes.h"
#include "core/state/workspace_remover.h"
#include "core/stream/secret_set.h"

namespace gantry::run {

/// What a run is given: all borrowed, alive until the session ends.
struct RunGiven {
  const config::Deployment& deployment;
  const plugin::PluginRegistry& plugins;
  const graph::Graph& graph;
  const RunOptions& options;
  const state::Layout& layout;
  OutputBook& outputs;
  const OutputPublisher* publisher = nullptr;  ///< --outputs-to; null: nothing published
};

class RunSession {
 public:
  /// Makes the run exist: a new id, its directory held live, the guardian (when
  /// options.guardian_program is set), the journal and --events file opened, run_started
  /// written. nullptr when it cannot start: `err` says why, `*exit_code` is set and
  /// nothing of the run is left behind.
  static std::unique_ptr<RunSession> Start(const RunGiven& given, RunChoice choice,
                                           sched::Plan& plan, console::OutputMode mode,
                                           std::ostream& err, int* exit_code);
  ~RunSession();
  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;

  /// Runs the components until done or cancelled (Ctrl-C), then ends the run (Finish).
  /// Returns the exit code: 0 all ok, 1 a component failed or a record was lost, 4 a
  /// plan left components blocked, 130 interrupted.
  int Run(std::ostream& out, std::ostream& err, RunOutcome* outcome);

 private:
  struct Opened;
  RunSession(const RunGiven& given, RunChoice choice, sched::Plan& plan, Opened opened);

  std::unique_ptr<record::EventLog> OpenJournal();  ///< null on failure: journal_error_
  record::RunRecord RunRecordOf(const RunChoice& choice) const;
  /// A run that could not start leaves nothing: journal closed, liveness released, its
  /// directory removed (an empty journal would read as an incomplete run).
  void Discard();
  /// Appends one event to the journal and the --events file (an admission event only to
  /// the latter).
  void OnEvent(const record::RunEvent& event);
  /// Appends `event` to the --events file (there is one).
  void AppendEvent(const record::RunEvent& event);
  /// Ends the run after its components, in the order its records need (each step in
  /// run_session.cc says why it comes where it does).
  int Finish(std::ostream& out, std::ostream& err, RunOutcome* outcome);

  // Declared in the order they are made: each may use those above it, and they are
  // destroyed in reverse, so nothing outlives what it uses.
  const RunGiven given_;
  const std::string run_id_;
  state::RunLiveness live_;  ///< `gantry runs` shows the run live until this goes, last
  exec::RunGuardian guardian_;
  const state::StrayProcesses strays_;
  record::BackgroundSync durable_;
  std::string journal_error_;
  std::unique_ptr<record::EventLog> journal_;
  std::unique_ptr<record::EventLog> events_;  ///< null without --events
  std::unique_ptr<console::Console> console_;
  bool journal_failed_ = false;
  bool events_failed_ = false;
  const std::optional<FromPlan> from_plan_;
  RunReporter reporter_;
  stream::SecretSet secrets_;
  exec::PosixProcessRunner processes_;
  exec::CancelToken cancel_;
  RealAttemptWorld world_;
  state::WorkspaceRemover removals_;
  state::MadeDirs cache_dirs_;
  std::vector<std::atomic<int>> throttles_;
  RunServices services_;
  ComponentTaskRunner tasks_;
  sched::Executor executor_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RUN_SESSION_H_
