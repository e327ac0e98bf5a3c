// How `gantry plan` gives a component the outputs it references when their producers
// have not been applied: this run's planned value, else the recorded one, else the
// component's plan_defaults placeholder; and what it had to use.
#ifndef GANTRY_CORE_RUN_PLAN_REFERENCES_H_
#define GANTRY_CORE_RUN_PLAN_REFERENCES_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/graph/references.h"
#include "core/run/output_book.h"
#include "nlohmann/json.hpp"

namespace gantry::run {

/// One component's references during a plan. Not thread-safe: one per component run.
class PlanReferences {
 public:
  /// `placeholders`: the component's plan_defaults, "network/vpc.vpc_id" -> value.
  PlanReferences(OutputBook& book, const std::map<std::string, nlohmann::json>& placeholders)
      : book_(book), placeholders_(placeholders) {}

  /// For graph::SubstituteReferences. A planned value wins over a recorded one: it is
  /// what the value will be once the plan is applied.
  std::optional<graph::OutputText> Lookup(const std::string& component, const std::string& output);

  /// "component.output" of each reference given a planned value, sorted.
  std::vector<std::string> planned() const { return {planned_.begin(), planned_.end()}; }
  /// "component.output" of each reference given a placeholder, sorted.
  std::vector<std::string> placeholders() const { return {used_.begin(), used_.end()}; }
  /// The producers of references that have no value at all (never applied, unknown to
  /// this run's plan, no placeholder): the component is blocked on them. Sorted.
  std::vector<std::string> blocked_on() const { return {blocked_on_.begin(), blocked_on_.end()}; }
  /// "component.output" of those references, sorted.
  std::vector<std::string> unknown() const { return {unknown_.begin(), unknown_.end()}; }

  /// Each reference's value as it was used, "component.output" -> its
  /// state::ValueFingerprint: what an apply of the saved plan must find again.
  const std::map<std::string, std::string>& used_values() const { return values_; }

 private:
  OutputBook& book_;
  const std::map<std::string, nlohmann::json>& placeholders_;
  std::set<std::string> planned_, used_, blocked_on_, unknown_;
  std::map<std::string, std::string> values_;
};

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_PLAN_REFERENCES_H_
