#include "core/run/from_plan.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/graph/plugin_view.h"
#include "core/plugin/collecting_context.h"
#include "core/record/journal_reader.h"
#include "core/record/runs_index.h"

namespace gantry::run {
namespace {

using record::ComponentRecord;
using record::ComponentStatus;

/// Why a component of the plan keeps the whole plan from being applied; "" when none.
std::string IncompleteBecause(const ComponentRecord& c) {
  switch (c.status) {
    case ComponentStatus::kOk:
      if (!c.placeholders.empty())
        return absl::StrCat("it was planned with placeholders for ",
                            absl::StrJoin(c.placeholders, ", "),
                            "; apply their producers, then plan again");
      return "";
    case ComponentStatus::kBlocked:
      return absl::StrCat("it was not planned (it needs ", absl::StrJoin(c.blocked_on, ", "),
                          " applied first)");
    case ComponentStatus::kFailed: return "its plan failed";
    case ComponentStatus::kSkipped: return "it was not planned (skipped)";
    case ComponentStatus::kCancelled: return "its plan was cancelled";
    case ComponentStatus::kPending:
    case ComponentStatus::kRunning: return "its plan never finished (the run was interrupted)";
  }
  return "";
}

/// The components that a run of this target other than a plan started on after the plan
/// began (an apply, a destroy, a run of another operation), each with the newest such
/// run: their state may have moved since the plan, so their plans are stale.
absl::StatusOr<std::map<std::string, std::string>> TouchedSince(const std::string& runs_dir,
                                                                const record::RunRecord& plan) {
  absl::StatusOr<std::vector<record::RunListing>> runs = record::ListRuns(runs_dir);
  if (!runs.ok()) return runs.status();
  std::map<std::string, std::string> touched;
  for (const record::RunListing& listing : *runs) {  // newest first
    const record::RunRecord& run = listing.journal.run;
    if (!listing.error.ok() || run.operation == "plan" || run.target != plan.target ||
        run.started <= plan.started)
      continue;
    for (const ComponentRecord& c : run.components)
      if (c.attempts > 0) touched.try_emplace(c.name, run.run_id);
  }
  return touched;
}

/// A plan says nothing would change only when its plugin said so.
bool HasChanges(const ComponentRecord& c) { return !c.changes || c.changes->has_changes; }

}  // namespace

absl::StatusOr<FromPlan> PrepareFromPlan(const state::Layout& layout, const std::string& spec,
                                         const config::Deployment& deployment,
                                         const graph::Graph& graph,
                                         const plugin::PluginRegistry& plugins) {
  const std::string runs_dir = layout.RunsDir().string();
  record::RunFilter filter;
  filter.operation = "plan";
  filter.target = deployment.target;
  absl::StatusOr<std::string> run_id = record::ResolveRun(runs_dir, spec, filter);
  if (!run_id.ok()) return run_id.status();
  absl::StatusOr<record::Journal> journal =
      record::ReadJournal(record::JournalPath(runs_dir, *run_id));
  if (!journal.ok()) return journal.status();
  const record::RunRecord& plan = journal->run;
  if (plan.operation != "plan") {
    return absl::FailedPreconditionError(
        absl::StrCat("run ", *run_id, " was a ", plan.operation, ", not a plan"));
  }
  if (plan.target != deployment.target) {
    return absl::FailedPreconditionError(absl::StrCat(
        "run ", *run_id, " planned target '", plan.target, "', not '", deployment.target,
        "'; apply it with --target ", plan.target, ", or plan target '", deployment.target, "'"));
  }

  FromPlan from;
  from.run_id = *run_id;
  from.selected.assign(graph.size(), false);
  std::vector<std::string> problems;
  auto refuse = [&](const std::string& component, const std::string& why) {
    problems.push_back(absl::StrCat("  ", component, ": ", why));
  };
  if (!journal->complete) problems.push_back("  the plan run never finished");
  absl::StatusOr<std::map<std::string, std::string>> touched = TouchedSince(runs_dir, plan);
  if (!touched.ok()) return touched.status();
  for (const ComponentRecord& c : plan.components) {
    if (const std::string why = IncompleteBecause(c); !why.empty()) {
      refuse(c.name, why);
      continue;
    }
    const config::ComponentConfig* config = deployment.Find(c.name);
    const graph::NodeId node = graph.Find(c.name);
    if (config == nullptr || node < 0) {
      refuse(c.name, "the deployment no longer has it");
      continue;
    }
    if (config->type != c.type) {
      refuse(c.name, absl::StrCat("it was planned as type '", c.type, "' and is now '",
                                  config->type, "'"));
      continue;
    }
    if (!HasChanges(c)) {
      from.unchanged.push_back(c.name);
      continue;
    }
    if (auto moved = touched->find(c.name); moved != touched->end()) {
      refuse(c.name, absl::StrCat("run ", moved->second, " has run it since the plan, so its "
                                  "state may have moved; plan again"));
      continue;
    }
    const plugin::LoadedPlugin* plugin = plugins.ForType(c.type);
    if (plugin == nullptr) {
      refuse(c.name, absl::StrCat("no plugin provides type '", c.type, "'"));
      continue;
    }
    if (!plugin->saves_plans()) {
      refuse(c.name, absl::StrCat("the ", plugin->name(), " plugin cannot apply a saved plan, "
                                  "and gantry will not plan it again unseen; apply it on its "
                                  "own (gantry apply ", c.name, ")"));
      continue;
    }
    absl::StatusOr<state::SavedPlanRecord> saved = state::ReadSavedPlanRecord(
        layout.PlanRecordPath(*run_id, c.name).string());
    if (!saved.ok()) {
      refuse(c.name, absl::IsNotFound(saved.status())
                         ? std::string("its saved plan is missing")
                         : std::string(saved.status().message()));
      continue;
    }
    if (saved->config != state::ConfigFingerprint(*config, deployment.target)) {
      refuse(c.name, "its configuration in gantry.toml changed since the plan; plan again");
      continue;
    }
    plugin::ComponentData view = graph::PluginView(*config, deployment.target,
                                                   deployment.root_dir, plugin->name());
    view.state_dir = layout.StateDir(deployment.target, c.name).string();
    view.plan_dir = layout.PlanDir(*run_id, c.name).string();
    plugin::CollectingContext context;
    if (plugin->CheckSavedPlan(context, view) != GANTRY_STATUS_OK) {
      const std::vector<std::string> errors = context.errors();
      refuse(c.name, errors.empty()
                         ? absl::StrCat("the ", plugin->name(), " plugin refused its saved plan "
                                        "without saying why")
                         : absl::StrJoin(errors, "; "));
      continue;
    }
    from.selected[node] = true;
    from.records[c.name] = *std::move(saved);
  }
  if (!problems.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the plan of run ", *run_id, " cannot be applied; nothing was run:\n",
        absl::StrJoin(problems, "\n")));
  }
  return from;
}

}  // namespace gantry::run
