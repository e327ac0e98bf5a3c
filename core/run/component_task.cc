#include "core/run/component_task.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/exec/leftover_sweep.h"
#include "core/exec/process_tag.h"
#include "core/graph/plugin_view.h"
#include "core/graph/references.h"
#include "core/plugin/component_view.h"
#include "core/run/attempt_loop.h"
#include "core/run/component_call_context.h"
#include "core/run/component_inputs.h"
#include "core/run/output_keeper.h"
#include "core/run/output_tail.h"
#include "core/run/plan_references.h"
#include "core/run/saved_plan_files.h"
#include "core/state/component_lock.h"
#include "core/state/saved_plan_record.h"
#include "core/state/workspace.h"
#include "core/stream/component_stream.h"
#include "core/stream/mask_again.h"
#include "gantry/host.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

using record::ComponentRecord;
using sched::Outcome;

// How long a stray process of a dead run gets to end before its component is refused:
// the guardian's SIGTERM grace (RunGuardian), and a little more.
constexpr absl::Duration kStrayWait = absl::Seconds(7);

/// One component of one run, step by step.
class ComponentRun {
 public:
  ComponentRun(RunServices& s, graph::NodeId node, const RetryPolicy& retry,
               const ThrottlePolicy& throttle, BusyState& busy)
      : s_(s),
        node_(node),
        config_(*s.deployment.Find(s.graph.name(node))),
        record_(s.reporter.Record(node)),
        retry_(retry),
        throttle_(throttle),
        busy_(busy) {}

  Outcome Run() {
    Outcome outcome = Execute();
    // Not an end: it runs again.
    if (outcome == Outcome::kThrottled || outcome == Outcome::kBusy) return outcome;
    record_.finished = s_.world.Now();
    // A component stopped before its stream opened (a lock held elsewhere) has no log.
    if (!stream_opened_) record_.log_path.clear();
    return outcome;
  }

 private:
  // The steps: each returns nullopt to go on, or how the component ends.

  Outcome Execute() {
    const plugin::LoadedPlugin* plugin = s_.plugins.ForType(config_.type);
    if (plugin == nullptr) return Fail(absl::StrCat("no plugin provides type '", config_.type, "'"));
    if (!plugin->SupportsOperation(s_.operation)) {
      record_.nothing_to_do = true;  // e.g. `gantry run lint` over types without lint
      return Outcome::kSucceeded;
    }
    data_ = graph::PluginView(config_, s_.deployment.target, s_.deployment.root_dir,
                              plugin->name());
    if (std::optional<Outcome> end = MakeDirs()) return *end;
    std::optional<state::ComponentLock> lock;  // held until the component ends
    if (std::optional<Outcome> end = Lock(lock)) return *end;
    ComponentInputs inputs;
    if (std::optional<Outcome> end = Inputs(*plugin, inputs)) return *end;
    return InWorkspace(*plugin, inputs);
  }

  /// The component's state directory and the plugin's cache directory.
  std::optional<Outcome> MakeDirs() {
    data_.state_dir = s_.layout.StateDir(s_.deployment.target, config_.name).string();
    // Tools keep secrets in clear there (terraform's state): the user's alone.
    if (absl::Status made = state::EnsurePrivateDir(data_.state_dir); !made.ok())
      return Fail(made.message());
    // Promised to the plugin before execute (gantry_component.cache_dir); never removed.
    if (absl::Status made = s_.cache_dirs.Ensure(data_.cache_dir); !made.ok())
      return Fail(made.message());
    return std::nullopt;
  }

  /// No other run works on the component's state from here on, nor what a dead one left.
  std::optional<Outcome> Lock(std::optional<state::ComponentLock>& lock) {
    absl::StatusOr<state::ComponentLock> taken =
        state::ComponentLock::Acquire(s_.layout, s_.deployment.target, config_.name, s_.run_id,
                                      s_.lock_timeout, &s_.cancel);
    if (!taken.ok()) {
      if (s_.cancel.cancelled()) return Cancelled("cancelled while waiting for the lock");
      return Fail(taken.status().message());
    }
    lock.emplace(*std::move(taken));
    if (absl::Status clear = NoStrayProcesses(); !clear.ok()) return Fail(clear.message());
    return std::nullopt;
  }

