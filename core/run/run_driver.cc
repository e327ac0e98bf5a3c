#include "core/run/run_driver.h"

#include <filesystem>
#include <memory>
#include <optional>

#include "core/cli/exit_codes.h"
#include "core/console/console_options.h"
#include "core/run/dry_run.h"
#include "core/run/output_publishing.h"
#include "core/run/record_files.h"
#include "core/run/run_choice.h"
#include "core/run/run_session.h"
#include "core/sched/plan.h"
#include "core/state/layout.h"
#include "core/state/output_store.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

using cli::kExitBadInput;
using cli::kExitOk;

/// The outputs earlier runs persisted for `component`, as the run's OutputBook reads them.
std::optional<Outputs> PersistedOutputsOf(const state::Layout& layout, const std::string& target,
                                          const std::string& component) {
  absl::StatusOr<state::StoredOutputs> stored =
      state::ReadOutputs(layout.OutputsPath(target, component));
  if (!stored.ok()) {
    // Absent is normal (never applied); anything else the user must hear about.
    if (!absl::IsNotFound(stored.status()))
      spdlog::warn("recorded outputs of {} ignored: {}", component,
                   std::string(stored.status().message()));
    return std::nullopt;
  }
  return std::move(stored->outputs);
}

/// --outputs-from / --outputs-to: what the run reads and where it publishes.
struct Exchange {
  std::optional<PublishedBook> published;
  std::optional<OutputPublisher> publisher;
};

absl::StatusOr<Exchange> OpenExchange(const RunOptions& options, const std::string& target,
                                      std::ostream& err) {
  Exchange exchange;
  if (options.outputs_from.empty() && options.outputs_to.empty()) return exchange;
  absl::StatusOr<std::optional<state::OutputSeal>> seal = state::OutputSeal::FromEnvironment();
  if (!seal.ok()) return seal.status();
  if (!options.outputs_from.empty()) {
    absl::StatusOr<PublishedBook> published = ReadPublished(
        std::filesystem::absolute(options.outputs_from), target, *seal ? &**seal : nullptr);
    if (!published.ok()) return published.status();
    // Said now; a component that references one of them fails with "not recorded".
    for (const std::string& line : published->Withheld())
      err << "gantry: warning: " << line << "\n";
    exchange.published = *std::move(published);
  }
  if (!options.outputs_to.empty()) {
    exchange.publisher = OutputPublisher{std::filesystem::absolute(options.outputs_to), target,
                                         *std::move(seal)};
  }
  return exchange;
}

}  // namespace

int ExecuteRun(const config::Deployment& deployment, const plugin::PluginRegistry& plugins,
               const graph::Graph& graph, const RunOptions& options, std::ostream& out,
               std::ostream& err, RunOutcome* outcome) {
  // Everything refusable is refused before the run exists (no id, no directory).
  const state::Layout layout = state::Layout::ForDeployment(deployment.root_dir);
  absl::StatusOr<Exchange> exchange = OpenExchange(options, deployment.target, err);
  if (!exchange.ok()) {
    err << "gantry: " << exchange.status().message() << "\n";
    return kExitBadInput;
  }
  std::unique_ptr<OutputBook> book =
      exchange->published ? exchange->published->MakeBook()
                          : std::make_unique<OutputBook>([&](const std::string& component) {
                              return PersistedOutputsOf(layout, deployment.target, component);
                            });
  OutputBook& outputs = *book;
  absl::StatusOr<RunChoice> choice =
      ChooseRun(deployment, plugins, graph, options, layout, outputs, out);
  if (!choice.ok()) {
    err << "gantry: " << choice.status().message() << "\n";
    return kExitBadInput;
  }
  if (options.dry_run) {
    if (absl::Status printed =
            PrintSchedule(choice->input, options.operation, deployment.target, out);
        !printed.ok()) {
      err << "gantry: " << printed.message() << "\n";
      return kExitBadInput;
    }
    return kExitOk;
  }
  absl::StatusOr<sched::Plan> plan = sched::Plan::Create(choice->input);
  if (!plan.ok()) {
    err << "gantry: " << plan.status().message() << "\n";
    return kExitBadInput;
  }
  if (absl::Status records = CheckRecordFiles(options, deployment); !records.ok()) {
    err << "gantry: " << records.message() << "\n";
    return kExitBadInput;
  }
  absl::StatusOr<console::OutputMode> mode = console::ParseOutputMode(options.output_mode);
  if (!mode.ok()) {
    err << "gantry: --output: " << mode.status().message() << "\n";
    return kExitBadInput;
  }

  const RunGiven given{deployment, plugins, graph,   options,
                       layout,     outputs, exchange->publisher ? &*exchange->publisher : nullptr};
  int exit_code = kExitOk;
  std::unique_ptr<RunSession> session =
      RunSession::Start(given, *std::move(choice), *plan, *mode, err, &exit_code);
  if (session == nullptr) return exit_code;
  return session->Run(out, err, outcome);
}

}  // namespace gantry::run
