#include "saved_plan.h"

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "gantry/json.hpp"
#include "kit/files.h"
#include "state_layout.h"

namespace gantry::terraform {
namespace {

// "serial 3", or "no state" for a version read from no state file.
std::string Describe(const StateVersion& version) {
  if (version == StateVersion{}) return "no state";
  return "serial " + std::to_string(version.serial);
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string SavedPlanPath(std::string_view plan_dir) { return std::string(plan_dir) + "/tfplan"; }

std::string PlanBasisPath(std::string_view plan_dir) {
  return std::string(plan_dir) + "/basis.json";
}

std::string MissingPlanFile(std::string_view plan_dir) {
  const std::string plan = SavedPlanPath(plan_dir);
  std::error_code code;
  if (std::filesystem::is_regular_file(plan, code)) return "";
  return "the saved plan file " + plan + " is missing; plan again";
}

std::optional<StateVersion> ReadStateVersion(const std::string& path, std::string& error) {
  std::error_code code;
  if (!std::filesystem::exists(path, code)) {
    if (!code) return StateVersion{};  // no state yet
    error = "cannot tell whether the state " + path + " exists: " + code.message();
    return std::nullopt;
  }
  const std::optional<std::string> text = kit::ReadFile(path);
  if (!text) {
    error = "cannot read the state " + path;
    return std::nullopt;
  }
  if (IsBlank(*text)) return StateVersion{};
  try {
    const json::Value root = json::Parse(*text);
    const json::Value* lineage = root.find("lineage");
    const json::Value* serial = root.find("serial");
    if (lineage == nullptr || !lineage->is_string() || serial == nullptr || !serial->is_int())
      throw std::runtime_error("it has no lineage and serial");
    return StateVersion{lineage->as_string(), serial->as_int()};
  } catch (const std::exception& e) {
    error = "cannot read the state " + path + ": " + e.what();
    return std::nullopt;
  }
}

std::string BasisJson(const PlanBasis& basis) {
  json::Value value =
      basis.remote ? json::Value(json::Object{{"backend", "remote"}})
                   : json::Value(json::Object{{"backend", "local"},
                                              {"workspace", basis.workspace},
                                              {"lineage", basis.state.lineage},
                                              {"serial", basis.state.serial}});
  return value.Dump() + "\n";
}

PlanBasis ParseBasis(std::string_view text) {
  json::Value root;
  try {
    root = json::Parse(text);
  } catch (const json::ParseError& e) {
    throw std::runtime_error(std::string("not JSON: ") + e.what());
  }
  const json::Value* backend = root.find("backend");
  if (backend == nullptr || !backend->is_string())
    throw std::runtime_error("it names no backend");
  PlanBasis basis;
  if (backend->as_string() == "remote") {
    basis.remote = true;
    return basis;
  }
  if (backend->as_string() != "local")
    throw std::runtime_error("unknown backend '" + backend->as_string() + "'");
  const json::Value* workspace = root.find("workspace");
  const json::Value* lineage = root.find("lineage");
  const json::Value* serial = root.find("serial");
  if (workspace == nullptr || !workspace->is_string() || workspace->as_string().empty() ||
      lineage == nullptr || !lineage->is_string() || serial == nullptr || !serial->is_int())
    throw std::runtime_error("it needs a workspace, a lineage and a serial");
  basis.workspace = workspace->as_string();
  basis.state = StateVersion{lineage->as_string(), serial->as_int()};
  return basis;
}

Status CheckSavedPlan(const Call& call, const Component& component) {
  const auto fail = [&](const std::string& reason) {
    call.Error(reason);
    return Status::kFailed;
  };
  if (component.plan_dir.empty()) return fail("the host gave no saved plan directory");
  if (const std::string missing = MissingPlanFile(component.plan_dir); !missing.empty())
    return fail(missing);
  const std::string basis_path = PlanBasisPath(component.plan_dir);
  const std::optional<std::string> text = kit::ReadFile(basis_path);
  if (!text)
    return fail("the saved plan's " + basis_path +
                " is missing, so whether the state changed since cannot be told; plan again");
  PlanBasis basis;
  try {
    basis = ParseBasis(*text);
  } catch (const std::exception& e) {
    return fail("the saved plan's " + basis_path + " cannot be read (" + e.what() +
                "); plan again");
  }
  if (basis.remote) {
    call.Log(GANTRY_LOG_DEBUG,
             "the module keeps its state in its own backend, which gantry does not read: "
             "terraform refuses the plan at apply if that state changed since");
    return Status::kOk;
  }
  std::string error;
  const std::optional<StateVersion> now =
      ReadStateVersion(LocalStatePath(component.state_dir, basis.workspace), error);
  if (!now) return fail(error);
  if (*now == basis.state) return Status::kOk;
  const char* again = "): plan again, then apply that plan";
  // Both lineages known and different: another state took this one's place.
  if (!basis.state.lineage.empty() && !now->lineage.empty() && basis.state.lineage != now->lineage)
    return fail("the state was replaced since the plan (lineage " + basis.state.lineage +
                " then, " + now->lineage + " now" + again);
  const bool both = basis.state != StateVersion{} && *now != StateVersion{};
  return fail("the state changed since the plan (" + Describe(basis.state) + " then, " +
              (both ? std::to_string(now->serial) : Describe(*now)) + " now" + again);
}

}  // namespace gantry::terraform