  /// Settings and vars with references replaced, their secrets learned; for a plan, where
  /// its plan is saved; for a saved plan's apply, that the inputs are those planned.
  std::optional<Outcome> Inputs(const plugin::LoadedPlugin& plugin, ComponentInputs& inputs) {
    const bool planning = s_.operation == "plan";
    if (planning) plan_references_.emplace(s_.outputs, config_.plan_defaults);
    absl::StatusOr<ComponentInputs> resolved =
        ResolveInputs(config_, plugin, Lookup(), Recorded());
    if (planning && !plan_references_->blocked_on().empty()) return Blocked();
    if (!resolved.ok()) return Fail(resolved.status().message());
    inputs = *std::move(resolved);
    s_.secrets.Add(SecretsOfInputs(config_, plugin, inputs, s_.outputs));
    if (planning) {
      record_.placeholders = plan_references_->placeholders();
      record_.planned_inputs = plan_references_->planned();
      if (plugin.saves_plans()) {
        absl::StatusOr<std::filesystem::path> dir = MakePlanDir(s_.layout, s_.run_id, config_.name);
        if (!dir.ok()) return Fail(dir.status().message());
        data_.plan_dir = dir->string();
      }
    }
    if (const state::SavedPlanRecord* saved = SavedPlan()) {
      if (absl::Status same = SameInputsAsPlanned(*saved, inputs.settings, inputs.vars, s_.outputs);
          !same.ok())
        return Fail(same.message());
      data_.plan_dir = s_.layout.PlanDir(s_.from_plan->run_id, config_.name).string();
    }
    data_.settings_json = inputs.settings.dump();
    data_.vars_json = inputs.vars.dump();
    return std::nullopt;
  }

  /// A fresh workspace, the plugin run in it, and its fate: kept when asked (or on a
  /// failure, when the deployment says so), else removed in the background.
  Outcome InWorkspace(const plugin::LoadedPlugin& plugin, const ComponentInputs& inputs) {
    const std::optional<std::filesystem::path> spare = s_.removals.TakeSpare();
    absl::StatusOr<std::filesystem::path> created =
        state::CreateWorkspace(s_.layout, s_.run_id, config_.name, config_.source_dir, nullptr,
                               spare ? &*spare : nullptr);
    if (!created.ok()) return Fail(created.status().message());
    data_.work_dir = created->string();

    Outcome outcome = RunPlugin(plugin);
    if (outcome == Outcome::kSucceeded && !data_.plan_dir.empty() && s_.operation == "plan") {
      if (absl::Status sealed = SealPlan(inputs); !sealed.ok()) outcome = Fail(sealed.message());
    }
    if (outcome == Outcome::kThrottled || outcome == Outcome::kBusy) {
      // It runs again in this run, in a workspace of the same name: gone before then,
      // not queued behind other removals.
      if (absl::Status removed = state::RemoveWorkspace(s_.layout, s_.run_id, config_.name);
          !removed.ok())
        return Fail(removed.message());
      return outcome;
    }
    const bool keep = s_.keep_workspace ||
                      (outcome != Outcome::kSucceeded && s_.deployment.keep_workspace_on_failure);
    if (keep) {
      record_.workspace = data_.work_dir;
    } else {
      s_.removals.Remove(config_.name);
    }
    return outcome;
  }

  graph::OutputLookup Lookup() {
    return [this](const std::string& component, const std::string& output) {
      // A plan may plan with values not applied yet; every other run only with real ones.
      if (plan_references_) return plan_references_->Lookup(component, output);
      return s_.outputs.Lookup(component, output);
    };
  }

  /// A plan of a component whose references have no value yet: not a failure, and its
  /// dependents still plan (those needing its outputs are blocked in turn).
  Outcome Blocked() {
    record_.blocked_on = plan_references_->blocked_on();
    const std::vector<std::string> unknown = plan_references_->unknown();
    record_.error = s_.secrets.Snapshot()->Mask(absl::StrCat(
        "needs ", absl::StrJoin(record_.blocked_on, ", "), " applied: ",
        absl::StrJoin(unknown, ", "), unknown.size() == 1 ? " has" : " have",
        " no value yet (never applied, and not known to this plan); to plan it anyway, give ",
        unknown.size() == 1 ? "it" : "them", " a placeholder in plan_defaults"));
    return Outcome::kSucceeded;
  }

  /// The saved plan this apply applies, with what it was planned from; null for a run
  /// not from a saved plan.
  const state::SavedPlanRecord* SavedPlan() const {
    if (s_.from_plan == nullptr) return nullptr;
    auto it = s_.from_plan->records.find(config_.name);
    return it == s_.from_plan->records.end() ? nullptr : &it->second;
  }

