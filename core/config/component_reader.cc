#include "core/config/component_reader.h"

#include <algorithm>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "core/config/duration.h"
#include "core/config/regex_check.h"

namespace gantry::config {
namespace {

using nlohmann::json;

std::string JsonTypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return "a table";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    default: return "nothing";
  }
}

class Reader {
 public:
  Reader(const RawComponent& raw, Diagnostics& diagnostics) : raw_(raw), diagnostics_(diagnostics) {}

  SourceLocation Where(const std::string& key) const {
    auto it = raw_.key_locations.find(key);
    return it != raw_.key_locations.end() ? it->second : raw_.location;
  }

  void Wrong(const std::string& key, const json& value, absl::string_view expected) {
    diagnostics_.Error(Where(key), absl::StrCat("'", key, "' must be ", expected, ", not ",
                                                JsonTypeName(value)));
  }

  std::optional<std::string> String(const std::string& key, const json& value) {
    if (value.is_string()) return value.get<std::string>();
    Wrong(key, value, "a string");
    return std::nullopt;
  }

  std::optional<std::vector<std::string>> Strings(const std::string& key, const json& value,
                                                  absl::string_view expected) {
    bool ok = value.is_array();
    std::vector<std::string> out;
    if (ok) {
      for (const json& item : value) {
        if (!item.is_string()) ok = false;
        else out.push_back(item.get<std::string>());
      }
    }
    if (!ok) {
      Wrong(key, value, expected);
      return std::nullopt;
    }
    return out;
  }

  void Read(const std::string& key, const json& value, ComponentConfig& c) {
    if (key == "type") {
      if (auto s = String(key, value)) c.type = *s;
    } else if (key == "source") {
      if (auto s = String(key, value)) {
        c.source_dir = (std::filesystem::path(raw_.dir) / *s).lexically_normal().string();
        // "." and "dir/" name the directory itself: no trailing '/' in the paths built on it.
        while (c.source_dir.size() > 1 && c.source_dir.back() == '/') c.source_dir.pop_back();
      }
    } else if (key == "depends_on") {
      if (auto list = Strings(key, value, "an array of component names")) {
        c.depends_on = *list;
        c.depends_on_locations = raw_.depends_on_locations;
        c.depends_on_locations.resize(c.depends_on.size(), Where(key));
      }
    } else if (key == "vars") {
      if (value.is_object()) c.vars = value;
      else Wrong(key, value, "a table");
    } else if (key == "targets") {
      if (value.is_object()) c.targets = value;
      else Wrong(key, value, "a table of target overlays");
    } else if (key == "sensitive") {
      if (auto list = Strings(key, value, "an array of var names")) c.sensitive = *list;
    } else if (key == "retry_on") {
      if (auto list = Strings(key, value, "an array of regular expressions")) {
        for (const std::string& pattern : *list) CheckRegex(key, pattern);
        c.retry_on = *list;
      }
    } else if (key == "throttle_on") {
      if (auto list = Strings(key, value, "an array of regular expressions")) {
        for (const std::string& pattern : *list) CheckRegex(key, pattern);
        c.throttle_on = *list;
      }
    } else if (key == "group") {
      if (auto s = String(key, value)) c.group = *s;
    } else if (key == "retries") {
      if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > 100)
        Wrong(key, value, "a whole number from 0 to 100");
      else c.retries = value.get<int>();
    } else if (key == "on_failure") {
      ReadOnFailure(key, value, c);
    } else if (key == "plan_defaults") {
      ReadPlanDefaults(key, value, c);
    } else if (key == "timeout" || key == "estimated_duration") {
      ReadDuration(key, value, key == "timeout" ? c.timeout : c.estimated_duration);
    }
  }

 private:
  void CheckRegex(const std::string& key, const std::string& pattern) {
    if (std::optional<std::string> problem = RegexProblem(key, pattern))
      diagnostics_.Error(Where(key), *problem);
  }

  void ReadOnFailure(const std::string& key, const json& value, ComponentConfig& c) {
    auto s = String(key, value);
    if (!s) return;
    if (*s == "abort") c.on_failure = OnFailure::kAbort;
    else if (*s == "skip-dependents") c.on_failure = OnFailure::kSkipDependents;
    else if (*s == "ignore") c.on_failure = OnFailure::kIgnore;
    else diagnostics_.Error(Where(key), absl::StrCat("on_failure must be \"abort\", "
                                                     "\"skip-dependents\" or \"ignore\", not \"",
                                                     *s, "\""));
  }

  // Keys name an output as a reference does, without "${}": "network/vpc.vpc_id".
  void ReadPlanDefaults(const std::string& key, const json& value, ComponentConfig& c) {
    if (!value.is_object()) return Wrong(key, value, "a table of \"component.output\" = value");
    for (const auto& [reference, stand_in] : value.items()) {
      const size_t dot = reference.rfind('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == reference.size() ||
          reference.find_first_of("${}") != std::string::npos) {
        diagnostics_.Error(Where(absl::StrCat(key, ".", reference)),
                           absl::StrCat("plan_defaults: '", reference, "' must name an output "
                                        "as \"component.output\", e.g. \"network/vpc.vpc_id\""));
        continue;
      }
      c.plan_defaults[reference] = stand_in;
    }
  }

  void ReadDuration(const std::string& key, const json& value,
                    std::optional<absl::Duration>& out) {
    auto s = String(key, value);
    if (!s) return;
    absl::StatusOr<absl::Duration> d = ParseDuration(*s);
    if (d.ok()) out = *d;
    else diagnostics_.Error(Where(key), absl::StrCat(key, ": ", d.status().message()));
  }

  const RawComponent& raw_;
  Diagnostics& diagnostics_;
};

}  // namespace

const std::vector<std::string>& CommonComponentKeys() {
  static const std::vector<std::string> keys = {
      "type",    "source",  "depends_on", "vars",    "sensitive",          "group",
      "on_failure", "retries", "retry_on", "throttle_on", "timeout", "estimated_duration",
      "targets", "plan_defaults"};
  return keys;
}

ComponentConfig ReadComponent(const RawComponent& raw, const nlohmann::json& effective,
                              Diagnostics& diagnostics) {
  ComponentConfig c;
  c.name = raw.name;
  c.location = raw.location;
  Reader reader(raw, diagnostics);
  const std::vector<std::string>& common = CommonComponentKeys();
  for (const auto& [key, value] : effective.items()) {
    if (std::find(common.begin(), common.end(), key) == common.end()) c.settings[key] = value;
    else reader.Read(key, value, c);
  }
  if (c.type.empty())
    diagnostics.Error(raw.location, absl::StrCat("component '", raw.name,
                                                 "' has no 'type'; add e.g. type = \"custom\""));
  return c;
}

}  // namespace gantry::config
