// Everything the tasks of one run share.
#ifndef GANTRY_CORE_RUN_RUN_SERVICES_H_
#define GANTRY_CORE_RUN_RUN_SERVICES_H_

#include <atomic>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/config/deployment.h"
#include "core/console/console.h"
#include "core/exec/cancel_token.h"
#include "core/exec/process_runner.h"
#include "core/graph/graph.h"
#include "core/plugin/plugin_registry.h"
#include "core/record/background_sync.h"
#include "core/run/attempt_loop.h"
#include "core/run/from_plan.h"
#include "core/run/output_book.h"
#include "core/run/output_publishing.h"
#include "core/run/run_reporter.h"
#include "core/stream/secret_set.h"
#include "core/state/layout.h"
#include "core/state/made_dirs.h"
#include "core/state/stray_processes.h"
#include "core/state/workspace_remover.h"

namespace gantry::run {

/// Borrowed references, all owned by the run driver and alive for the whole run.
struct RunServices {
  const config::Deployment& deployment;
  const graph::Graph& graph;
  const plugin::PluginRegistry& plugins;
  const state::Layout& layout;
  const std::string& run_id;
  const std::string& operation;
  absl::Duration lock_timeout;
  bool keep_workspace;
  exec::ProcessRunner& processes;
  exec::CancelToken& cancel;
  /// Time, waiting between attempts, cancellation and chance: the real world
  /// (RealAttemptWorld over `cancel`), or a test's.
  AttemptWorld& world;
  console::Console& console;
  stream::SecretSet& secrets;
  OutputBook& outputs;
  RunReporter& reporter;
  record::BackgroundSync& durable;  // syncs journal completions and outputs files
  state::WorkspaceRemover& removals;  // removes finished components' workspaces
  const state::StrayProcesses& strays;  // processes dead runs left, by component
  state::MadeDirs& cache_dirs;  // the plugins' cache directories, made once per run
  std::vector<std::atomic<int>>& throttles;  // by graph node: times throttled so far
  const FromPlan* from_plan = nullptr;  // apply --from-plan: the saved plans; else null
  const OutputPublisher* publisher = nullptr;  // --outputs-to; else null
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RUN_SERVICES_H_
