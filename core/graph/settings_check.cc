#include "core/graph/settings_check.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/config/suggest.h"

namespace gantry::graph {
namespace {

using nlohmann::json;

uint32_t KindOf(const json& value) {
  switch (value.type()) {
    case json::value_t::string: return GANTRY_SETTING_STRING;
    case json::value_t::boolean: return GANTRY_SETTING_BOOL;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return GANTRY_SETTING_INTEGER | GANTRY_SETTING_NUMBER;
    case json::value_t::number_float: return GANTRY_SETTING_NUMBER;
    case json::value_t::array: return GANTRY_SETTING_LIST;
    case json::value_t::object: return GANTRY_SETTING_TABLE;
    default: return 0;
  }
}

class Checker {
 public:
  Checker(const config::ComponentConfig& component, const std::string& plugin,
          config::Diagnostics& diagnostics)
      : component_(component), plugin_(plugin), diagnostics_(diagnostics) {}

  void Problem(const std::string& path, const std::string& message) {
    auto it = component_.key_locations.find(path);
    diagnostics_.Error(it != component_.key_locations.end() ? it->second : component_.location,
                       absl::StrCat("component '", component_.name, "' (", component_.type,
                                    "): ", message));
    ok_ = false;
    if (!path.empty()) refused_.insert(path.substr(0, path.find('.')));
  }

  void Check(const std::vector<plugin::SettingSpec>& specs) {
    std::vector<std::string> names;
    for (const plugin::SettingSpec& spec : specs) names.push_back(spec.name);
    for (const auto& [key, value] : component_.settings.items()) {
      auto spec = std::find_if(specs.begin(), specs.end(),
                               [&](const plugin::SettingSpec& s) { return s.name == key; });
      if (spec == specs.end()) {
        Problem(key, absl::StrCat("unknown setting '", key, "'", config::DidYouMean(key, names),
                                  "; ", plugin_, " takes ",
                                  names.empty() ? "no settings" : absl::StrJoin(names, ", "),
                                  " (see gantry plugins info ", plugin_, ")"));
        continue;
      }
      CheckValue(*spec, key, value, spec->types, /*top=*/true);
    }
    for (const plugin::SettingSpec& spec : specs) {
      if (spec.required() && !component_.settings.contains(spec.name))
        Problem("", absl::StrCat("missing setting '", spec.name, "' (", plugin::KindsText(spec.types),
                                 spec.description.empty() ? "" : ": ", spec.description,
                                 "); add it to the component's table"));
    }
  }

  bool ok() const { return ok_; }
  const std::set<std::string>& refused() const { return refused_; }

 private:
  /// `top`: the setting itself, whose list items or table values are checked in turn
  /// against item_types (one level deep).
  void CheckValue(const plugin::SettingSpec& spec, const std::string& path, const json& value,
                  uint32_t kinds, bool top, bool item = false) {
    if (kinds != 0 && (KindOf(value) & kinds) == 0) {
      Problem(path, absl::StrCat(item ? "each item of " : "", "'", path, "' must be ",
                                 plugin::KindsText(kinds), ", not ", Shown(value)));
      return;
    }
    if (value.is_string() && !spec.allowed.empty() &&
        std::find(spec.allowed.begin(), spec.allowed.end(), value.get<std::string>()) ==
            spec.allowed.end()) {
      const std::string text = value.get<std::string>();
      Problem(path, absl::StrCat("'", path, "' cannot be \"", text, "\"",
                                 config::DidYouMean(text, spec.allowed), "; it takes ",
                                 absl::StrJoin(spec.allowed, ", ")));
      return;
    }
    if (!top) return;
    if (value.is_array()) {
      for (const json& each : value)
        CheckValue(spec, path, each, spec.item_types, /*top=*/false, /*item=*/true);
    } else if (value.is_object()) {
      for (const auto& [key, inner] : value.items())
        CheckValue(spec, absl::StrCat(path, ".", key), inner, spec.item_types, /*top=*/false);
    }
  }

  static std::string Shown(const json& value) {
    switch (KindOf(value)) {
      case GANTRY_SETTING_STRING: return "a string";
      case GANTRY_SETTING_BOOL: return "a boolean";
      case GANTRY_SETTING_INTEGER | GANTRY_SETTING_NUMBER: return "an integer";
      case GANTRY_SETTING_NUMBER: return "a number";
      case GANTRY_SETTING_LIST: return "a list";
      case GANTRY_SETTING_TABLE: return "a table";
      default: return "nothing";
    }
  }

  const config::ComponentConfig& component_;
  const std::string& plugin_;
  config::Diagnostics& diagnostics_;
  bool ok_ = true;
  std::set<std::string> refused_;
};

}  // namespace

bool CheckSettings(const config::ComponentConfig& component, const std::string& plugin,
                   const std::vector<plugin::SettingSpec>& specs,
                   config::Diagnostics& diagnostics, std::set<std::string>* refused) {
  Checker checker(component, plugin, diagnostics);
  checker.Check(specs);
  if (refused != nullptr) *refused = checker.refused();
  return checker.ok();
}

}  // namespace gantry::graph
