#include "core/graph/reference_placement.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/graph/reference_sites.h"
#include "core/graph/references.h"

namespace gantry::graph {
namespace {

class Placement {
 public:
  Placement(const config::ComponentConfig& component, const plugin::LoadedPlugin& plugin,
            config::Diagnostics& diagnostics)
      : component_(component), diagnostics_(diagnostics), allowed_(ReferenceSettings(&plugin)) {}

  void Check() {
    for (const auto& [key, value] : component_.settings.items())
      if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
        ForEachString(value, key, [this](const std::string& path, const std::string& text) {
          CheckText(path, text);
        });
    // The common keys gantry reads itself; vars is where references belong.
    CheckText("type", component_.type);
    CheckText("source", component_.source_dir);
    CheckText("group", component_.group);
    for (const std::string& s : component_.depends_on) CheckText("depends_on", s);
    for (const std::string& s : component_.sensitive) CheckText("sensitive", s);
    for (const std::string& s : component_.retry_on) CheckText("retry_on", s);
  }

 private:
  void CheckText(const std::string& path, const std::string& text) {
    std::vector<std::string> shapes = ReferenceShapes(text);
    shapes.erase(std::unique(shapes.begin(), shapes.end()), shapes.end());
    for (const std::string& shape : shapes) {
      diagnostics_.Error(
          LocationOf(component_, path),
          absl::StrCat("component '", component_.name, "' (", component_.type, "): ", shape,
                       " in ", path,
                       ": output references are allowed only in vars and in settings its "
                       "plugin declares as holding references (",
                       allowed_.empty() ? "none for this type" : absl::StrJoin(allowed_, ", "),
                       "); write $${ for a literal ${"));
    }
  }

  const config::ComponentConfig& component_;
  config::Diagnostics& diagnostics_;
  const std::vector<std::string> allowed_;
};

}  // namespace

void CheckReferencePlacement(const config::ComponentConfig& component,
                             const plugin::LoadedPlugin& plugin, config::Diagnostics& diagnostics) {
  Placement(component, plugin, diagnostics).Check();
}

}  // namespace gantry::graph
