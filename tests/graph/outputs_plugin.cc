// Test plugins that declare their outputs, built twice from this file:
// - "keeper" (KEEPER_STATIC): declares outputs `token` (sensitive) and `url` statically;
// - "tf": declares none statically (an empty list) and, from discover, one per
//   `output "NAME" {` line in the component's *.tf files, like terraform.
// Both take `values` (a table of strings, holding references) and `note` (a string, no
// references). Execute prints the settings it received (`received: {...}`) and sets each
// entry of `values` as an output, declared or not. `status` (an integer) is what execute
// then returns, reporting nothing: a buggy plugin, for the messages that name one.
#include <filesystem>
#include <fstream>
// Not gantry/json.hpp: execute forwards a non-string value as its dump(), and that
// header's Dump() writes some doubles differently (1e+06 for 1000000.0).
#include <nlohmann/json.hpp>
#include <string>

#include "gantry/plugin.hpp"

namespace {

class OutputsPlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    gantry::PluginInfo info;
#ifdef KEEPER_STATIC
    info.name = info.description = "keeper";
    info.outputs = std::vector<gantry::Output>{{"token", true, "the API token"},
                                               {"url", false, "where it listens"}};
#else
    info.name = info.description = "tf";
    info.outputs = std::vector<gantry::Output>{};
#endif
    info.version = "1.0.0";
    info.component_types = {info.name};
    gantry::Setting values{"values", GANTRY_SETTING_TABLE, GANTRY_SETTING_STRING,
                           GANTRY_SETTING_REFERENCES, "", {}, "outputs to set"};
    gantry::Setting note{"note", GANTRY_SETTING_STRING, 0, 0, "", {}, "a remark"};
    gantry::Setting status{"status", GANTRY_SETTING_INTEGER, 0, 0, "0", {}, "what execute returns"};
    info.settings = std::vector<gantry::Setting>{values, note, status};
    return info;
  }

  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    if (c.source_dir.empty()) return gantry::Status::kOk;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(c.source_dir), ec)) {
      if (entry.path().extension() != ".tf") continue;
      std::ifstream in(entry.path());
      const std::string prefix = "output \"";
      for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix, 0) != 0) continue;
        const std::string name = line.substr(prefix.size(), line.find('"', prefix.size()) - prefix.size());
        if (call.DeclareOutput(name, name.rfind("secret", 0) == 0) != gantry::Status::kOk)
          return gantry::Status::kFailed;
      }
    }
    return gantry::Status::kOk;
  }

  gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
                         std::string_view) override {
    call.Out("received: " + std::string(c.settings_json) + "\n");
    const auto settings = nlohmann::json::parse(c.settings_json);
    const nlohmann::json values =
        settings.contains("values") ? settings["values"] : nlohmann::json::object();
    for (const auto& [key, value] : values.items()) {
      if (call.SetOutput(key, value.is_string() ? value.get<std::string>() : value.dump(),
                         value.is_string() ? 0u : GANTRY_OUTPUT_JSON) != gantry::Status::kOk)
        return gantry::Status::kFailed;
    }
    return static_cast<gantry::Status>(settings.value("status", 0));
  }
};

}  // namespace

GANTRY_PLUGIN(OutputsPlugin)
