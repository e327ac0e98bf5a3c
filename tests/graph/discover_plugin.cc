// Test plugin for type "finder": its discover hook reports every name listed in the
// component's `finds` setting as a dependency, with reason "found in <name>.cfg"; its
// validate warns about a setting `old` (a warning pointing at a setting, failing nothing).
// Keys: `provides = ["k"]` (provide_key) and `needs = { k = "why" }` (need_key, with that
// reason), reported by discover, or by the hook `keys_in` names ("validate", "execute"),
// where the host refuses them: execute then prints "<call> refused". Files (0.8):
// `files = { "../lib" = "why" }` (report_file, with that reason; "" for none).
#include <string>
#include <string_view>
#include <vector>

#include "gantry/json.hpp"
#include "gantry/plugin.hpp"

namespace {

namespace json = gantry::json;

// The string setting `key`, or `fallback` when absent (a null one throws, as any other type).
std::string StringOr(const json::Value& settings, std::string_view key,
                     std::string_view fallback) {
  const json::Value* value = settings.find(key);
  return value != nullptr ? value->as_string() : std::string(fallback);
}

// The list setting `key`; empty when absent.
const json::Array& ListOr(const json::Value& settings, std::string_view key) {
  static const json::Array kNone;
  const json::Value* value = settings.find(key);
  return value != nullptr ? value->as_array() : kNone;
}

class FinderPlugin : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    return {"finder", "1.0.0", "discovers dependencies from its settings", {"finder"}, {}, 0};
  }
  gantry::Status Validate(gantry::Call& call, const gantry::Component& c) override {
    const json::Value settings = json::Parse(c.settings_json);
    if (settings.find("old") != nullptr) call.Warn("old", "is ignored since finder 1.0; remove it");
    if (StringOr(settings, "keys_in", "") == "validate") ReportKeys(call, settings);
    return gantry::Status::kOk;
  }
  gantry::Status Discover(gantry::Call& call, const gantry::Component& c) override {
    const json::Value settings = json::Parse(c.settings_json);
    for (const json::Value& name : ListOr(settings, "finds"))
      if (call.AddDependency(name.as_string(), "found in " + std::string(c.name) + ".cfg") !=
          gantry::Status::kOk)
        return gantry::Status::kFailed;
    if (StringOr(settings, "keys_in", "discover") != "discover") return gantry::Status::kOk;
    return ReportKeys(call, settings).empty() ? gantry::Status::kOk : gantry::Status::kFailed;
  }
  gantry::Status Execute(gantry::Call& call, const gantry::Component& c,
                         std::string_view) override {
    const json::Value settings = json::Parse(c.settings_json);
    if (StringOr(settings, "keys_in", "") == "execute")
      for (const std::string& refused : ReportKeys(call, settings)) call.Out(refused + " refused\n");
    return gantry::Status::kOk;
  }

 private:
  // Reports the keys of `provides` and `needs`; returns the calls the host refused.
  static std::vector<std::string> ReportKeys(gantry::Call& call, const json::Value& settings) {
    std::vector<std::string> refused;
    for (const json::Value& key : ListOr(settings, "provides"))
      if (call.ProvideKey(key.as_string()) != gantry::Status::kOk)
        refused.push_back("provide_key(" + key.as_string() + ")");
    // In document order, which is key order: the host writes settings with sorted keys.
    const json::Value* needs = settings.find("needs");
    if (needs != nullptr)
      for (const auto& [key, reason] : needs->as_object())
        if (call.NeedKey(key, reason.as_string()) != gantry::Status::kOk)
          refused.push_back("need_key(" + key + ")");
    const json::Value* files = settings.find("files");
    if (files != nullptr)
      for (const auto& [path, reason] : files->as_object())
        if (call.ReportFile(path, reason.as_string()) != gantry::Status::kOk)
          refused.push_back("report_file(" + path + ")");
    return refused;
  }
};

}  // namespace

GANTRY_PLUGIN(FinderPlugin)
