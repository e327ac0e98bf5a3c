// A saved plan: what `gantry plan` keeps in the host's plan directory so that
// `gantry apply --from-plan` applies exactly that plan, and how to tell, without running
// terraform, that it can no longer be applied.
//
//   <plan_dir>/tfplan       terraform's plan file (plan -out=), applied as it is
//   <plan_dir>/basis.json   the state the plan was made from:
//                           {"backend": "local", "workspace": "dev", "lineage": "…", "serial": 3}
//                           or {"backend": "remote"} with the module's own backend
//
// Terraform itself refuses to apply a plan whose state has changed since ("Saved plan is
// stale"), but only once the apply runs, after the components before it have been
// applied. The basis lets the host refuse the whole apply before anything runs. Under
// the module's own backend gantry cannot read the state, so the check is terraform's
// alone.
#ifndef GANTRY_PLUGINS_TERRAFORM_SAVED_PLAN_H_
#define GANTRY_PLUGINS_TERRAFORM_SAVED_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gantry/plugin.hpp"

namespace gantry::terraform {

/// The plan file in `plan_dir`.
std::string SavedPlanPath(std::string_view plan_dir);
/// The basis file in `plan_dir`.
std::string PlanBasisPath(std::string_view plan_dir);

/// "the saved plan file <path> is missing; plan again", or "" when it is there.
std::string MissingPlanFile(std::string_view plan_dir);

/// Which version of a local state file a plan was made from: what terraform compares to
/// call a saved plan stale.
struct StateVersion {
  std::string lineage;  ///< "" when there is no state yet
  int64_t serial = -1;  ///< -1 when there is no state yet
  bool operator==(const StateVersion&) const = default;
};

/// The state the plan was made from.
struct PlanBasis {
  /// The module's own backend: nothing gantry can compare.
  bool remote = false;
  /// gantry's local backend: the terraform workspace, and its state's version.
  std::string workspace;
  StateVersion state;
};

/// The version of the local state file at `path`; an absent or empty file is no state
/// (as terraform takes it). nullopt, with `error` set, when it cannot be read.
std::optional<StateVersion> ReadStateVersion(const std::string& path, std::string& error);

std::string BasisJson(const PlanBasis& basis);
/// Throws std::runtime_error saying what is wrong with `text`.
PlanBasis ParseBasis(std::string_view text);

/// The check_saved_plan hook: kOk when the plan saved in component.plan_dir can still be
/// applied; otherwise kFailed with the reason reported. Reads files only.
Status CheckSavedPlan(const Call& call, const Component& component);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_SAVED_PLAN_H_
