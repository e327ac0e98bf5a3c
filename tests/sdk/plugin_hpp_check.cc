// Compiles plugin.hpp with every template instantiated, as C++17 and C++20 with
// -Wall -Wextra -pedantic -Werror (an object library: the build is the test).
#include "gantry/plugin.hpp"

#include <string>
#include <string_view>

namespace {

class HeaderCheck : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() { return {"check", "1.0.0", "", {"check"}, {"*"}, 0}; }

  gantry::Status Validate(gantry::Call& call, const gantry::Component& component) override {
    if (component.settings_json.empty()) call.Error("empty settings");
    return gantry::Status::kOk;
  }
  gantry::Status Discover(gantry::Call& call, const gantry::Component&) override {
    return call.AddDependency("other", "because");
  }
  gantry::Status Execute(gantry::Call& call, const gantry::Component& component,
                         std::string_view operation) override {
    gantry::SpawnOptions options;
    options.argv = {"true", std::string(operation), std::string(component.name)};
    options.on_output = [&call](int32_t stream, std::string_view data) {
      call.Write(stream, data);
    };
    const gantry::SpawnResult result = call.Spawn(options);
    if (call.Cancelled()) return gantry::Status::kCancelled;
    if (call.SetOutput("ok", result.ok() ? "true" : "false", GANTRY_OUTPUT_JSON) !=
        gantry::Status::kOk)
      return gantry::Status::kFailed;
    call.Log(GANTRY_LOG_INFO, "done");
    call.Err("");
    return result.ok() ? gantry::Status::kOk : gantry::Status::kFailed;
  }
};

}  // namespace

GANTRY_PLUGIN(HeaderCheck)
