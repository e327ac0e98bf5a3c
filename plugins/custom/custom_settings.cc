#include "custom_settings.h"

#include <nlohmann/json.hpp>

#include "gantry/plugin.hpp"

namespace gantry::custom {
namespace {

using nlohmann::json;

bool IsEnvName(const std::string& name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

void ParseCommand(const std::string& op, const json& value, bool shell, CustomSettings& out,
                  std::vector<SettingProblem>& errors) {
  const std::string key = "commands." + op;
  // Any name is a valid operation (`gantry run lint`), but one a typo away from a
  // standard one is almost surely that typo: unflagged, apply would find no command and
  // do nothing.
  if (const std::string near = DidYouMean(op, {"plan", "apply", "destroy"}); !near.empty()) {
    errors.push_back({key, key + ": unknown operation; did you mean '" + near + "'?"});
    return;
  }
  if (shell) {
    if (value.is_array()) {
      errors.push_back({key, key + " is an argv array, but shell = true takes one string for /bin/sh -c; "
                             "write it as a string, or remove shell = true"});
    } else if (!value.is_string() || value.get<std::string>().empty()) {
      errors.push_back({key, key + " is missing its command: with shell = true give one non-empty "
                             "string, e.g. " + key + " = \"make deploy\""});
    } else {
      out.commands[op] = {"/bin/sh", "-c", value.get<std::string>()};
    }
    return;
  }
  if (value.is_string()) {
    errors.push_back({key, key + " is a string, but commands are argv arrays: write " + key +
                     " = [\"program\", \"arg\"], or set shell = true to run it with /bin/sh -c"});
    return;
  }
  if (!value.is_array() || value.empty()) {
    errors.push_back({key, key + " is missing its command: give an argv array such as " + key +
                     " = [\"./deploy.sh\", \"--yes\"]"});
    return;
  }
  std::vector<std::string> argv;
  for (const json& arg : value) {
    if (!arg.is_string()) {
      errors.push_back({key, key + " must hold only strings, found " + arg.dump()});
      return;
    }
    argv.push_back(arg.get<std::string>());
  }
  if (argv[0].empty()) {
    errors.push_back({key, key + " has an empty program name"});
    return;
  }
  out.commands[op] = std::move(argv);
}

}  // namespace

CustomSettings ParseCustomSettings(std::string_view settings_json, std::string_view vars_json,
                                   std::vector<SettingProblem>& errors) {
  CustomSettings out;
  const json settings = json::parse(settings_json, nullptr, /*allow_exceptions=*/false);
  const json vars = json::parse(vars_json, nullptr, /*allow_exceptions=*/false);
  if (!settings.is_object() || !vars.is_object()) {
    errors.push_back({"", "the host passed settings that are not JSON objects"});
    return out;
  }
  // Unknown keys and kinds are the host's to report: the plugin declares its settings
  // (custom_plugin.cc).
  if (const auto shell = settings.find("shell"); shell != settings.end() && shell->is_boolean())
    out.shell = shell->get<bool>();
  const auto commands = settings.find("commands");
  if (commands == settings.end() || (commands->is_object() && commands->empty())) {
    errors.push_back({"commands", "a custom component needs commands, e.g. commands.apply = "
                                  "[\"./deploy.sh\"]"});
  } else if (commands != settings.end() && commands->is_object()) {
    for (const auto& [op, value] : commands->items()) ParseCommand(op, value, out.shell, out, errors);
  }
  for (const auto& [name, value] : vars.items()) {
    if (!IsEnvName(name)) {
      errors.push_back({"vars." + name, "var '" + name +
                                             "' cannot be an environment variable name; use "
                                             "letters, digits and '_', not starting with a digit"});
      continue;
    }
    out.environment[name] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return out;
}

}  // namespace gantry::custom