  /// After a plan: the saved plan sealed with what it was planned from.
  absl::Status SealPlan(const ComponentInputs& inputs) {
    state::SavedPlanRecord saved;
    saved.component = config_.name;
    saved.type = config_.type;
    saved.target = s_.deployment.target;
    saved.config = state::ConfigFingerprint(config_, s_.deployment.target);
    saved.inputs = state::InputsFingerprint(inputs.settings, inputs.vars);
    saved.references = plan_references_->used_values();
    saved.placeholders = record_.placeholders;
    saved.planned_inputs = record_.planned_inputs;
    return run::SealPlan(data_.plan_dir, saved, s_.layout.PlanRecordPath(s_.run_id, config_.name));
  }

  graph::RecordedOutputs Recorded() {
    return [this](const std::string& component) { return s_.outputs.Names(component); };
  }

  /// The plugin's attempts with the component's stream open, then its outputs kept.
  Outcome RunPlugin(const plugin::LoadedPlugin& plugin) {
    const uint64_t known_at_start = s_.secrets.generation();
    absl::StatusOr<std::unique_ptr<stream::ComponentStream>> stream =
        stream::ComponentStream::Open(
            config_.name, record_.log_path, s_.secrets, s_.console,
            [this](const absl::Status& error) {  // A full disk must not pass unnoticed.
              s_.reporter.WriteFailed(absl::StrCat(config_.name, ": ", error.message(),
                                                   "; output from here on is not logged"));
            });
    if (!stream.ok()) return Fail(stream.status().message());
    stream_opened_ = true;
    Outcome outcome = Attempts(plugin, **stream);
    (*stream)->Close();
    if (outcome == Outcome::kSucceeded) {
      if (absl::Status kept = KeepOutputs(**stream); !kept.ok()) outcome = Fail(kept.message());
    }
    // Last: the log is replaced, and the stream would still write to the file it opened.
    if (s_.secrets.generation() != known_at_start) MaskLogAgain();
    return outcome;
  }

  Outcome Attempts(const plugin::LoadedPlugin& plugin, exec::OutputSink& stream) {
    OutputTail tail(stream);
    AttemptCalls calls;
    calls.run = [&](int attempt, absl::Time deadline) {
      record_.attempts = attempt;
      tail.Clear();
      ComponentCallContext context(data_, s_.processes, s_.cancel, tail, deadline,
                                   CallSecrets{&s_.secrets, DeclaredSensitive()}, Tag());
      AttemptEnd end;
      end.status = plugin.Execute(context, data_, s_.operation);
      StopLeftovers(stream);
      if (end.status == GANTRY_STATUS_OK || end.status == GANTRY_STATUS_UNSUPPORTED) {
        record_.nothing_to_do = end.status == GANTRY_STATUS_UNSUPPORTED;
        record_.changes = context.changes();  // a failed attempt's report is not kept
        outputs_ = context.outputs();
      }
      end.errors = context.errors();
      end.timed_out = context.timed_out();
      end.output_tail = tail.Text();
      if (end.status == GANTRY_STATUS_BUSY) {
        if (auto busy = context.busy()) std::tie(end.busy_resource, end.busy_reason) = *busy;
      }
      // The plugin says so, or its words do (for the types its throttle_on covers).
      end.throttled = end.status == GANTRY_STATUS_THROTTLED ||
                      (end.status != GANTRY_STATUS_OK && end.status != GANTRY_STATUS_UNSUPPORTED &&
                       throttle_.Throttled(absl::StrCat(end.output_tail, "\n",
                                                       absl::StrJoin(end.errors, "\n"))));
      return end;
    };
    calls.retrying = [&](int attempt, const std::string& error, absl::Duration delay) {
      const std::string masked = s_.secrets.Snapshot()->Mask(error);  // outputs set in it
      s_.reporter.Retrying(node_, attempt, masked, delay);
      stream.OnOutput(2, absl::StrCat("gantry: attempt ", attempt, " failed (", masked,
                                      "); retrying in ", absl::FormatDuration(delay), "\n"));
    };
    calls.started_again = [&](int attempt) { s_.reporter.AttemptStarted(node_, attempt); };
    const AttemptsEnd end =
        RunAttempts(retry_, config_.timeout, plugin.name(), s_.world, calls);
    switch (end.kind) {
      case AttemptsEnd::Kind::kSucceeded: return Outcome::kSucceeded;
      case AttemptsEnd::Kind::kCancelled: return CancelledWith(stream, end.errors);
      case AttemptsEnd::Kind::kCancelledWaiting:
        return Cancelled("cancelled while waiting to retry");
      case AttemptsEnd::Kind::kTimedOut:
      case AttemptsEnd::Kind::kFailed: return FailWithNote(stream, end.error);
      case AttemptsEnd::Kind::kThrottled: return Throttled(stream, end.error);
      case AttemptsEnd::Kind::kBusy: return Busy(stream, end.error, end.busy_resource);
    }
    return FailWithNote(stream, end.error);
  }

