#include "custom_settings.h"

#include <algorithm>

#include "gantry/json.hpp"
#include "gantry/plugin.hpp"
#include "kit/common_settings.h"

namespace gantry::custom {
namespace {

using json::Value;

// A table's members sorted by key: the order in which problems are reported and the order
// of a table dumped into an environment variable do not depend on the order of the text.
std::vector<const std::pair<std::string, Value>*> SortedMembers(const Value& table) {
  std::vector<const std::pair<std::string, Value>*> members;
  for (const auto& member : table.as_object()) members.push_back(&member);
  std::sort(members.begin(), members.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  return members;
}

// Compact JSON text with every table's keys sorted.
void DumpSorted(const Value& value, std::string& out) {
  if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out += ',';
      DumpSorted(value.as_array()[i], out);
    }
    out += ']';
  } else if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto* member : SortedMembers(value)) {
      if (!first) out += ',';
      first = false;
      out += Value(member->first).Dump();
      out += ':';
      DumpSorted(member->second, out);
    }
    out += '}';
  } else {
    out += value.Dump();
  }
}

std::string Dump(const Value& value) {
  std::string out;
  DumpSorted(value, out);
  return out;
}

void ParseCommand(const std::string& op, const Value& value, bool shell, CustomSettings& out,
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
    } else if (!value.is_string() || value.as_string().empty()) {
      errors.push_back({key, key + " is missing its command: with shell = true give one non-empty "
                             "string, e.g. " + key + " = \"make deploy\""});
    } else {
      out.commands[op] = {"/bin/sh", "-c", value.as_string()};
    }
    return;
  }
  if (value.is_string()) {
    errors.push_back({key, key + " is a string, but commands are argv arrays: write " + key +
                     " = [\"program\", \"arg\"], or set shell = true to run it with /bin/sh -c"});
    return;
  }
  if (!value.is_array() || value.size() == 0) {
    errors.push_back({key, key + " is missing its command: give an argv array such as " + key +
                     " = [\"./deploy.sh\", \"--yes\"]"});
    return;
  }
  std::vector<std::string> argv;
  for (const Value& arg : value.as_array()) {
    if (!arg.is_string()) {
      errors.push_back({key, key + " must hold only strings, found " + Dump(arg)});
      return;
    }
    argv.push_back(arg.as_string());
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
  Value settings;
  Value vars;
  try {
    settings = json::Parse(settings_json);
    vars = json::Parse(vars_json);
  } catch (const json::ParseError&) {
    // Left null: reported below.
  }
  if (!settings.is_object() || !vars.is_object()) {
    errors.push_back({"", "the host passed settings that are not JSON objects"});
    return out;
  }
  // Unknown keys and kinds are the host's to report: the plugin declares its settings
  // (custom_plugin.cc).
  if (const Value* shell = settings.find("shell"); shell != nullptr && shell->is_bool())
    out.shell = shell->as_bool();
  if (const Value* produces = settings.find("produces"); produces != nullptr && produces->is_array())
    for (const Value& path : produces->as_array())
      if (path.is_string() && !path.as_string().empty()) out.produces.push_back(path.as_string());
  const Value* commands = settings.find("commands");
  if (commands == nullptr || (commands->is_object() && commands->size() == 0)) {
    errors.push_back({"commands", "a custom component needs commands, e.g. commands.apply = "
                                  "[\"./deploy.sh\"]"});
  } else if (commands->is_object()) {
    for (const auto* command : SortedMembers(*commands))
      ParseCommand(command->first, command->second, out.shell, out, errors);
  }
  for (const auto* var : SortedMembers(vars)) {
    const std::string& name = var->first;
    if (!kit::IsEnvName(name)) {
      errors.push_back({"vars." + name, "var '" + name +
                                             "' cannot be an environment variable name; use "
                                             "letters, digits and '_', not starting with a digit"});
      continue;
    }
    out.environment[name] = var->second.is_string() ? var->second.as_string() : Dump(var->second);
  }
  return out;
}

}  // namespace gantry::custom
