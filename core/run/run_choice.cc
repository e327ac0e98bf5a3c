#include "core/run/run_choice.h"

#include <cstdlib>
#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/record/journal_reader.h"
#include "core/record/resume.h"
#include "core/record/runs_index.h"
#include "core/run/concurrency.h"
#include "core/run/plan_input_builder.h"
#include "core/state/duration_store.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

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

/// The durations of the target's last applies: the scheduler's priority hints. A file
/// that cannot be read costs only the hints (the user hears why).
state::Durations RecordedDurations(const std::filesystem::path& path) {
  absl::StatusOr<state::Durations> durations = state::ReadDurations(path);
  if (durations.ok()) return *std::move(durations);
  if (!absl::IsNotFound(durations.status()))
    spdlog::warn("recorded durations ignored: {}", std::string(durations.status().message()));
  return {};
}

/// An error of one flag, said with it.
absl::Status Of(const char* flag, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(flag, ": ", status.message()));
}

}  // namespace

absl::StatusOr<RunChoice> ChooseRun(const config::Deployment& deployment,
                                    const plugin::PluginRegistry& plugins,
                                    const graph::Graph& graph, const RunOptions& options,
                                    const state::Layout& layout, OutputBook& outputs,
                                    std::ostream& out) {
  RunChoice choice;
  absl::StatusOr<std::vector<bool>> selected = graph::Select(graph, options.selection);
  if (!selected.ok()) return selected.status();
  choice.selected = *std::move(selected);
  const char* env_concurrency = std::getenv("GANTRY_MAX_CONCURRENCY");
  absl::StatusOr<int> max_concurrency = ResolveMaxConcurrency(
      options.max_concurrency, env_concurrency == nullptr ? "" : env_concurrency,
      deployment.max_concurrency);
  if (!max_concurrency.ok()) return max_concurrency.status();
  choice.max_concurrency = *max_concurrency;
  if (!options.resume.empty()) {
    if (absl::Status resumed = ApplyResume(layout, options, deployment, graph, choice.selected,
                                           choice.resumed_from, choice.reused);
        !resumed.ok())
      return Of("--resume", resumed);
  }
  if (!options.from_plan.empty()) {
    if (absl::Status chosen = ChooseFromPlan(layout, options, deployment, graph, plugins,
                                             choice.selected, choice.from_plan, out);
        !chosen.ok())
      return Of("--from-plan", chosen);
  }
  // A plan goes on without them: what lacks a value is blocked, not refused.
  if (options.operation != "plan") {
    // With --outputs-from they are read from published files only: the local store's
    // advice does not apply.
    const std::string advice =
        options.outputs_from.empty()
            ? kApplyThemFirst
            : absl::StrCat("--outputs-from ", options.outputs_from,
                           " holds no published value for them: run (or export) their jobs "
                           "first, so that their artifacts are downloaded there");
    if (absl::Status ready = CheckOutsideOutputs(deployment, choice.selected, graph.names(),
                                                 outputs, &plugins, advice);
        !ready.ok())
      return ready;
  }
  const state::Durations durations = RecordedDurations(layout.DurationsPath(deployment.target));
  choice.input = BuildPlanInput(
      deployment, graph, choice.selected, IsReverseOperation(options.operation),
      choice.max_concurrency, options.keep_going,
      [&](const std::string& component) -> std::optional<double> {
        auto it = durations.find(component);
        if (it == durations.end()) return std::nullopt;
        return absl::ToDoubleSeconds(it->second);
      });
  return choice;
}

}  // namespace gantry::run
