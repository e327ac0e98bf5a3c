#include "terraform_run.h"

#include <cstdio>
#include <sstream>

#include "cache_lock.h"
#include "init_fingerprint.h"
#include "kit/component_values.h"
#include "kit/files.h"
#include "kit/program.h"
#include "state_layout.h"
#include "transient_errors.h"

namespace gantry::terraform {
namespace {

using kit::Fnv1a;
using kit::Hex;
using kit::MakeDirectories;
using kit::ReadFile;
using kit::WriteFileAtomically;

StatePaths PathsFor(const Component& component) {
  StatePaths paths;
  paths.data_dir = DataDir(component.state_dir);
  paths.plugin_cache_dir = std::string(component.cache_dir);
  return paths;
}

// Terraform's "Lock Info:" names who holds a state lock on a line "  Who: user@host".
void NoteLockHolder(std::string_view line, std::string& holder) {
  const size_t at = line.find("Who:");
  if (!holder.empty() || at == std::string_view::npos) return;
  std::string_view who = line.substr(at + 4);
  while (!who.empty() && (who.front() == ' ' || who.front() == '\t')) who.remove_prefix(1);
  while (!who.empty() && (who.back() == ' ' || who.back() == '\r')) who.remove_suffix(1);
  holder = std::string(who);
}

}  // namespace

TerraformRun::TerraformRun(const Call& call, const Component& component,
                           const TerraformSettings& settings, bool module_has_backend)
    : call_(call),
      component_(component),
      settings_(settings),
      module_has_backend_(module_has_backend),
      commands_(settings, PathsFor(component), kit::ConsoleWantsColor()) {}

Status TerraformRun::Run(std::string_view operation) {
  if (component_.work_dir.empty() || component_.state_dir.empty())
    return Fail("the host gave no work or state directory");
  if (operation != "plan" && operation != "apply" && operation != "destroy") {
    call_.Error("the terraform type has no operation '" + std::string(operation) +
                "'; it runs plan, apply and destroy");
    return Status::kUnsupported;
  }
  // plan_dir during an apply: the saved plan to apply, which must be there.
  if (operation == "apply" && !component_.plan_dir.empty())
    if (Status missing = Fail(MissingPlanFile(component_.plan_dir)); missing != Status::kOk)
      return missing;
  if (Status prepared = Prepare(); prepared != Status::kOk) return prepared;
  if (operation == "plan") return Plan();
  return ApplyOrDestroy(operation == "destroy");
}

std::string TerraformRun::WorkPath(std::string_view name) const {
  return ModuleDir(component_.work_dir, settings_) + "/" + std::string(name);
}

Status TerraformRun::Prepare() {
  if (const std::string error = MakeDirectories(DataDir(component_.state_dir)); !error.empty())
    return Fail(error);
  if (!component_.cache_dir.empty())
    if (const std::string error = MakeDirectories(std::string(component_.cache_dir));
        !error.empty())
      return Fail(error);
  // Vars go in a file terraform loads by itself, never on argv, where any user of the
  // machine could read them: they may be secrets. Applying a saved plan too: terraform
  // then ignores the file's values of plain variables (the plan's are applied) but needs
  // those of ephemeral ones (terraform 1.10+), which a plan does not keep.
  if (kit::HasVars(component_.vars_json))
    if (const std::string error = WriteFileAtomically(WorkPath(kVarsFile), component_.vars_json, 0600);
        !error.empty())
      return Fail(error);
  if (!module_has_backend_)
    if (const std::string error =
            WriteFileAtomically(WorkPath(kBackendFile), LocalBackendConfig(component_.state_dir));
        !error.empty())
      return Fail(error);
  RestoreLockFile();
  if (Status init = InitIfNeeded(); init != Status::kOk) return init;
  return SelectWorkspace();
}

std::string TerraformRun::Fingerprint() const {
  uint64_t hash = FingerprintInitInputs(std::string(component_.work_dir));
  // What else init depends on: the program, its arguments, the data and cache dirs.
  for (const std::string& word : commands_.Init()) hash = Fnv1a(word + '\0', hash);
  for (const auto& [name, value] : commands_.Environment())
    hash = Fnv1a(name + '=' + value + '\0', hash);
  return Hex(hash);
}

Status TerraformRun::InitIfNeeded() {
  const std::string fingerprint = Fingerprint();
  const std::optional<std::string> last = ReadFile(InitMarkerPath(component_.state_dir));
  if (last && *last == fingerprint) {
    call_.Log(GANTRY_LOG_DEBUG, "terraform init skipped: sources, lock file and backend unchanged");
    return Status::kOk;
  }
  return Init();
}

Status TerraformRun::Init() {
  std::optional<CacheLock> lock;
  if (!component_.cache_dir.empty()) {
    const std::string lock_path = std::string(component_.cache_dir) + "/.gantry-init.lock";
    lock.emplace(
        lock_path, [this] { return call_.Cancelled(); },
        [this] {
          call_.Err("gantry: waiting for another terraform init to finish with the shared "
                    "provider cache\n");
        });
    if (!lock->error().empty()) return Fail(lock->error());
    if (!lock->held()) return Status::kCancelled;
  }
  const Outcome outcome = Terraform(commands_.Init());
  if (Status status = Check(outcome, "init"); status != Status::kOk) return status;
  lock.reset();
  KeepLockFile();
  // Recorded last: an init cut short is run again next time.
  if (const std::string error =
          WriteFileAtomically(InitMarkerPath(component_.state_dir), Fingerprint());
      !error.empty())
    call_.Log(GANTRY_LOG_WARN, "terraform init will run again next time: " + error);
  return Status::kOk;
}

void TerraformRun::RestoreLockFile() const {
  // With copy_lock_file the sources hold it: one deleted there means "resolve anew".
  if (settings_.copy_lock_file) return;
  const std::string in_workspace = WorkPath(".terraform.lock.hcl");
  if (ReadFile(in_workspace)) return;
  if (const std::optional<std::string> saved = ReadFile(SavedLockFilePath(component_.state_dir)))
    (void)WriteFileAtomically(in_workspace, *saved);
}

void TerraformRun::KeepLockFile() const {
  const std::optional<std::string> written = ReadFile(WorkPath(".terraform.lock.hcl"));
  if (!written) return;
  if (const std::string error = WriteFileAtomically(SavedLockFilePath(component_.state_dir),
                                                    *written);
      !error.empty())
    call_.Log(GANTRY_LOG_WARN, error);
  if (!settings_.copy_lock_file || component_.source_dir.empty()) return;
  const std::string beside_sources =
      ModuleDir(component_.source_dir, settings_) + "/.terraform.lock.hcl";
  if (ReadFile(beside_sources) == written) return;
  if (const std::string error = WriteFileAtomically(beside_sources, *written); !error.empty()) {
    call_.Warn("copy_lock_file", "could not copy .terraform.lock.hcl beside the sources (" +
                                     error + "); commit it by hand, or set copy_lock_file = false");
    return;
  }
  call_.Err("gantry: wrote " + beside_sources +
            " (terraform's dependency lock file); commit it with your sources\n");
}

std::string TerraformRun::CurrentWorkspace() const {
  std::optional<std::string> name = ReadFile(DataDir(component_.state_dir) + "/environment");
  if (!name) return "default";
  while (!name->empty() && (name->back() == '\n' || name->back() == ' ')) name->pop_back();
  return name->empty() ? "default" : *name;
}

Status TerraformRun::SelectWorkspace() {
  if (CurrentWorkspace() == settings_.workspace) return Status::kOk;
  Outcome outcome = Terraform(commands_.WorkspaceSelectOrCreate(), true);
  if (outcome.result.ok()) return Status::kOk;
  if (outcome.errors.find("-or-create") == std::string::npos)
    return Check(outcome, "workspace select");
  // A terraform before 1.4 has no -or-create: select, and create when that fails.
  outcome = Terraform(commands_.WorkspaceSelect(), true);
  if (outcome.result.ok()) return Status::kOk;
  if (outcome.result.cancelled) return Status::kCancelled;
  return Check(Terraform(commands_.WorkspaceNew()), "workspace new");
}

Status TerraformRun::Plan() {
  const bool saving = !component_.plan_dir.empty();
  const std::string plan_file = saving ? SavedPlanPath(component_.plan_dir) : kPlanFile;
  // Read before terraform reads the state: a change in between then makes the plan look
  // stale (planned again), never a stale plan look current.
  std::string basis_error;
  const std::optional<PlanBasis> basis = saving ? BasisNow(basis_error) : std::nullopt;
  const Outcome plan = Terraform(commands_.Plan(plan_file));
  const bool ran = plan.result.started && !plan.result.cancelled;
  // -detailed-exitcode: 2 means the plan succeeded and has changes.
  if (!(ran && (plan.result.exit_code == 0 || plan.result.exit_code == 2)))
    return Check(plan, "plan");
  if (saving) {
    if (!basis) return Fail(basis_error);
    if (const std::string error =
            WriteFileAtomically(PlanBasisPath(component_.plan_dir), BasisJson(*basis), 0600);
        !error.empty())
      return Fail(error);
  }
  if (plan.result.exit_code == 0) {
    // Nothing changes: the outputs recorded by the last apply are what they will be.
    (void)call_.ReportChanges(Changes{false, 0, 0, 0});
    return Status::kOk;
  }
  Changes changes{true, -1, -1, -1};
  const Outcome show = Terraform(commands_.ShowPlanJson(plan_file), true);
  if (Status status = Check(show, "show"); status != Status::kOk) return status;
  try {
    changes = ParsePlanChanges(show.output);
    changes.has_changes = true;
  } catch (const std::exception& e) {
    call_.Log(GANTRY_LOG_WARN, std::string("could not count the plan's changes: ") + e.what());
  }
  (void)call_.ReportChanges(changes);
  ReportPlannedOutputs(show.output);
  return Status::kOk;
}

void TerraformRun::ReportPlannedOutputs(const std::string& plan_json) const {
  std::vector<OutputValue> values;
  try {
    values = ParsePlannedOutputs(plan_json);
  } catch (const std::exception& e) {
    call_.Log(GANTRY_LOG_WARN, std::string("could not read the plan's outputs: ") + e.what());
    return;
  }
  // A refused one is shown as a warning by the host, and fails the apply (RecordOutputs):
  // the plan itself is sound.
  for (const OutputValue& value : values) (void)SetOutput(value);
}

std::optional<PlanBasis> TerraformRun::BasisNow(std::string& error) const {
  PlanBasis basis;
  if (module_has_backend_) {
    basis.remote = true;
    return basis;
  }
  basis.workspace = settings_.workspace;
  const std::optional<StateVersion> state =
      ReadStateVersion(LocalStatePath(component_.state_dir, settings_.workspace), error);
  if (!state) return std::nullopt;
  basis.state = *state;
  return basis;
}

Status TerraformRun::ApplyOrDestroy(bool destroy) {
  const bool saved_plan = !destroy && !component_.plan_dir.empty();
  const Outcome outcome =
      Terraform(destroy      ? commands_.Destroy()
                : saved_plan ? commands_.ApplySavedPlan(SavedPlanPath(component_.plan_dir))
                             : commands_.Apply());
  if (Status status = Check(outcome, destroy ? "destroy" : "apply"); status != Status::kOk)
    return status;
  if (outcome.completion) (void)call_.ReportChanges(*outcome.completion);
  return destroy ? Status::kOk : RecordOutputs();
}

Status TerraformRun::RecordOutputs() {
  const Outcome output = Terraform(commands_.OutputJson(), true);
  if (Status status = Check(output, "output"); status != Status::kOk) return status;
  std::vector<OutputValue> values;
  try {
    values = ParseOutputs(output.output);
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
  Status status = Status::kOk;
  for (const OutputValue& value : values)
    if (SetOutput(value) != Status::kOk) status = Status::kFailed;
  if (status != Status::kOk)
    call_.Error("gantry refused an output of this module (the warning above says why)");
  return status;
}

Status TerraformRun::SetOutput(const OutputValue& value) const {
  const uint32_t flags = (value.sensitive ? GANTRY_OUTPUT_SENSITIVE : 0u) |
                         (value.is_json ? GANTRY_OUTPUT_JSON : 0u);
  return call_.SetOutput(value.name, value.value, flags);
}

TerraformRun::Outcome TerraformRun::Terraform(const std::vector<std::string>& argv,
                                              bool keep_output) const {
  Outcome outcome;
  SpawnOptions options;
  options.argv = argv;
  options.cwd = ModuleDir(component_.work_dir, settings_);
  options.env_vars = commands_.Environment();
  options.stop_timeout = settings_.stop_timeout;
  options.stop_with_sigint = true;
  if (keep_output) {
    // Machine-read (output -json holds secrets; show -json is large): never shown.
    options.capture_stdout = true;
    options.on_output = [&](int32_t stream, std::string_view data) {
      (stream == GANTRY_STREAM_STDOUT ? outcome.output : outcome.errors).append(data);
    };
  } else {
    options.on_line = [&](int32_t, std::string_view line) {
      if (outcome.transient.empty() && !TransientPhraseIn(line).empty())
        outcome.transient = std::string(line);
      NoteLockHolder(line, outcome.lock_holder);
      if (std::optional<Changes> changes = ParseCompletionLine(line)) outcome.completion = changes;
    };
  }
  outcome.result = call_.Spawn(options);
  if (keep_output) {
    std::istringstream lines(outcome.errors);
    for (std::string line; std::getline(lines, line);) {
      if (outcome.transient.empty() && !TransientPhraseIn(line).empty()) outcome.transient = line;
      NoteLockHolder(line, outcome.lock_holder);
    }
  }
  return outcome;
}

Status TerraformRun::Check(const Outcome& outcome, std::string_view what) const {
  if (!outcome.result.started) return Status::kFailed;  // the host said why
  if (outcome.result.cancelled) return Status::kCancelled;
  if (outcome.result.exit_code == 0) return Status::kOk;
  std::ostringstream why;
  why << "terraform " << what << " ";
  why << kit::EndText(outcome.result);
  if (TransientPhraseIn(outcome.transient) == kStateLockPhrase) {
    // Another run or a CI job holds the state: not a failure, the host tries again later
    // (a host before 0.7 cannot: then it is a transient error, as below).
    const std::string holder =
        outcome.lock_holder.empty() ? "another run" : outcome.lock_holder;
    if (call_.ReportBusy("", "the state is locked by " + holder) == Status::kOk)
      return Status::kBusy;
  }
  if (!outcome.transient.empty()) {
    why << " on a transient error (" << outcome.transient
        << "); it is retried when the component has retries";
    call_.Error(why.str());
    return Status::kRetryable;
  }
  call_.Error(why.str());
  return Status::kFailed;
}

Status TerraformRun::Fail(const std::string& error) const {
  if (error.empty()) return Status::kOk;
  call_.Error(error);
  return Status::kFailed;
}

}  // namespace gantry::terraform
