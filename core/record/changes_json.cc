#include "core/record/changes_json.h"

#include <cstdint>

namespace gantry::record {
namespace {

nlohmann::ordered_json CountOrNull(int64_t count) {
  if (count < 0) return nullptr;
  return count;
}

// False for anything but null or a whole number >= 0.
bool ReadCount(const nlohmann::json& json, const char* key, int64_t* count) {
  const auto it = json.find(key);
  if (it == json.end() || it->is_null()) {
    *count = -1;
    return true;
  }
  if (it->is_number_unsigned()) {
    if (it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return false;
    *count = it->get<int64_t>();
    return true;
  }
  if (!it->is_number_integer() || it->get<int64_t>() < 0) return false;
  *count = it->get<int64_t>();
  return true;
}

}  // namespace

nlohmann::ordered_json ChangesToJson(const Changes& changes) {
  nlohmann::ordered_json json{{"has_changes", changes.has_changes},
                              {"add", CountOrNull(changes.add)},
                              {"change", CountOrNull(changes.change)},
                              {"destroy", CountOrNull(changes.destroy)}};
  if (!changes.summary.empty()) json["summary"] = changes.summary;
  return json;
}

std::optional<Changes> ChangesFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return std::nullopt;
  const auto has = json.find("has_changes");
  if (has == json.end() || !has->is_boolean()) return std::nullopt;
  Changes changes;
  changes.has_changes = has->get<bool>();
  if (!ReadCount(json, "add", &changes.add) || !ReadCount(json, "change", &changes.change) ||
      !ReadCount(json, "destroy", &changes.destroy))
    return std::nullopt;
  if (const auto summary = json.find("summary"); summary != json.end()) {
    if (!summary->is_string()) return std::nullopt;
    changes.summary = summary->get<std::string>();
  }
  return changes;
}

}  // namespace gantry::record
