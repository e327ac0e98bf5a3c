#include "kit/common_settings.h"

#include "gantry/plugin.hpp"
#include "kit/duration_text.h"

namespace gantry::kit {

bool IsEnvName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

bool IsInsideRelative(std::string_view path) {
  if (!path.empty() && path.front() == '/') return false;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    if (path.substr(0, slash) == "..") return false;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return true;
}

std::map<std::string, std::string> ReadEnv(const Settings& settings,
                                           std::vector<SettingProblem>& problems) {
  std::map<std::string, std::string> env;
  Guarded(problems, "env", [&] { env = settings.StringMap("env"); });
  for (const auto& [name, value] : env)
    if (!IsEnvName(name))
      problems.push_back({"env." + name, "env." + name + ": '" + name +
                                             "' is not an environment variable name (letters, "
                                             "digits and '_', not starting with a digit)"});
  return env;
}

std::map<std::string, std::vector<std::string>> ReadArgs(
    const Settings& settings, const std::vector<std::string_view>& commands,
    std::string_view tool, std::vector<SettingProblem>& problems) {
  std::map<std::string, std::vector<std::string>> args;
  const json::Value* table = settings.Get("args");
  if (table == nullptr || table->is_null()) return args;
  std::string known_list;
  for (std::string_view command : commands)
    known_list += (known_list.empty() ? "" : ", ") + std::string(command);
  if (!table->is_object()) {
    problems.push_back({"args", "args must be a table of argument lists per command (" +
                                    known_list + "), e.g. args." + std::string(commands.front()) +
                                    " = [\"...\"]"});
    return args;
  }
  for (const auto& [command, value] : table->as_object()) {
    const std::string path = "args." + command;
    bool known = false;
    for (std::string_view name : commands) known = known || name == command;
    if (!known) {
      std::string message =
          path + ": " + std::string(tool) + " command '" + command + "' is not one gantry runs";
      if (const std::string near = DidYouMean(command, commands); !near.empty())
        message += "; did you mean 'args." + near + "'?";
      else
        message += "; args may be given for: " + known_list;
      problems.push_back({path, message});
      continue;
    }
    Guarded(problems, path, [&] { args[command] = settings.Strings(path); });
  }
  return args;
}

std::chrono::milliseconds ReadStopTimeout(const Settings& settings,
                                          std::chrono::milliseconds fallback,
                                          std::vector<SettingProblem>& problems) {
  std::chrono::milliseconds timeout = fallback;
  Guarded(problems, "stop_timeout", [&] {
    if (!settings.Has("stop_timeout")) return;
    const std::string text = settings.String("stop_timeout");
    const auto duration = ParseDuration(text);
    if (!duration || duration->count() <= 0)
      problems.push_back({"stop_timeout", "stop_timeout '" + text +
                                              "' is not a duration: write e.g. \"90s\" or "
                                              "\"2m\" (units ms, s, m, h)"});
    else
      timeout = *duration;
  });
  return timeout;
}

std::string ReadInsidePath(const Settings& settings, std::string_view name,
                           std::string_view example, std::vector<SettingProblem>& problems) {
  std::string path;
  Guarded(problems, name, [&] { path = settings.String(name); });
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  if (path == ".") path.clear();
  if (!path.empty() && !IsInsideRelative(path))
    problems.push_back({std::string(name),
                        std::string(name) + " '" + path +
                            "' must be inside source, written relative to it without '..' "
                            "(e.g. " + std::string(name) + " = \"" + std::string(example) +
                            "\")"});
  return path;
}

Settings ParseSettingsJson(std::string_view settings_json, std::vector<SettingProblem>& problems) {
  try {
    return Settings(settings_json);
  } catch (const std::exception& e) {
    problems.push_back({"", std::string("settings are not valid: ") + e.what()});
    return Settings();
  }
}

}  // namespace gantry::kit
