// Gantry's record of one component's saved plan: what it was planned from, so that
// `apply --from-plan` can tell a plan still true from a stale one without the plugin.
#ifndef GANTRY_CORE_STATE_SAVED_PLAN_RECORD_H_
#define GANTRY_CORE_STATE_SAVED_PLAN_RECORD_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"
#include "nlohmann/json.hpp"

namespace gantry::state {

struct SavedPlanRecord {
  std::string component;
  std::string type;
  std::string target;
  /// Fingerprint of the component as configured (ConfigFingerprint).
  std::string config;
  /// Fingerprint of the settings and vars the plugin got, references replaced.
  std::string inputs;
  /// "component.output" -> fingerprint of the value the plan used for it.
  std::map<std::string, std::string> references;
  /// Those given a plan_defaults placeholder, and those given a planned value.
  std::vector<std::string> placeholders;
  std::vector<std::string> planned_inputs;
  bool operator==(const SavedPlanRecord&) const = default;
};

/// 128 bits of FNV-1a (two passes with different bases), as 32 hex digits: a
/// fingerprint to notice change, not a defence against a forger (the files sit in the
/// user's own 0700 directory).
std::string Fingerprint(std::string_view text);

/// An output value's fingerprint; JSON is taken as what it means, so that a planned
/// value and the applied one compare equal however each was spaced.
std::string ValueFingerprint(std::string_view value, bool is_json);

/// The parts of a component's table that decide what it does: type, source, settings
/// and vars as written (references unreplaced), sensitive names, for one target.
std::string ConfigFingerprint(const config::ComponentConfig& component, const std::string& target);

/// The settings and vars the plugin gets (references replaced).
std::string InputsFingerprint(const nlohmann::json& settings, const nlohmann::json& vars);

/// Written atomically, mode 0600 (it names references; values are only fingerprinted).
absl::Status WriteSavedPlanRecord(const std::string& path, const SavedPlanRecord& record);
/// NotFound when there is no file; InvalidArgument naming the file when it is damaged.
absl::StatusOr<SavedPlanRecord> ReadSavedPlanRecord(const std::string& path);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_SAVED_PLAN_RECORD_H_
