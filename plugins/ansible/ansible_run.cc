#include "ansible_run.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "ansible_config.h"
#include "callback_install.h"
#include "embedded_callback.h"
#include "exit_reason.h"
#include "inventory.h"
#include "kit/component_values.h"
#include "kit/files.h"
#include "kit/program.h"

namespace gantry::ansible {

AnsibleRun::AnsibleRun(const Call& call, const Component& component,
                       const AnsibleSettings& settings)
    : call_(call), component_(component), settings_(settings) {}

Status AnsibleRun::Run(std::string_view operation) {
  if (component_.work_dir.empty()) return Fail("the host gave no work directory");
  if (operation != "plan" && operation != "apply" && operation != "destroy") {
    call_.Error("the ansible type has no operation '" + std::string(operation) +
                "'; it runs plan, apply and destroy");
    return Status::kUnsupported;
  }
  if (operation == "destroy" && settings_.destroy_playbook.empty()) {
    call_.Out("nothing to destroy: this component has no destroy_playbook\n");
    return Status::kOk;
  }
  const std::string& playbook =
      operation == "destroy" ? settings_.destroy_playbook : settings_.playbook;
  const std::string setting = operation == "destroy" ? "destroy_playbook" : "playbook";
  std::error_code error;
  if (!std::filesystem::is_regular_file(std::string(component_.work_dir) + "/" + playbook, error)) {
    call_.Error(setting, setting + ": " + std::string(component_.source_dir) + "/" + playbook +
                             " is not a file (paths are relative to source)");
    return Status::kFailed;
  }
  if (Status prepared = Prepare(); prepared != Status::kOk) return prepared;
  return Playbook(operation, playbook);
}

Status AnsibleRun::Prepare() {
  const std::string work(component_.work_dir);
  const std::string own = work + "/" + kGantryDir;
  paths_.work_dir = work;
  paths_.result_file = own + "/result.json";
  paths_.local_tmp = own + "/tmp";
  paths_.cache_dir = std::string(component_.cache_dir);
  // No cache directory (an older host): the callback lives in the workspace instead.
  paths_.callback_dir = CallbackDir(paths_.cache_dir.empty() ? own : paths_.cache_dir);
  if (!paths_.cache_dir.empty()) paths_.ansible_home = paths_.cache_dir + "/home";
  for (const std::string& dir : {paths_.local_tmp, own + "/remote-tmp", paths_.ansible_home})
    if (const std::string why = dir.empty() ? "" : kit::MakeDirectories(dir); !why.empty())
      return Fail(why);
  std::remove(paths_.result_file.c_str());

  if (!settings_.inventory.empty()) {
    paths_.inventory = work + "/" + settings_.inventory;
    std::error_code error;
    if (!std::filesystem::exists(paths_.inventory, error)) {
      call_.Error("inventory", "inventory: " + std::string(component_.source_dir) + "/" +
                                   settings_.inventory +
                                   " does not exist (paths are relative to source); if another "
                                   "component writes it, list it in that component's produces "
                                   "(custom) or add depends_on");
      return Status::kFailed;
    }
  } else {
    paths_.inventory = own + "/inventory.json";
    if (const std::string why = kit::WriteFileAtomically(
            paths_.inventory, InventoryJson(settings_.hosts, own + "/remote-tmp"), 0600);
        !why.empty())
      return Fail(why);
  }
  // Vars may be secrets: a file only its owner reads, never the command line.
  if (kit::HasVars(component_.vars_json)) {
    paths_.vars_file = own + "/vars.json";
    if (const std::string why =
            kit::WriteFileAtomically(paths_.vars_file, component_.vars_json, 0600);
        !why.empty())
      return Fail(why);
  }
  if (const std::string why = InstallCallback(paths_.callback_dir, kCallbackSource); !why.empty())
    return Fail("cannot install gantry's ansible callback: " + why);
  return Status::kOk;
}

Status AnsibleRun::Playbook(std::string_view operation, const std::string& playbook) {
  const EnvLookup invoking_env = [this](const std::string& name) -> std::optional<std::string> {
    if (const auto own = settings_.env.find(name); own != settings_.env.end()) return own->second;
    if (const char* value = std::getenv(name.c_str())) return std::string(value);
    return std::nullopt;
  };
  const ConfigFacts config = FindConfig(paths_.work_dir, invoking_env);
  SpawnOptions options;
  options.argv = PlaybookCommand(settings_, paths_, operation, playbook);
  options.argv.front() = kit::ProgramPath(settings_.binary, component_.project_dir);
  options.cwd = paths_.work_dir;
  options.env_vars = Environment(settings_, paths_, config, kit::ConsoleWantsColor(),
                                 [](const std::string& name) -> std::optional<std::string> {
                                   if (const char* value = std::getenv(name.c_str()))
                                     return std::string(value);
                                   return std::nullopt;
                                 });
  // As the custom type's commands get them: a play's own lasting place is its state dir.
  options.env_vars["GANTRY_COMPONENT"] = std::string(component_.name);
  options.env_vars["GANTRY_TARGET"] = std::string(component_.target);
  options.env_vars["GANTRY_OPERATION"] = std::string(operation);
  options.env_vars["GANTRY_STATE_DIR"] = std::string(component_.state_dir);
  options.env_vars["GANTRY_PROJECT_DIR"] = std::string(component_.project_dir);
  options.stop_timeout = settings_.stop_timeout;
  options.stop_with_sigint = true;
  const SpawnResult spawned = call_.Spawn(options);
  if (!spawned.started) return Status::kFailed;  // the host said why
  if (spawned.cancelled) return Status::kCancelled;

  const std::optional<RunResult> result = ReadResult();
  if (spawned.exit_code != 0 || spawned.term_signal != 0) {
    if (spawned.term_signal != 0)
      return Fail("ansible-playbook " + kit::EndText(spawned));
    const ExitReason reason = ExplainExit(spawned.exit_code, result, settings_, playbook);
    call_.Error(reason.message);
    return reason.status;
  }
  if (!result) return Fail("ansible-playbook succeeded but gantry's callback recorded nothing: "
                           "is callbacks_enabled overridden (the log says more)?");
  const Changes changes = ChangesOf(*result);
  (void)call_.ReportChanges(changes, ChangedTasksWords(changes.change, operation));
  call_.Out(RecapLine(*result) + "\n");
  // A plan runs in check mode: what set_stats publishes there is not real.
  return operation == "apply" ? RecordOutputs(*result) : Status::kOk;
}

std::optional<RunResult> AnsibleRun::ReadResult() const {
  const std::optional<std::string> text = kit::ReadFile(paths_.result_file);
  if (!text) return std::nullopt;
  try {
    return ParseRunResult(*text);
  } catch (const std::exception& e) {
    call_.Log(GANTRY_LOG_WARN, "cannot read " + paths_.result_file + ": " + e.what());
    return std::nullopt;
  }
}

Status AnsibleRun::RecordOutputs(const RunResult& result) const {
  std::vector<std::string> problems;
  const std::set<std::string> sensitive = kit::SensitiveNames(component_.sensitive_json);
  for (const OutputValue& output : OutputsOf(result, problems)) {
    const uint32_t flags = (output.is_json ? GANTRY_OUTPUT_JSON : 0u) |
                           (sensitive.count(output.key) != 0 ? GANTRY_OUTPUT_SENSITIVE : 0u);
    if (call_.SetOutput(output.key, output.value, flags) != Status::kOk)
      problems.push_back("gantry refused the output '" + output.key +
                         "' from set_stats (the warning above says why)");
  }
  for (const std::string& problem : problems) call_.Error(problem);
  return problems.empty() ? Status::kOk : Status::kFailed;
}

Status AnsibleRun::Fail(const std::string& error) const {
  call_.Error(error);
  return Status::kFailed;
}

}  // namespace gantry::ansible
