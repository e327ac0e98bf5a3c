// Test plugin for type "finder": its discover hook reports every name listed in the
// component's `finds` setting as a dependency, with reason "found in <name>.cfg"; its
// validate warns about a setting `old` (a warning pointing at a setting, failing nothing).
#include <nlohmann/json.hpp>

#include "gantry/plugin.hpp"

namespace {

class FinderPlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    return {"finder", "1.0.0", "discovers dependencies from its settings", {"finder"}, {}, 0};
  }
  gantry::Status Validate(gantry::Call& call, const gantry::Component& c) override {
    if (nlohmann::json::parse(c.settings_json).contains("old"))
      call.Warn("old", "is ignored since finder 1.0; remove it");
    return gantry::Status::kOk;
  }
  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    const auto settings = nlohmann::json::parse(c.settings_json);
    for (const auto& name : settings.value("finds", nlohmann::json::array()))
      if (call.AddDependency(name.get<std::string>(), "found in " + std::string(c.name) + ".cfg") !=
          gantry::Status::kOk)
        return gantry::Status::kFailed;
    return gantry::Status::kOk;
  }
  gantry::Status Execute(gantry::Call&, const gantry::Component&, std::string_view) override {
    return gantry::Status::kOk;
  }
};

}  // namespace

GANTRY_PLUGIN(FinderPlugin)
