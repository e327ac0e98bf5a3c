// Test plugin "steps": each hook does what a setting lists, step by step, so a CLI test
// can reach every host entry point through which a plugin may hand gantry a secret.
//
// Settings: `validate`, `discover`, `execute` (lists of steps, one per hook), `token` (a
// string the type declares sensitive, which may hold references) and `status` (what execute returns after its
// steps: "ok", "failed" or "retryable").
//
// A step is "VERB ARGUMENT". In ARGUMENT, {NAME} is the value of var NAME (a string as it
// is, another value as its JSON text) or, when there is no such var, of setting NAME.
//   out TEXT                  writes TEXT and a newline on stdout
//   output NAME FLAGS TEXT    set_output; FLAGS: plain, sensitive, json or sensitive+json
//   log TEXT                  gantry_host.log, as a warning
//   error TEXT                report_error
//   warn TEXT                 report_diagnostic: a warning about the setting `token`
//   run COMMAND               spawns `/bin/sh -c COMMAND` (its output goes to the stream)
//
// nlohmann, not gantry/json.hpp: {NAME} expands a non-string value to its dump(), and
// that header's Dump() writes some doubles differently (1e+06 for 1000000.0).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gantry/plugin.hpp"

namespace {

using nlohmann::json;

// `text` with each {NAME} replaced as the file comment says; an unknown name stays.
std::string Expand(const std::string& text, const json& vars, const json& settings) {
  std::string expanded;
  size_t from = 0;
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', from)) {
    const size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    const json* value = vars.contains(name)       ? &vars[name]
                        : settings.contains(name) ? &settings[name]
                                                  : nullptr;
    expanded.append(text, from, open - from);
    if (value == nullptr) {
      expanded.append(text, open, close + 1 - open);
    } else {
      expanded.append(value->is_string() ? value->get<std::string>() : value->dump());
    }
    from = close + 1;
  }
  return expanded.append(text, from);
}

uint32_t OutputFlags(std::string_view word) {
  uint32_t flags = 0;
  if (word.find("sensitive") != std::string_view::npos) flags |= GANTRY_OUTPUT_SENSITIVE;
  if (word.find("json") != std::string_view::npos) flags |= GANTRY_OUTPUT_JSON;
  return flags;
}

// Runs the steps of `hook`; false when one could not be carried out.
bool RunSteps(const gantry::Call& call, const gantry::Component& c, const char* hook) {
  const json settings = json::parse(c.settings_json);
  const json vars = json::parse(c.vars_json);
  for (const json& step : settings.value(hook, json::array())) {
    const std::string text = step.get<std::string>();
    const size_t space = text.find(' ');
    const std::string verb = text.substr(0, space);
    const std::string argument =
        space == std::string::npos ? "" : Expand(text.substr(space + 1), vars, settings);
    if (verb == "out") {
      call.Out(argument + "\n");
    } else if (verb == "output") {
      const size_t name_end = argument.find(' ');
      const size_t flags_end =
          name_end == std::string::npos ? std::string::npos : argument.find(' ', name_end + 1);
      if (flags_end == std::string::npos) {
        call.Error("step '" + text + "' is not 'output NAME FLAGS TEXT'");
        return false;
      }
      const std::string name = argument.substr(0, name_end);
      const uint32_t flags = OutputFlags(argument.substr(name_end + 1, flags_end - name_end - 1));
      (void)call.SetOutput(name, argument.substr(flags_end + 1), flags);  // a refusal is said
    } else if (verb == "log") {
      call.Log(GANTRY_LOG_WARN, argument);
    } else if (verb == "error") {
      call.Error(argument);
    } else if (verb == "warn") {
      call.Warn("token", argument);
    } else if (verb == "run") {
      gantry::SpawnOptions spawn;
      spawn.argv = {"/bin/sh", "-c", argument};
      if (!call.Spawn(spawn).ok()) return false;
    } else {
      call.Error("unknown step '" + text + "'");
      return false;
    }
  }
  return true;
}

class StepsPlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    gantry::PluginInfo info{"steps", "1.0.0", "does what its settings list", {"steps"}, {}};
    const auto steps = [](const char* hook) {
      return gantry::Setting{hook, GANTRY_SETTING_LIST, GANTRY_SETTING_STRING, 0, "", {},
                             std::string("steps of ") + hook};
    };
    info.settings = std::vector<gantry::Setting>{
        steps("validate"), steps("discover"), steps("execute"),
        {"token", GANTRY_SETTING_STRING, 0, GANTRY_SETTING_SENSITIVE | GANTRY_SETTING_REFERENCES,
         "", {}, "a secret"},
        {"status", GANTRY_SETTING_STRING, 0, 0, "\"ok\"", {"ok", "failed", "retryable"},
         "what execute returns"}};
    return info;
  }

  gantry::Status Validate(gantry::Call& call, const gantry::Component& c) override {
    return RunSteps(call, c, "validate") ? gantry::Status::kOk : gantry::Status::kFailed;
  }

  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    return RunSteps(call, c, "discover") ? gantry::Status::kOk : gantry::Status::kFailed;
  }

  gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
                         std::string_view) override {
    if (!RunSteps(call, c, "execute")) return gantry::Status::kFailed;
    const std::string status = json::parse(c.settings_json).value("status", "ok");
    return status == "failed"      ? gantry::Status::kFailed
           : status == "retryable" ? gantry::Status::kRetryable
                                   : gantry::Status::kOk;
  }
};

}  // namespace

GANTRY_PLUGIN(StepsPlugin)
