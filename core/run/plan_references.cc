#include "core/run/plan_references.h"

#include "absl/strings/str_cat.h"
#include "core/state/saved_plan_record.h"

namespace gantry::run {

std::optional<graph::OutputText> PlanReferences::Lookup(const std::string& component,
                                                        const std::string& output) {
  const std::string reference = absl::StrCat(component, ".", output);
  std::optional<graph::OutputText> found = book_.LookupPlanned(component, output);
  if (found) {
    planned_.insert(reference);
  } else {
    found = book_.Lookup(component, output);
  }
  if (!found) {
    // A producer with recorded outputs but not this one is a mistake in the reference
    // (said as for any run), not something an apply will fix.
    const std::optional<std::vector<std::string>> names = book_.Names(component);
    if (names && !names->empty()) return std::nullopt;
    auto placeholder = placeholders_.find(reference);
    if (placeholder == placeholders_.end()) {
      blocked_on_.insert(component);
      unknown_.insert(reference);
      return std::nullopt;
    }
    used_.insert(reference);
    const nlohmann::json& value = placeholder->second;
    found = value.is_string() ? graph::OutputText{value.get<std::string>(), false}
                              : graph::OutputText{value.dump(), true};
  }
  values_[reference] = state::ValueFingerprint(found->value, found->is_json);
  return found;
}

}  // namespace gantry::run
