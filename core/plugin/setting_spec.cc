#include "core/plugin/setting_spec.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/config/component_reader.h"
#include "core/plugin/c_strings.h"
#include "nlohmann/json.hpp"

namespace gantry::plugin {
namespace {

constexpr uint32_t kAllKinds = GANTRY_SETTING_STRING | GANTRY_SETTING_BOOL |
                               GANTRY_SETTING_INTEGER | GANTRY_SETTING_NUMBER |
                               GANTRY_SETTING_LIST | GANTRY_SETTING_TABLE;
constexpr uint32_t kAllFlags =
    GANTRY_SETTING_REQUIRED | GANTRY_SETTING_SENSITIVE | GANTRY_SETTING_REFERENCES;

struct Kind {
  uint32_t bit;
  const char* text;
  const char* short_text;
};
constexpr Kind kKinds[] = {{GANTRY_SETTING_STRING, "a string", "string"},
                           {GANTRY_SETTING_BOOL, "a boolean", "bool"},
                           {GANTRY_SETTING_INTEGER, "an integer", "integer"},
                           {GANTRY_SETTING_NUMBER, "a number", "number"},
                           {GANTRY_SETTING_LIST, "a list", "list"},
                           {GANTRY_SETTING_TABLE, "a table", "table"}};

bool ValidName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

absl::Status Check(const SettingSpec& s) {
  const auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("its setting '", s.name, "' ", why));
  };
  if (!ValidName(s.name)) return bad("has no valid name ([A-Za-z0-9_-]+)");
  const std::vector<std::string>& common = config::CommonComponentKeys();
  if (std::find(common.begin(), common.end(), s.name) != common.end())
    return bad("is a key gantry owns for every component; choose another name");
  if (s.types == 0 || (s.types & ~kAllKinds) != 0) return bad("declares no or unknown kinds");
  if ((s.item_types & ~kAllKinds) != 0) return bad("declares unknown item kinds");
  if ((s.flags & ~kAllFlags) != 0) return bad("has unknown flags");
  if (!s.default_json.empty() &&
      !nlohmann::json::accept(s.default_json)) {
    return bad(absl::StrCat("has a default that is not JSON: ", s.default_json));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<std::vector<SettingSpec>>> ReadSettingSpecs(const gantry_plugin& d) {
  if (!GANTRY_STRUCT_HAS(&d, gantry_plugin, settings) || d.settings == nullptr)
    return std::optional<std::vector<SettingSpec>>();
  std::vector<SettingSpec> specs;
  std::set<std::string> seen;
  for (const gantry_setting* const* it = d.settings; *it != nullptr; ++it) {
    const gantry_setting& raw = **it;
    if (!GANTRY_STRUCT_HAS(&raw, gantry_setting, description))
      return absl::InvalidArgumentError("a setting's struct_size is too small");
    SettingSpec spec;
    spec.name = Str(raw.name);
    spec.types = raw.types;
    spec.item_types = raw.item_types;
    spec.flags = raw.flags;
    spec.default_json = Str(raw.default_json);
    for (const char* const* a = raw.allowed; a != nullptr && *a != nullptr; ++a)
      spec.allowed.emplace_back(*a);
    spec.description = Str(raw.description);
    if (absl::Status ok = Check(spec); !ok.ok()) return ok;
    if (!seen.insert(spec.name).second)
      return absl::InvalidArgumentError(absl::StrCat("its setting '", spec.name,
                                                     "' is declared twice"));
    specs.push_back(std::move(spec));
  }
  return std::optional<std::vector<SettingSpec>>(std::move(specs));
}

std::string KindsText(uint32_t types) {
  std::vector<std::string> names;
  for (const Kind& kind : kKinds)
    if ((types & kind.bit) != 0) names.push_back(kind.text);
  if (names.empty()) return "anything";
  if (names.size() == 1) return names[0];
  const std::string last = names.back();
  names.pop_back();
  return absl::StrCat(absl::StrJoin(names, ", "), " or ", last);
}

std::string KindsShort(uint32_t types) {
  std::vector<std::string> names;
  for (const Kind& kind : kKinds)
    if ((types & kind.bit) != 0) names.push_back(kind.short_text);
  return names.empty() ? "any" : absl::StrJoin(names, "|");
}

}  // namespace gantry::plugin
