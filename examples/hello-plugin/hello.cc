// The smallest useful Gantry plugin: component type "hello".
//
//   [components.greeter]
//   type = "hello"
//
// `gantry apply greeter` prints "hello from greeter (apply)" and sets the output
// greeter.greeting, which other components can reference as ${greeter.greeting}.
#include <string>
#include <string_view>

#include "gantry/plugin.hpp"

namespace {

class Hello : public gantry::Plugin {
 public:
  static gantry::PluginInfo Info() {
    gantry::PluginInfo info;
    info.name = "hello";
    info.version = "1.0.0";
    info.description = "Says hello (the out-of-tree example plugin)";
    info.component_types = {"hello"};
    info.capabilities = GANTRY_CAP_CONCURRENT;  // no shared state: safe to run in parallel
    return info;
  }

  gantry::Status Execute(gantry::Call& call, const gantry::Component& component,
                         std::string_view operation) override {
    const std::string name(component.name);
    call.Out("hello from " + name + " (" + std::string(operation) + ")\n");
    return call.SetOutput("greeting", "hello, " + name);
  }
};

}  // namespace

GANTRY_PLUGIN(Hello)
