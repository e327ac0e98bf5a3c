#include "core/config/sensitive_names.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/config/suggest.h"

namespace gantry::config {
namespace {

void AddVarNames(const nlohmann::json& table, std::set<std::string>& names) {
  if (!table.is_object()) return;
  auto vars = table.find("vars");
  if (vars == table.end() || !vars->is_object()) return;
  for (const auto& [name, value] : vars->items()) names.insert(name);
}

// Every var the component has in some target: the names `sensitive` may list.
std::set<std::string> VarNamesInAnyTarget(
    const RawComponent& raw, const std::map<std::string, nlohmann::json>& target_overlays) {
  std::set<std::string> names;
  AddVarNames(raw.table, names);
  for (const auto& [target, overlay] : target_overlays) AddVarNames(overlay, names);
  if (auto own = raw.table.find("targets"); own != raw.table.end() && own->is_object())
    for (const auto& [target, overlay] : own->items()) AddVarNames(overlay, names);
  return names;
}

bool Listed(const ComponentConfig& component, const std::string& name) {
  return std::find(component.sensitive.begin(), component.sensitive.end(), name) !=
         component.sensitive.end();
}

}  // namespace

void CheckSensitiveNames(const RawComponent& raw, const ComponentConfig& component,
                         const std::map<std::string, nlohmann::json>& target_overlays,
                         Diagnostics& diagnostics) {
  // Most components list nothing: no set of names is made for them.
  const std::set<std::string> known = component.sensitive.empty()
                                          ? std::set<std::string>()
                                          : VarNamesInAnyTarget(raw, target_overlays);
  const std::vector<std::string> candidates(known.begin(), known.end());
  for (const std::string& name : component.sensitive) {
    if (known.count(name)) continue;
    // Plugins read the list for outputs too (the custom type's, set_stats keys), whose
    // names no one knows before the run: only a near miss of a var is a likely typo.
    const std::string suggestion = DidYouMean(name, candidates);
    if (suggestion.empty()) continue;
    diagnostics.Warning(
        LocationOf(component, "sensitive"),
        absl::StrCat("sensitive: '", name, "' is not a var of component '", component.name,
                     "' in any target", suggestion, ": it masks no var, only an output of "
                     "that name if the component sets one"));
  }
  if (!component.vars.is_object()) return;
  for (const auto& [name, value] : component.vars.items()) {
    if (!value.is_object() || Listed(component, name)) continue;
    auto flag = value.find("sensitive");
    if (flag == value.end() || *flag != true) continue;
    diagnostics.Error(
        LocationOf(component, absl::StrCat("vars.", name)),
        absl::StrCat("var '", name, "' is a table with sensitive = true, a flag gantry does "
                     "not read: the whole table would be passed on as a value, in clear; "
                     "write the value itself (vars.", name, " = \"...\") and list the name in "
                     "sensitive = [\"", name, "\"]"));
  }
}

}  // namespace gantry::config
