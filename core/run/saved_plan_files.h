// The files of a saved plan (`gantry plan` with a plugin that saves plans, then
// `apply --from-plan`): the directory the plugin saves into, sealed afterwards with the
// record of what it was planned from, and the check that an apply meets those inputs.
#ifndef GANTRY_CORE_RUN_SAVED_PLAN_FILES_H_
#define GANTRY_CORE_RUN_SAVED_PLAN_FILES_H_

#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/run/output_book.h"
#include "core/state/layout.h"
#include "core/state/saved_plan_record.h"
#include "nlohmann/json.hpp"

namespace gantry::run {

/// Makes the directory `component`'s plugin saves its plan in during run `run_id`: under
/// the run's plans directory, both the user's alone (plans hold secrets).
absl::StatusOr<std::filesystem::path> MakePlanDir(const state::Layout& layout,
                                                  const std::string& run_id,
                                                  const std::string& component);

/// After a plan: what the plugin saved in `plan_dir` is made the user's alone, and
/// `record` (what it was planned from) is written to `record_path`, for apply --from-plan.
absl::Status SealPlan(const std::filesystem::path& plan_dir, const state::SavedPlanRecord& record,
                      const std::filesystem::path& record_path);

/// A saved plan is applied only to the inputs it was made from: each referenced value as
/// `outputs` has it now (its producer applied just before, maybe) must be the one the plan
/// used, a planned value included, and the settings and vars must be the same.
absl::Status SameInputsAsPlanned(const state::SavedPlanRecord& saved,
                                 const nlohmann::json& settings, const nlohmann::json& vars,
                                 OutputBook& outputs);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_SAVED_PLAN_FILES_H_
