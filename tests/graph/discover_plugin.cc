// Test plugin for type "finder": its discover hook reports every name listed in the
// component's `finds` setting as a dependency, with reason "found in <name>.cfg"; its
// validate warns about a setting `old` (a warning pointing at a setting, failing nothing).
// Keys: `provides = ["k"]` (provide_key) and `needs = { k = "why" }` (need_key, with that
// reason), reported by discover, or by the hook `keys_in` names ("validate", "execute"),
// where the host refuses them: execute then prints "<call> refused".
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gantry/plugin.hpp"

namespace {

using nlohmann::json;

class FinderPlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    return {"finder", "1.0.0", "discovers dependencies from its settings", {"finder"}, {}, 0};
  }
  gantry::Status Validate(gantry::Call& call, const gantry::Component& c) override {
    const json settings = json::parse(c.settings_json);
    if (settings.contains("old")) call.Warn("old", "is ignored since finder 1.0; remove it");
    if (settings.value("keys_in", "") == "validate") ReportKeys(call, settings);
    return gantry::Status::kOk;
  }
  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    const json settings = json::parse(c.settings_json);
    for (const auto& name : settings.value("finds", json::array()))
      if (call.AddDependency(name.get<std::string>(), "found in " + std::string(c.name) + ".cfg") !=
          gantry::Status::kOk)
        return gantry::Status::kFailed;
    if (settings.value("keys_in", "discover") != "discover") return gantry::Status::kOk;
    return ReportKeys(call, settings).empty() ? gantry::Status::kOk : gantry::Status::kFailed;
  }
  gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
                         std::string_view) override {
    const json settings = json::parse(c.settings_json);
    if (settings.value("keys_in", "") == "execute")
      for (const std::string& refused : ReportKeys(call, settings)) call.Out(refused + " refused\n");
    return gantry::Status::kOk;
  }

 private:
  // Reports the keys of `provides` and `needs`; returns the calls the host refused.
  static std::vector<std::string> ReportKeys(gantry::Call& call, const json& settings) {
    std::vector<std::string> refused;
    for (const auto& key : settings.value("provides", json::array()))
      if (call.ProvideKey(key.get<std::string>()) != gantry::Status::kOk)
        refused.push_back("provide_key(" + key.get<std::string>() + ")");
    const json needs = settings.value("needs", json::object());
    for (const auto& [key, reason] : needs.items())
      if (call.NeedKey(key, reason.get<std::string>()) != gantry::Status::kOk)
        refused.push_back("need_key(" + key + ")");
    return refused;
  }
};

}  // namespace

GANTRY_PLUGIN(FinderPlugin)