  /// Records this run's outputs masked, warns of undeclared ones, and keeps them
  /// (output_keeper.h). `stream` (closed) hears about outputs recorded masked.
  absl::Status KeepOutputs(exec::OutputSink& stream) {
    const std::shared_ptr<const stream::SecretMasker> masker = s_.secrets.Snapshot();
    record_.outputs = OutputsForRecord(outputs_, *masker, stream);
    if (const plugin::DeclaredOutputs& declared = s_.graph.declared_outputs(node_))
      WarnUndeclaredOutputs(outputs_, *declared, config_.name, config_.type, *masker, stream);
    OutputsHome home{config_.name, s_.operation, s_.run_id,
                     s_.layout.OutputsPath(s_.deployment.target, config_.name),
                     s_.world.Now(), &s_.durable};
    absl::Status kept = run::KeepOutputs(outputs_, home, s_.outputs);
    if (kept.ok() && s_.publisher != nullptr)
      kept = Publish(*s_.publisher, config_.name, s_.operation, s_.run_id, outputs_);
    return kept;
  }

  /// The outputs the type declares sensitive: secrets even when set_output forgets the flag.
  std::vector<std::string> DeclaredSensitive() const {
    std::vector<std::string> names;
    if (const plugin::DeclaredOutputs& declared = s_.graph.declared_outputs(node_)) {
      for (const plugin::OutputSpec& spec : *declared)
        if (spec.sensitive) names.push_back(spec.name);
    }
    return names;
  }

  exec::ProcessTag Tag() const { return exec::ProcessTag{s_.run_id, config_.name}; }

  /// What the attempt's processes left running (a daemon, a setsid'd child) is stopped
  /// now: nothing started for a component outlives it.
  void StopLeftovers(exec::OutputSink& stream) {
    const exec::ProcessTag tag = Tag();
    const std::vector<exec::TaggedProcess> killed = exec::SweepLeftovers(
        [&](const std::optional<exec::ProcessTag>& found) { return found && *found == tag; });
    if (killed.empty()) return;
    stream.OnOutput(2, absl::StrCat("gantry: killed ", killed.size(),
                                    killed.size() == 1 ? " process" : " processes",
                                    " left running: ", exec::DescribeProcesses(killed), "\n"));
  }

