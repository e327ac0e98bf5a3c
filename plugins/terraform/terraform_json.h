// Reading what terraform prints as JSON (`output -json`, `show -json PLAN`) and its
// one-line apply and destroy summaries.
#ifndef GANTRY_PLUGINS_TERRAFORM_TERRAFORM_JSON_H_
#define GANTRY_PLUGINS_TERRAFORM_TERRAFORM_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/plugin.hpp"

namespace gantry::terraform {

/// One root module output, as gantry records it.
struct OutputValue {
  std::string name;
  /// A string output's text; any other type's JSON text.
  std::string value;
  bool is_json = false;
  bool sensitive = false;
};

/// Parses `terraform output -json`. Throws std::runtime_error saying what is wrong when
/// the text is not what terraform prints.
std::vector<OutputValue> ParseOutputs(std::string_view text);

/// The outputs a plan (`terraform show -json PLAN`) knows the values of, as they will be
/// once it is applied: planned_values.outputs, flagged as ParseOutputs flags them. An
/// output known only in part, or not at all (it depends on what the apply creates), is
/// left out: terraform gives it no value there, and marks it in output_changes'
/// after_unknown. Throws std::runtime_error on text that is not a plan.
std::vector<OutputValue> ParsePlannedOutputs(std::string_view text);

/// Counts a saved plan's resource changes from `terraform show -json PLAN`: a create is
/// an add, an update a change, a delete a destroy, a replacement one add and one destroy;
/// reads and no-ops are not counted. has_changes is set when any count is above zero or
/// the plan changes an output. Throws std::runtime_error on text that is not a plan.
Changes ParsePlanChanges(std::string_view text);

/// The counts of a line "Apply complete! Resources: 1 added, 0 changed, 0 destroyed." or
/// "Destroy complete! Resources: 2 destroyed." (colour codes allowed), or nullopt for any
/// other line.
std::optional<Changes> ParseCompletionLine(std::string_view line);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_TERRAFORM_JSON_H_
