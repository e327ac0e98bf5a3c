#include "core/run/component_task.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/exec/leftover_sweep.h"
#include "core/exec/process_tag.h"
#include "core/graph/plugin_view.h"
#include "core/graph/reference_sites.h"
#include "core/graph/references.h"
#include "core/plugin/component_view.h"
#include "core/run/attempt_loop.h"
#include "core/run/component_call_context.h"
#include "core/run/output_tail.h"
#include "core/run/plan_references.h"
#include "core/run/retry_policy.h"
#include "core/run/secrets_of.h"
#include "core/state/component_lock.h"
#include "core/state/output_store.h"
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
  ComponentRun(RunServices& s, graph::NodeId node)
      : s_(s),
        node_(node),
        config_(*s.deployment.Find(s.graph.name(node))),
        record_(s.reporter.Record(node)) {}

  Outcome Run() {
    Outcome outcome = Execute();
    record_.finished = absl::Now();
    // A component stopped before its stream opened (a lock held elsewhere) has no log.
    if (!stream_opened_) record_.log_path.clear();
    return outcome;
  }

 private:
  Outcome Execute() {
    const plugin::LoadedPlugin* plugin = s_.plugins.ForType(config_.type);
    if (plugin == nullptr) return Fail(absl::StrCat("no plugin provides type '", config_.type, "'"));
    if (!plugin->SupportsOperation(s_.operation)) {
      record_.nothing_to_do = true;  // e.g. `gantry run lint` over types without lint
      return Outcome::kSucceeded;
    }
    const std::string& target = s_.deployment.target;
    data_ = graph::PluginView(config_, target, s_.deployment.root_dir, plugin->name());
    data_.state_dir = s_.layout.StateDir(target, config_.name).string();
    // Tools keep secrets in clear there (terraform's state): the user's alone.
    if (absl::Status made = state::EnsurePrivateDir(data_.state_dir); !made.ok())
      return Fail(made.message());
    // Promised to the plugin before execute (gantry_component.cache_dir); never removed.
    if (absl::Status made = s_.cache_dirs.Ensure(data_.cache_dir); !made.ok())
      return Fail(made.message());

    absl::StatusOr<state::ComponentLock> lock =
        state::ComponentLock::Acquire(s_.layout, target, config_.name, s_.run_id,
                                      s_.lock_timeout, &s_.cancel);
    if (!lock.ok()) {
      if (s_.cancel.cancelled()) return Cancelled("cancelled while waiting for the lock");
      return Fail(lock.status().message());
    }
    if (absl::Status clear = NoStrayProcesses(); !clear.ok()) return Fail(clear.message());

    const bool planning = s_.operation == "plan";
    if (planning) plan_references_.emplace(s_.outputs, config_.plan_defaults);
    absl::StatusOr<nlohmann::json> settings = SubstitutedSettings(*plugin);
    absl::StatusOr<nlohmann::json> vars = graph::SubstituteReferences(
        config_.vars, Lookup(), Recorded());
    if (planning && !plan_references_->blocked_on().empty()) return Blocked();
    if (!vars.ok() || !settings.ok()) {
      std::vector<std::string> problems;
      if (!vars.ok()) problems.emplace_back(vars.status().message());
      if (!settings.ok()) problems.emplace_back(settings.status().message());
      return Fail(absl::StrJoin(problems, "; "));
    }
    LearnSecrets(*plugin, *vars, *settings);
    if (planning) {
      record_.placeholders = plan_references_->placeholders();
      record_.planned_inputs = plan_references_->planned();
      if (plugin->saves_plans()) {
        if (absl::Status made = MakePlanDir(); !made.ok()) return Fail(made.message());
      }
    }
    if (const state::SavedPlanRecord* saved = SavedPlan()) {
      if (absl::Status same = SameInputsAsPlanned(*saved, *settings, *vars); !same.ok())
        return Fail(same.message());
      data_.plan_dir = s_.layout.PlanDir(s_.from_plan->run_id, config_.name).string();
    }

    const std::optional<std::filesystem::path> spare = s_.removals.TakeSpare();
    absl::StatusOr<std::filesystem::path> created =
        state::CreateWorkspace(s_.layout, s_.run_id, config_.name, config_.source_dir, nullptr,
                               spare ? &*spare : nullptr);
    if (!created.ok()) return Fail(created.status().message());
    const std::string workspace = created->string();

    data_.work_dir = workspace;
    data_.settings_json = settings->dump();
    data_.vars_json = vars->dump();

    Outcome outcome = RunInWorkspace(*plugin);
    if (outcome == Outcome::kSucceeded && !data_.plan_dir.empty() && planning) {
      if (absl::Status sealed = SealPlan(*settings, *vars); !sealed.ok())
        outcome = Fail(sealed.message());
    }
    const bool keep = s_.keep_workspace ||
                      (outcome != Outcome::kSucceeded && s_.deployment.keep_workspace_on_failure);
    if (keep) {
      record_.workspace = workspace;
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

  /// A saved plan is applied only to the inputs it was made from: each referenced value
  /// as it is now (its producer applied just before, maybe) must be the one the plan
  /// used, a planned value included.
  absl::Status SameInputsAsPlanned(const state::SavedPlanRecord& saved,
                                   const nlohmann::json& settings, const nlohmann::json& vars) {
    std::vector<std::string> changed;
    for (const auto& [reference, fingerprint] : saved.references) {
      const size_t dot = reference.rfind('.');
      std::optional<graph::OutputText> now =
          s_.outputs.Lookup(reference.substr(0, dot), reference.substr(dot + 1));
      if (!now || state::ValueFingerprint(now->value, now->is_json) != fingerprint)
        changed.push_back(reference);
    }
    if (!changed.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "its saved plan was made with other values of ", absl::StrJoin(changed, ", "),
          " than they have now; plan again"));
    }
    if (state::InputsFingerprint(settings, vars) != saved.inputs)
      return absl::FailedPreconditionError(
          "its settings or vars differ from those its saved plan was made with; plan again");
    return absl::OkStatus();
  }

  /// The directory the plugin saves its plan in: under the run's, which only the user
  /// may enter (plans hold secrets).
  absl::Status MakePlanDir() {
    const std::filesystem::path plans = s_.layout.PlansDir(s_.run_id);
    const std::filesystem::path dir = s_.layout.PlanDir(s_.run_id, config_.name);
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    for (const std::filesystem::path& owned : {plans, dir})
      if (!error) std::filesystem::permissions(owned, std::filesystem::perms::owner_all, error);
    if (error)
      return absl::InternalError(absl::StrCat("cannot make ", dir.string(), ": ", error.message()));
    data_.plan_dir = dir.string();
    return absl::OkStatus();
  }

  /// After a plan: what the plugin saved is made the user's alone, and what it was
  /// planned from is recorded beside it, for apply --from-plan.
  absl::Status SealPlan(const nlohmann::json& settings, const nlohmann::json& vars) {
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(data_.plan_dir, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      const std::filesystem::perms mode = it->is_directory(error)
                                              ? std::filesystem::perms::owner_all
                                              : (std::filesystem::perms::owner_read |
                                                 std::filesystem::perms::owner_write);
      std::filesystem::permissions(it->path(), mode, error);
    }
    if (error)
      return absl::InternalError(absl::StrCat("cannot protect the saved plan in ",
                                              data_.plan_dir, ": ", error.message()));
    state::SavedPlanRecord saved;
    saved.component = config_.name;
    saved.type = config_.type;
    saved.target = s_.deployment.target;
    saved.config = state::ConfigFingerprint(config_, s_.deployment.target);
    saved.inputs = state::InputsFingerprint(settings, vars);
    saved.references = plan_references_->used_values();
    saved.placeholders = record_.placeholders;
    saved.planned_inputs = record_.planned_inputs;
    return state::WriteSavedPlanRecord(
        s_.layout.PlanRecordPath(s_.run_id, config_.name).string(), saved);
  }
  graph::RecordedOutputs Recorded() {
    return [this](const std::string& component) { return s_.outputs.Names(component); };
  }

  /// The settings the plugin receives: references in those it declares as holding them
  /// replaced, as in vars; every other value as written.
  absl::StatusOr<nlohmann::json> SubstitutedSettings(const plugin::LoadedPlugin& plugin) {
    nlohmann::json settings = config_.settings;
    std::vector<std::string> problems;
    for (const std::string& key : graph::ReferenceSettings(&plugin)) {
      auto it = settings.find(key);
      if (it == settings.end()) continue;
      absl::StatusOr<nlohmann::json> value = graph::SubstituteReferences(*it, Lookup(), Recorded());
      if (value.ok()) {
        *it = *std::move(value);
      } else {
        problems.push_back(absl::StrCat(key, ": ", value.status().message()));
      }
    }
    if (!problems.empty()) return absl::FailedPreconditionError(absl::StrJoin(problems, "; "));
    return settings;
  }

  /// Everything between creating the workspace and deciding its fate.
  Outcome RunInWorkspace(const plugin::LoadedPlugin& plugin) {
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
    RealAttemptWorld world(s_.cancel);
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
      return end;
    };
    calls.retrying = [&](int attempt, const std::string& error, absl::Duration delay) {
      const std::string masked = s_.secrets.Snapshot()->Mask(error);  // outputs set in it
      s_.reporter.Retrying(node_, attempt, masked, delay);
      stream.OnOutput(2, absl::StrCat("gantry: attempt ", attempt, " failed (", masked,
                                      "); retrying in ", absl::FormatDuration(delay), "\n"));
    };
    calls.started_again = [&](int attempt) { s_.reporter.AttemptStarted(node_, attempt); };
    const AttemptsEnd end = RunAttempts(RetryPolicy(config_.retries, config_.retry_on),
                                        config_.timeout, plugin.name(), world, calls);
    switch (end.kind) {
      case AttemptsEnd::Kind::kSucceeded: return Outcome::kSucceeded;
      case AttemptsEnd::Kind::kCancelled: return CancelledWith(stream, end.errors);
      case AttemptsEnd::Kind::kCancelledWaiting:
        return Cancelled("cancelled while waiting to retry");
      case AttemptsEnd::Kind::kTimedOut:
      case AttemptsEnd::Kind::kFailed: return FailWithNote(stream, end.error);
    }
    return FailWithNote(stream, end.error);
  }

  /// Makes this run's outputs visible to later components and, for apply, persistent.
  /// `stream` (closed) hears about outputs recorded masked.
  absl::Status KeepOutputs(exec::OutputSink& stream) {
    const plugin::DeclaredOutputs& declared = s_.graph.declared_outputs(node_);
    RecordOutputsMasked(stream);
    if (declared) WarnUndeclared(*declared, stream);
    const std::filesystem::path path = s_.layout.OutputsPath(s_.deployment.target, config_.name);
    if (s_.operation == "apply") {
      s_.outputs.Record(config_.name, outputs_);
      // No outputs, no file: most components of a large deployment have none.
      if (outputs_.empty()) return state::RemoveOutputs(path, &s_.durable);
      state::StoredOutputs stored;
      stored.outputs = outputs_;
      stored.run_id = s_.run_id;
      stored.operation = s_.operation;
      stored.time = absl::Now();
      return state::WriteOutputs(path, stored, &s_.durable);
    }
    if (s_.operation == "destroy") {
      // What was destroyed has no outputs any more; later runs must not read stale ones.
      s_.outputs.Record(config_.name, {});
      return state::RemoveOutputs(path, &s_.durable);
    }
    // A plan's outputs are planned ones: for this run's plans of its dependents only.
    if (s_.operation == "plan") {
      s_.outputs.RecordPlanned(config_.name, outputs_);
    } else if (!outputs_.empty()) {
      s_.outputs.Record(config_.name, outputs_);
    }
    return absl::OkStatus();
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

  /// A plugin that declares its outputs and sets another has a bug in its declaration:
  /// references to that output are refused by validate. Said, not failed.
  void WarnUndeclared(const std::vector<plugin::OutputSpec>& declared, exec::OutputSink& stream) {
    const std::vector<std::string> names = plugin::OutputNames(declared);
    const std::shared_ptr<const stream::SecretMasker> masker = s_.secrets.Snapshot();
    for (const auto& [key, output] : outputs_) {
      if (std::find(names.begin(), names.end(), key) != names.end()) continue;
      const std::string text = absl::StrCat(
          "output '", masker->Mask(key), "' is not among the outputs declared for type '",
          config_.type, "' (", names.empty() ? "none" : absl::StrJoin(names, ", "),
          "); references to it are refused by gantry validate");
      spdlog::warn("[{}] {}", config_.name, text);
      stream.OnOutput(2, absl::StrCat("gantry: ", text, "\n"));
    }
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

  /// With every secret known, an output whose value holds one becomes sensitive itself
  /// (later components referencing it learn it as a secret), and the record (journal,
  /// events, summaries, trace, `runs show`) gets every key and value masked. outputs_,
  /// which the output book and the state keep, keeps the real keys and values.
  void RecordOutputsMasked(exec::OutputSink& stream) {
    const std::shared_ptr<const stream::SecretMasker> masker = s_.secrets.Snapshot();
    if (masker->empty()) {  // The usual case: nothing to scan.
      record_.outputs = outputs_;
      return;
    }
    record_.outputs.clear();
    for (auto& [key, output] : outputs_) {
      std::string shown_key = masker->Mask(key);
      if (!output.sensitive() && masker->Contains(output.value)) {
        output.flags |= GANTRY_OUTPUT_SENSITIVE;
        stream.OnOutput(2, absl::StrCat("gantry: output '", shown_key, "' holds a secret: ",
                                        "recorded masked, treated as sensitive\n"));
      }
      if (shown_key != key) {
        stream.OnOutput(2, absl::StrCat("gantry: the name of output '", shown_key,
                                        "' holds a secret: recorded masked\n"));
        // Two names masked alike stay two outputs.
        for (int n = 2; record_.outputs.count(shown_key) != 0; ++n)
          shown_key = absl::StrCat(masker->Mask(key), " (", n, ")");
      }
      record_.outputs[shown_key] = record::OutputValue{masker->Mask(output.value), output.flags};
    }
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

  /// Sensitive vars and settings, and values taken from sensitive outputs, become
  /// secrets of the run (with references replaced).
  void LearnSecrets(const plugin::LoadedPlugin& plugin, const nlohmann::json& vars,
                    const nlohmann::json& settings) {
    std::vector<std::string> secrets;
    for (const std::string& name : config_.sensitive) {
      auto it = vars.find(name);
      if (it != vars.end()) AppendSecretsOf(*it, secrets);
    }
    AppendSecretsOfSettings(plugin, settings, secrets);
    std::vector<graph::ReferenceError> ignored;
    for (const graph::Reference& ref : graph::ComponentReferences(config_, &plugin, ignored)) {
      std::optional<Outputs> outputs = s_.outputs.Find(ref.component);
      if (!outputs) continue;
      auto it = outputs->find(ref.output);
      if (it != outputs->end() && it->second.sensitive()) AppendSecretsOf(it->second, secrets);
    }
    s_.secrets.Add(secrets);
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
  plugin::ComponentData data_;
  Outputs outputs_;
  bool stream_opened_ = false;
  std::optional<PlanReferences> plan_references_;  // during a plan only
};

}  // namespace

Outcome ComponentTaskRunner::Run(graph::NodeId node) { return ComponentRun(s_, node).Run(); }

}  // namespace gantry::run
