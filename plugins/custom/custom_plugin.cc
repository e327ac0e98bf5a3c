// The `custom` component type: runs the user's own commands, one per operation.
//
//   [components.seed]
//   type = "custom"
//   commands.apply = ["./seed.sh", "--all"]      # argv, no shell
//   commands.destroy = "rm -rf data && echo gone" # with shell = true
//   vars = { DB_URL = "${db.url}" }              # exported as environment variables
//   produces = ["../ansible/inventory.ini"]      # files it writes that others read
//
// A command may write `key=value` lines to the file named by $GANTRY_OUTPUT; they
// become the component's outputs. Commands run only through the host's spawn, so their
// output is captured, labelled, logged and masked by the host.
#include <optional>
#include <set>
#include <sstream>

#include "custom_settings.h"
#include "gantry/json.hpp"
#include "gantry/plugin.hpp"
#include "kit/component_values.h"
#include "kit/file_keys.h"
#include "kit/files.h"
#include "kit/program.h"
#include "output_file.h"

namespace gantry::custom {
namespace {

class CustomPlugin : public Plugin {
 public:
  static PluginInfo Info() {
    PluginInfo info{"custom", "0.1.0", "Runs the user's own commands, one per operation",
                    {"custom"}, {"*"}, GANTRY_CAP_CONCURRENT | GANTRY_CAP_SAVED_PLANS};
    // Saved plans: a custom component has no plan of its own, only its commands and their
    // inputs, which the host keeps with the plan and checks unchanged before an apply
    // from it; applying it means running its apply command on those very inputs.
    info.settings = std::vector<Setting>{
        {"commands", GANTRY_SETTING_TABLE, GANTRY_SETTING_STRING | GANTRY_SETTING_LIST,
         0, "", {},  // required, but its own message shows an example
         "the command of each operation (commands.apply = [\"./deploy.sh\"]): an argv list, "
         "or a string with shell = true"},
        {"shell", GANTRY_SETTING_BOOL, 0, 0, "false", {},
         "run each command as one string through /bin/sh -c"},
        {"produces", GANTRY_SETTING_LIST, GANTRY_SETTING_STRING, 0, "[]", {},
         "files the commands write for other components (relative to source, or to the "
         "project without one): a component reading one runs after this one"},
    };
    return info;
  }

  Status Validate(Call& call, const Component& component) override {
    std::vector<SettingProblem> errors;
    ParseCustomSettings(component.settings_json, component.vars_json, errors);
    for (const SettingProblem& error : errors) call.Error(error.setting, error.message);
    return errors.empty() ? Status::kOk : Status::kFailed;
  }

  // A file this component produces is a key: a component that reads it (an ansible
  // inventory, a packer var file) needs the key, and the host orders the two.
  Status Discover(Call& call, const Component& component) override {
    std::vector<SettingProblem> errors;
    const CustomSettings settings =
        ParseCustomSettings(component.settings_json, component.vars_json, errors);
    const std::string_view base =
        component.source_dir.empty() ? component.project_dir : component.source_dir;
    for (const std::string& path : settings.produces) (void)call.ProvideKey(kit::FileKey(base, path));
    return Status::kOk;
  }

  Status Execute(Call& call, const Component& component, std::string_view operation) override {
    std::vector<SettingProblem> errors;
    CustomSettings settings =
        ParseCustomSettings(component.settings_json, component.vars_json, errors);
    for (const SettingProblem& error : errors) call.Error(error.setting, error.message);
    if (!errors.empty()) return Status::kFailed;

    const auto command = settings.commands.find(std::string(operation));
    if (command == settings.commands.end()) {
      call.Error("no command for operation '" + std::string(operation) + "'; add commands." +
                 std::string(operation) + " to component '" + std::string(component.name) + "'");
      return Status::kUnsupported;
    }
    if (component.work_dir.empty()) {
      call.Error("the host gave no work directory");
      return Status::kFailed;
    }
    const std::string output_file = std::string(component.work_dir) + "/.gantry-output";
    std::remove(output_file.c_str());

    SpawnOptions spawn;
    spawn.argv = command->second;
    for (const auto& [name, value] : settings.environment) spawn.env.push_back(name + "=" + value);
    spawn.env.push_back("GANTRY_OUTPUT=" + output_file);
    spawn.env.push_back("GANTRY_COMPONENT=" + std::string(component.name));
    spawn.env.push_back("GANTRY_OPERATION=" + std::string(operation));
    spawn.env.push_back("GANTRY_TARGET=" + std::string(component.target));
    spawn.env.push_back("GANTRY_SOURCE_DIR=" + std::string(component.source_dir));
    spawn.env.push_back("GANTRY_STATE_DIR=" + std::string(component.state_dir));
    spawn.env.push_back("GANTRY_PROJECT_DIR=" + std::string(component.project_dir));

    const SpawnResult result = call.Spawn(spawn);
    if (!result.started) return Status::kFailed;
    if (result.cancelled) return Status::kCancelled;
    if (result.exit_code != 0) {
      std::ostringstream why;
      why << "command '" << spawn.argv[0] << "' " << kit::EndText(result);
      call.Error(why.str());
      return Status::kFailed;
    }
    return RecordOutputs(call, output_file, kit::SensitiveNames(component.sensitive_json));
  }

 private:
  static Status RecordOutputs(Call& call, const std::string& path,
                              const std::set<std::string>& sensitive) {
    std::vector<std::string> errors;
    const std::optional<std::string> text = kit::ReadFile(path);
    if (!text) return Status::kOk;  // the command set no outputs
    for (const auto& [key, value] : ParseOutputs(*text, errors)) {
      const uint32_t flags = sensitive.count(key) != 0 ? GANTRY_OUTPUT_SENSITIVE : 0u;
      if (call.SetOutput(key, value, flags) != Status::kOk)
        errors.push_back("$GANTRY_OUTPUT: gantry refused the output '" + key +
                         "' (the warning above says why)");
    }
    for (const std::string& error : errors) call.Error(error);
    std::remove(path.c_str());
    return errors.empty() ? Status::kOk : Status::kFailed;
  }
};

}  // namespace
}  // namespace gantry::custom

GANTRY_PLUGIN(gantry::custom::CustomPlugin)