  /// A run of this component that ended with gantry killed may have left processes that
  /// still work in its state; they are given the guardian's grace period to end, else the
  /// component is not run.
  absl::Status NoStrayProcesses() {
    auto it = s_.strays.find(config_.name);
    if (it == s_.strays.end()) return absl::OkStatus();
    const std::vector<exec::TaggedProcess> left = state::WaitForStrays(it->second, kStrayWait);
    if (left.empty()) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "processes of this component from run ", left.front().tag.run_id,
        " (which ended without stopping them) are still running: ",
        exec::DescribeProcesses(left), "; stop them (kill ", left.front().pid,
        ") and run again"));
  }

  /// The run learned secrets while this component ran (its own sensitive outputs, most
  /// likely): what it printed of one before (its stream masks with it only from then on)
  /// is masked in its log now, whether it succeeded or not; the console has shown it, and
  /// says so.
  void MaskLogAgain() {
    constexpr std::string_view kNote =
        "gantry: a sensitive output was printed before gantry knew it: masked in the log, "
        "not on the console\n";
    absl::StatusOr<bool> masked =
        stream::MaskFileAgain(record_.log_path, *s_.secrets.Snapshot(), kNote);
    if (!masked.ok()) {
      spdlog::warn("{}: the log may hold a secret: {}", config_.name,
                   std::string(masked.status().message()));
    } else if (*masked) {
      s_.console.Output(config_.name, 2, {kNote, {}});
    }
  }

  Outcome Cancelled(const char* why) {
    record_.error = why;
    return Outcome::kCancelled;
  }

  /// Cancelled; what the plugin reported on the way (e.g. that it had to be killed) is
  /// kept with it and said at the end of the component's output and log.
  Outcome CancelledWith(exec::OutputSink& stream, const std::vector<std::string>& errors) {
    if (errors.empty()) return Cancelled("cancelled");
    const std::string why = s_.secrets.Snapshot()->Mask(absl::StrJoin(errors, "; "));
    stream.OnOutput(2, absl::StrCat("gantry: ", why, "\n"));
    record_.error = absl::StrCat("cancelled: ", why);
    return Outcome::kCancelled;
  }

  /// The API throttled it: back to the queue (the executor waits a back-off and runs it
  /// again), unless it was throttled kMaxThrottles times already. Said in its output.
  Outcome Throttled(exec::OutputSink& stream, const std::string& error) {
    const std::string masked = s_.secrets.Snapshot()->Mask(error);
    const int times = ++s_.throttles[node_];
    if (times > kMaxThrottles) {
      return FailWithNote(stream, absl::StrCat("throttled ", times, " times in a row; giving up (",
                                               masked, ")"));
    }
    stream.OnOutput(2, absl::StrCat("gantry: throttled (", masked,
                                    "): back in the queue, its group's limit lowered if adaptive\n"));
    return Outcome::kThrottled;
  }

  /// It cannot start now (a state lock held elsewhere, a full pool): back to the queue
  /// until `resource`'s back-off is over, unless it was busy kMaxBusy times already.
  Outcome Busy(exec::OutputSink& stream, const std::string& error, const std::string& resource) {
    const std::shared_ptr<const stream::SecretMasker> masker = s_.secrets.Snapshot();
    const std::string masked = masker->Mask(error);
    if (++busy_.times > kMaxBusy) {
      return FailWithNote(stream, absl::StrCat("busy ", busy_.times, " times in a row; giving up (",
                                               masked, ")"));
    }
    busy_.resource = resource;
    stream.OnOutput(2, absl::StrCat("gantry: busy (", masked, "): back in the queue until ",
                                    resource.empty() ? "it" : masker->Mask(resource),
                                    " is free\n"));
    return Outcome::kBusy;
  }

  /// Fails, and says why at the end of the component's output and log too.
  Outcome FailWithNote(exec::OutputSink& stream, const std::string& error) {
    stream.OnOutput(2, absl::StrCat("gantry: ", error, "\n"));
    return Fail(error);
  }

  Outcome Fail(absl::string_view message) {
    const std::shared_ptr<const stream::SecretMasker> masker = s_.secrets.Snapshot();
    record_.error = masker->Mask(std::string_view(message.data(), message.size()));
    return Outcome::kFailed;
  }

  RunServices& s_;
  const graph::NodeId node_;
  const config::ComponentConfig& config_;
  ComponentRecord& record_;
  const RetryPolicy& retry_;
  const ThrottlePolicy& throttle_;
  BusyState& busy_;
  plugin::ComponentData data_;
  Outputs outputs_;
  bool stream_opened_ = false;
  std::optional<PlanReferences> plan_references_;  // during a plan only
};

}  // namespace

ComponentTaskRunner::ComponentTaskRunner(RunServices& services) : s_(services) {
  retry_.reserve(s_.graph.size());
  busy_.resize(s_.graph.size());
  throttle_.reserve(s_.graph.size());
  // Most components of an adaptive group share its patterns: compiled once for all.
  std::map<std::vector<std::string>, std::shared_ptr<const ThrottlePolicy>> compiled;
  for (graph::NodeId n = 0; n < static_cast<graph::NodeId>(s_.graph.size()); ++n) {
    const config::ComponentConfig& config = *s_.deployment.Find(s_.graph.name(n));
    retry_.emplace_back(config.retries, config.retry_on);
    auto [it, inserted] = compiled.try_emplace(ThrottlePatternsFor(config, s_.deployment));
    if (inserted) it->second = std::make_shared<const ThrottlePolicy>(it->first);
    throttle_.push_back(it->second);
  }
}

Outcome ComponentTaskRunner::Run(graph::NodeId node) {
  return ComponentRun(s_, node, retry_[node], *throttle_[node], busy_[node]).Run();
}

std::string ComponentTaskRunner::BusyResource(graph::NodeId node) { return busy_[node].resource; }

}  // namespace gantry::run
