// Test plugin for type "finder": its discover hook reports every name listed in the
// component's `finds` setting as a dependency, with reason "found in <name>.cfg".
#include <nlohmann/json.hpp>

#include "gantry/plugin.hpp"

namespace {

class FinderPlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    return {"finder", "1.0.0", "discovers dependencies from its settings", {"finder"}, {}, 0};
  }
  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    const auto settings = nlohmann::json::parse(c.settings_json);
    for (const auto& name : settings.value("finds", nlohmann::json::array()))
      call.AddDependency(name.get<std::string>(), "found in " + std::string(c.name) + ".cfg");
    return gantry::Status::kOk;
  }
  gantry::Status Execute(gantry::Call&, const gantry::Component&, std::string_view) override {
    return gantry::Status::kOk;
  }
};

}  // namespace

GANTRY_PLUGIN(FinderPlugin)
