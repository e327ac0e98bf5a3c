// What the user asked of one plan/apply/destroy/run command.
#ifndef GANTRY_CORE_RUN_RUN_OPTIONS_H_
#define GANTRY_CORE_RUN_RUN_OPTIONS_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "core/console/color_mode.h"
#include "core/graph/selection.h"

namespace gantry::run {

struct RunOptions {
  std::string operation = "apply";  ///< plan, apply, destroy or a plugin-defined one
  graph::SelectionOptions selection;
  /// --max-concurrency as given ("4" or "auto"); empty: not given.
  std::string max_concurrency;
  bool keep_going = false;
  bool dry_run = false;
  std::string output_mode = "prefixed";  ///< prefixed, grouped or quiet
  /// --color, a global flag: the console's colours (ConsoleOptionsFor).
  console::ColorMode color = console::ColorMode::kAuto;
  bool keep_workspace = false;
  std::string summary_file;  ///< --summary; empty: none
  std::string events_file;   ///< --events
  std::string trace_file;    ///< --trace
  std::string resume;        ///< --resume RUN or "last"; empty: a fresh run
  std::string from_plan;     ///< apply --from-plan RUN or "last"; empty: plan as it goes
  /// --outputs-from DIR: dependencies' outputs come from what other runs published there
  /// (output_publishing.h), not from the local outputs store; empty: the local store.
  std::string outputs_from;
  /// --outputs-to DIR: each component that succeeds publishes its outputs there.
  std::string outputs_to;
  absl::Duration lock_timeout = absl::ZeroDuration();
  /// The program to start as the run's guardian (RunGuardian: the gantry binary itself);
  /// empty: no guardian, so a kill -9 of this process leaves its components' processes
  /// running (for tests that run in-process).
  std::string guardian_program;
};

/// What a finished run found, beyond its exit code.
struct RunOutcome {
  /// Some component reported changes (a plan that would change something).
  bool has_changes = false;
  /// A plan left components blocked (their producers never applied).
  bool blocked = false;
};

/// destroy walks the graph in reverse; everything else forward.
inline bool IsReverseOperation(const std::string& operation) { return operation == "destroy"; }

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RUN_OPTIONS_H_
