#include "core/run/saved_plan_files.h"

#include <optional>
#include <system_error>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::run {

absl::StatusOr<std::filesystem::path> MakePlanDir(const state::Layout& layout,
                                                  const std::string& run_id,
                                                  const std::string& component) {
  const std::filesystem::path plans = layout.PlansDir(run_id);
  const std::filesystem::path dir = layout.PlanDir(run_id, component);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  for (const std::filesystem::path& owned : {plans, dir})
    if (!error) std::filesystem::permissions(owned, std::filesystem::perms::owner_all, error);
  if (error)
    return absl::InternalError(absl::StrCat("cannot make ", dir.string(), ": ", error.message()));
  return dir;
}

absl::Status SealPlan(const std::filesystem::path& plan_dir, const state::SavedPlanRecord& record,
                      const std::filesystem::path& record_path) {
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(plan_dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const std::filesystem::perms mode =
        it->is_directory(error)
            ? std::filesystem::perms::owner_all
            : (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::filesystem::permissions(it->path(), mode, error);
  }
  if (error)
    return absl::InternalError(absl::StrCat("cannot protect the saved plan in ",
                                            plan_dir.string(), ": ", error.message()));
  return state::WriteSavedPlanRecord(record_path.string(), record);
}

absl::Status SameInputsAsPlanned(const state::SavedPlanRecord& saved,
                                 const nlohmann::json& settings, const nlohmann::json& vars,
                                 OutputBook& outputs) {
  std::vector<std::string> changed;
  for (const auto& [reference, fingerprint] : saved.references) {
    const size_t dot = reference.rfind('.');
    std::optional<graph::OutputText> now =
        outputs.Lookup(reference.substr(0, dot), reference.substr(dot + 1));
    if (!now || state::ValueFingerprint(now->value, now->is_json) != fingerprint)
      changed.push_back(reference);
  }
  if (!changed.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "its saved plan was made with other values of ", absl::StrJoin(changed, ", "),
        " than they have now; plan again"));
  }
  if (state::InputsFingerprint(settings, vars) != saved.inputs)
    return absl::FailedPreconditionError(
        "its settings or vars differ from those its saved plan was made with; plan again");
  return absl::OkStatus();
}

}  // namespace gantry::run
