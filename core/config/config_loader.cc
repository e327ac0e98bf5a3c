#include "core/config/config_loader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <toml++/toml.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/config/component_reader.h"
#include "core/config/duration.h"
#include "core/config/json_merge.h"
#include "core/config/regex_check.h"
#include "core/config/sensitive_names.h"
#include "core/config/suggest.h"
#include "core/config/toml_json.h"

namespace gantry::config {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopLevelKeys = {"gantry", "limits", "targets", "components",
                                                "plugins", "include"};
const std::vector<std::string> kPluginKeys = {"isolation", "hook_timeout", "stop_timeout"};
const std::vector<std::string> kGantryKeys = {"max_concurrency", "plugin_paths",
                                              "keep_workspace_on_failure"};
SourceLocation Where(const toml::node& node, const std::string& fallback_file) {
  const toml::source_region& region = node.source();
  SourceLocation where;
  where.file = region.path ? std::string(*region.path) : fallback_file;
  where.line = static_cast<int>(region.begin.line);
  where.column = static_cast<int>(region.begin.column);
  return where;
}

std::string TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
  }
}

// Reads one file (recursing into its includes) into a Deployment.
class Parser {
 public:
  Parser(Deployment& deployment, Diagnostics& diagnostics, const FileReader* read)
      : deployment_(deployment), diagnostics_(diagnostics), read_(read) {}

  std::vector<RawComponent>& raw_components() { return raw_components_; }

  void ParseFile(const std::string& path, const SourceLocation& included_from) {
    if (!visiting_.insert(path).second) {
      diagnostics_.Error(included_from, absl::StrCat("'", path, "' includes itself (directly or "
                                                     "through other files)"));
      return;
    }
    toml::table root;
    try {
      if (read_ == nullptr) {
        root = toml::parse_file(path);
      } else if (absl::StatusOr<std::string> text = (*read_)(path); text.ok()) {
        root = toml::parse(*text, path);
      } else {
        diagnostics_.Error(included_from, absl::StrCat("cannot read '", path, "': ",
                                                       text.status().message()));
        visiting_.erase(path);
        return;
      }
    } catch (const toml::parse_error& error) {
      SourceLocation where{path, static_cast<int>(error.source().begin.line),
                           static_cast<int>(error.source().begin.column)};
      if (std::error_code ec; read_ == nullptr && !fs::exists(path, ec)) {
        diagnostics_.Error(included_from, absl::StrCat("cannot read '", path, "'"));
      } else {
        diagnostics_.Error(where, absl::StrCat("TOML syntax: ", std::string(error.description())));
      }
      visiting_.erase(path);
      return;
    }
    file_ = path;
    dir_ = fs::path(path).parent_path();
    deployment_.files.push_back(path);
    for (const auto& [key, node] : root) {
      const std::string name(key.str());
      if (name == "gantry") ParseGantry(node);
      else if (name == "limits") ParseLimits(node);
      else if (name == "targets") ParseTargets(node);
      else if (name == "components") ParseComponents(node);
      else if (name == "plugins") ParsePlugins(node);
      else if (name == "include") continue;  // after this file's own tables
      else UnknownKey(key, "top-level key", kTopLevelKeys);
    }
    if (const toml::node* include = root.get("include")) ParseIncludes(*include);
    visiting_.erase(path);
  }

 private:
  void UnknownKey(const toml::key& key_node, absl::string_view what,
                  const std::vector<std::string>& known) {
    const std::string key(key_node.str());
    SourceLocation where{file_, static_cast<int>(key_node.source().begin.line),
                         static_cast<int>(key_node.source().begin.column)};
    diagnostics_.Error(where, absl::StrCat("unknown ", what, " '", key, "'",
                                                        DidYouMean(key, known), "; expected one of: ",
                                                        absl::StrJoin(known, ", ")));
  }

  void WrongType(const toml::node& node, absl::string_view key, absl::string_view expected) {
    diagnostics_.Error(Where(node, file_), absl::StrCat("'", key, "' must be ", expected,
                                                        ", not ", TypeName(node)));
  }

  const toml::table* Table(const toml::node& node, absl::string_view key) {
    if (const toml::table* table = node.as_table()) return table;
    WrongType(node, key, "a table");
    return nullptr;
  }

  std::optional<std::vector<std::string>> StringArray(const toml::node& node, absl::string_view key) {
    const toml::array* array = node.as_array();
    if (array == nullptr) {
      WrongType(node, key, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
      if (auto s = item.value_exact<std::string>()) out.push_back(*s);
      else WrongType(item, key, "an array of strings");
    }
    return out;
  }

  std::optional<int> PositiveInt(const toml::node& node, absl::string_view key) {
    auto value = node.value_exact<int64_t>();
    if (!value || *value < 1 || *value > 1'000'000) {
      WrongType(node, key, "a whole number of at least 1");
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::string Absolute(const std::string& path) const {
    return (dir_ / path).lexically_normal().string();
  }

  void ParseGantry(const toml::node& node) {
    const toml::table* table = Table(node, "gantry");
    if (table == nullptr) return;
    for (const auto& [key, value] : *table) {
      const std::string name(key.str());
      if (name == "max_concurrency") {
        if (value.value_exact<std::string>() == std::optional<std::string>("auto")) {
          deployment_.max_concurrency = 0;
        } else if (value.is_string()) {
          WrongType(value, name, "a whole number of at least 1 or \"auto\"");
        } else if (auto n = PositiveInt(value, name)) {
          deployment_.max_concurrency = *n;
        }
      } else if (name == "plugin_paths") {
        if (auto paths = StringArray(value, name))
          for (const std::string& p : *paths) deployment_.plugin_paths.push_back(Absolute(p));
      } else if (name == "keep_workspace_on_failure") {
        if (auto flag = value.value_exact<bool>()) deployment_.keep_workspace_on_failure = *flag;
        else WrongType(value, name, "true or false");
      } else {
        UnknownKey(key, "key in [gantry]", kGantryKeys);
      }
    }
  }

  // [plugins.NAME]: how gantry runs one plugin (see PluginOptions).
  void ParsePlugins(const toml::node& node) {
    const toml::table* plugins = Table(node, "plugins");
    if (plugins == nullptr) return;
    for (const auto& [plugin_key, plugin_node] : *plugins) {
      const std::string plugin(plugin_key.str());
      const toml::table* table = Table(plugin_node, absl::StrCat("plugins.", plugin));
      if (table == nullptr) continue;
      PluginOptions& options = deployment_.plugin_options[plugin];
      options.where = Where(plugin_node, file_);
      for (const auto& [key, value] : *table) {
        const std::string name(key.str());
        if (name == "isolation") {
          const std::optional<std::string> mode = value.value_exact<std::string>();
          if (mode == "process" || mode == "inprocess") options.isolation = *mode;
          else WrongType(value, name, "\"process\" or \"inprocess\"");
        } else if (name == "hook_timeout" || name == "stop_timeout") {
          const std::optional<std::string> text = value.value_exact<std::string>();
          absl::StatusOr<absl::Duration> limit =
              text ? ParseDuration(*text) : absl::InvalidArgumentError("");
          if (!limit.ok() || *limit <= absl::ZeroDuration())
            WrongType(value, name, "a duration such as \"60s\" or \"2m\"");
          else if (name == "hook_timeout") options.hook_timeout = *limit;
          else options.stop_timeout = *limit;
        } else {
          UnknownKey(key, absl::StrCat("key in [plugins.", plugin, "]"), kPluginKeys);
        }
      }
    }
  }

  void ParseLimits(const toml::node& node) {
    const toml::table* table = Table(node, "limits");
    if (table == nullptr) return;
    for (const auto& [key, value] : *table) {
      const std::string group(key.str());
      if (const toml::table* entry = value.as_table()) {
        if (std::optional<GroupLimit> limit = ParseGroupLimit(group, *entry))
          deployment_.limits[group] = *limit;
      } else if (auto n = PositiveInt(value, group)) {
        GroupLimit limit;
        limit.max = *n;
        deployment_.limits[group] = limit;
      }
    }
  }

  /// `group = { max = 16, min = 1, start = 8, adaptive = true, throttle_on = [...] }`.
  std::optional<GroupLimit> ParseGroupLimit(const std::string& group, const toml::table& entry) {
    static const std::vector<std::string> kKeys = {"max", "min", "start", "adaptive",
                                                   "throttle_on"};
    GroupLimit limit;
    const SourceLocation where = Where(entry, file_);
    bool has_max = false, ok = true;
    for (const auto& [key, value] : entry) {
      const std::string name(key.str());
      const std::string path = absl::StrCat(group, ".", name);
      if (name == "max" || name == "min" || name == "start") {
        std::optional<int> n = PositiveInt(value, path);
        ok = ok && n.has_value();
        if (!n) continue;
        if (name == "max") limit.max = *n, has_max = true;
        if (name == "min") limit.min = *n;
        if (name == "start") limit.start = *n;
      } else if (name == "adaptive") {
        if (auto flag = value.value_exact<bool>()) limit.adaptive = *flag;
        else WrongType(value, path, "true or false"), ok = false;
      } else if (name == "throttle_on") {
        std::optional<std::vector<std::string>> patterns = StringArray(value, path);
        if (!patterns) continue;
        for (const std::string& pattern : *patterns) {
          if (std::optional<std::string> problem = RegexProblem(path, pattern)) {
            diagnostics_.Error(Where(value, file_), *problem);
            ok = false;
          }
        }
        limit.throttle_on = *patterns;
      } else {
        UnknownKey(key, absl::StrCat("key in [limits] entry '", group, "'"), kKeys);
        ok = false;
      }
    }
    if (!has_max) {
      diagnostics_.Error(where, absl::StrCat("[limits] entry '", group,
                                                   "' needs max (the most at once)"));
      return std::nullopt;
    }
    const int start = limit.start.value_or(limit.max);
    if (ok && (limit.min > limit.max || start < limit.min || start > limit.max)) {
      diagnostics_.Error(where,
                         absl::StrCat("[limits] entry '", group, "' needs min (", limit.min,
                                      ") <= start (", start, ") <= max (", limit.max, ")"));
      return std::nullopt;
    }
    if (ok && !limit.adaptive && (limit.start || entry.contains("min"))) {
      diagnostics_.Error(where,
                         absl::StrCat("[limits] entry '", group, "': min and start apply to an "
                                      "adaptive limit; add adaptive = true, or give only max"));
      return std::nullopt;
    }
    if (!ok) return std::nullopt;
    return limit;
  }

  void ParseTargets(const toml::node& node) {
    const toml::table* table = Table(node, "targets");
    if (table == nullptr) return;
    for (const auto& [key, value] : *table) {
      if (!CheckTargetKey(key)) continue;
      if (Table(value, std::string(key.str())) == nullptr) continue;
      nlohmann::json& target = deployment_.targets[std::string(key.str())];
      if (target.is_null()) target = nlohmann::json::object();
      target.merge_patch(TomlToJson(value));
    }
  }

  // Target names become directory names (state/<target>/, locks/<target>/), so they
  // follow the component name rules. False, with an error at the key, when not.
  bool CheckTargetKey(const toml::key& key) {
    const std::string name(key.str());
    std::string problem = CheckComponentName(name);
    if (problem.empty()) return true;
    SourceLocation where{file_, static_cast<int>(key.source().begin.line),
                         static_cast<int>(key.source().begin.column)};
    diagnostics_.Error(where, absl::StrCat("target name '", name, "' ", problem));
    return false;
  }

  void ParseComponents(const toml::node& node) {
    const toml::table* table = Table(node, "components");
    if (table == nullptr) return;
    for (const auto& [key, value] : *table) ParseComponent(std::string(key.str()), value);
  }

  void ParseComponent(const std::string& name, const toml::node& node) {
    const SourceLocation where = Where(node, file_);
    const toml::table* table = Table(node, "components." + name);
    if (table == nullptr) return;
    if (std::string problem = CheckComponentName(name); !problem.empty()) {
      diagnostics_.Error(where, absl::StrCat("component name '", name, "' ", problem));
      return;
    }
    if (auto [first, inserted] = defined_at_.try_emplace(name, where); !inserted) {
      diagnostics_.Error(where, absl::StrCat("component '", name, "' is defined twice (first at ",
                                             first->second.ToString(), ")"));
      return;
    }
    bool targets_ok = true;
    if (const toml::table* targets = table->get_as<toml::table>("targets"))
      for (const auto& [key, value] : *targets) targets_ok = CheckTargetKey(key) && targets_ok;
    if (!targets_ok) return;
    RawComponent raw;
    raw.name = name;
    raw.location = where;
    raw.dir = dir_.string();
    raw.table = TomlToJson(*table);
    for (const auto& [key, value] : *table) {
      raw.key_locations[std::string(key.str())] =
          SourceLocation{file_, static_cast<int>(key.source().begin.line),
                         static_cast<int>(key.source().begin.column)};
      if (key.str() == "depends_on" && value.is_array())
        for (const toml::node& item : *value.as_array())
          raw.depends_on_locations.push_back(Where(item, file_));
    }
    // The value's place is the better pointer for a wrong value; the key's for the rest.
    for (const auto& [key, value] : *table)
      if (!value.is_table()) raw.key_locations[std::string(key.str())] = Where(value, file_);
    for (const auto& [key, value] : *table)
      if (const toml::table* inner = value.as_table())
        NestedLocations(*inner, std::string(key.str()) + ".", raw.key_locations);
    raw_components_.push_back(std::move(raw));
  }

  /// Where each key inside a component's tables is ("commands.apply"), for messages
  /// about one setting: the value's place, or the key's for a table.
  void NestedLocations(const toml::table& table, const std::string& prefix,
                       std::map<std::string, SourceLocation>& out) {
    for (const auto& [key, value] : table) {
      const std::string path = prefix + std::string(key.str());
      if (const toml::table* inner = value.as_table()) {
        out[path] = SourceLocation{file_, static_cast<int>(key.source().begin.line),
                                   static_cast<int>(key.source().begin.column)};
        NestedLocations(*inner, path + ".", out);
      } else {
        out[path] = Where(value, file_);
      }
    }
  }

  void ParseIncludes(const toml::node& node) {
    auto paths = StringArray(node, "include");
    if (!paths) return;
    const SourceLocation from = Where(node, file_);
    const std::string saved_file = file_;
    const fs::path saved_dir = dir_;
    for (const std::string& p : *paths) {
      ParseFile(Absolute(p), from);
      file_ = saved_file;
      dir_ = saved_dir;
    }
  }

  Deployment& deployment_;
  Diagnostics& diagnostics_;
  const FileReader* const read_;  // null: from disk
  std::set<std::string> visiting_;
  std::vector<RawComponent> raw_components_;
  absl::flat_hash_map<std::string, SourceLocation> defined_at_;
  std::string file_;
  fs::path dir_;
};

/// Where each key of a component's effective table is written: its own target overlay's
/// place when that sets it, else the base table's.
std::map<std::string, SourceLocation> EffectiveLocations(const RawComponent& raw,
                                                         const std::string& target) {
  std::map<std::string, SourceLocation> out;
  const std::string overlay = absl::StrCat("targets.", target, ".");
  for (const auto& [path, where] : raw.key_locations)
    if (!absl::StartsWith(path, "targets.")) out[path] = where;
  for (const auto& [path, where] : raw.key_locations)
    if (absl::StartsWith(path, overlay)) out[path.substr(overlay.size())] = where;
  return out;
}

}  // namespace

const ComponentConfig* Deployment::Find(const std::string& name) const {
  auto it = std::lower_bound(components.begin(), components.end(), name,
                             [](const ComponentConfig& c, const std::string& n) { return c.name < n; });
  return it != components.end() && it->name == name ? &*it : nullptr;
}

const SourceLocation& LocationOf(const ComponentConfig& component, const std::string& path) {
  // key_locations has dotted keys, not list indices: "vars.list[2]" is at "vars.list".
  std::string key = path.substr(0, path.find('['));
  while (!key.empty()) {
    auto it = component.key_locations.find(key);
    if (it != component.key_locations.end()) return it->second;
    const size_t dot = key.rfind('.');
    key = dot == std::string::npos ? "" : key.substr(0, dot);
  }
  return component.location;
}

std::string CheckComponentName(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name.size() > 200) return "is longer than 200 characters";
  if (name.front() == '/') return "must not start with '/' (names become directory names)";
  for (char ch : name) {
    if (!IsComponentNameChar(ch) && ch != '/')
      return "may hold only letters, digits, '.', '_', '-' and '/' (names become directory names)";
  }
  for (absl::string_view segment : absl::StrSplit(name, '/')) {
    if (segment.empty()) return "has an empty path segment ('//' or a trailing '/')";
    if (segment == "." || segment == "..")
      return "must not contain '.' or '..' segments (names become directory names)";
  }
  return {};
}

bool IsComponentNameChar(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '.' || ch == '_' || ch == '-';
}

std::string CheckTargetName(const std::string& name) { return CheckComponentName(name); }

absl::StatusOr<std::string> FindConfigFile(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir, ec).lexically_normal();
  while (true) {
    const fs::path candidate = dir / kConfigFileName;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return absl::NotFoundError(absl::StrCat("no ", kConfigFileName, " in ", start_dir,
                                          " or any parent directory; create one, or pass -f FILE"));
}

namespace {

absl::StatusOr<Deployment> Load(const std::string& given_path, const std::string& target,
                                bool keep_component_problems, const FileReader* read) {
  std::error_code ec;
  const std::string path = fs::absolute(given_path, ec).lexically_normal().string();
  if (read == nullptr && !fs::is_regular_file(path, ec))
    return absl::NotFoundError(absl::StrCat("cannot read config file '", path, "'"));
  Deployment deployment;
  deployment.file = path;
  deployment.root_dir = fs::path(path).parent_path().string();
  deployment.target = target.empty() ? kDefaultTarget : target;
  Diagnostics diagnostics;
  Parser parser(deployment, diagnostics, read);
  parser.ParseFile(path, SourceLocation{path});
  std::vector<RawComponent>& raws = parser.raw_components();
  std::sort(raws.begin(), raws.end(),
            [](const RawComponent& a, const RawComponent& b) { return a.name < b.name; });

  std::set<std::string> known_targets = {kDefaultTarget};
  for (const auto& [name, overlay] : deployment.targets) known_targets.insert(name);
  for (const RawComponent& raw : raws)
    if (auto t = raw.table.find("targets"); t != raw.table.end() && t->is_object())
      for (const auto& [name, overlay] : t->items()) known_targets.insert(name);
  if (!known_targets.count(deployment.target)) {
    const std::vector<std::string> names(known_targets.begin(), known_targets.end());
    diagnostics.Error(SourceLocation{path},
                      absl::StrCat("unknown target '", deployment.target, "'",
                                   DidYouMean(deployment.target, names),
                                   "; the file defines: ", absl::StrJoin(names, ", ")));
  }

  deployment.components.reserve(raws.size());
  for (const RawComponent& raw : raws) {
    nlohmann::json effective = raw.table;
    if (deployment.target != kDefaultTarget) {
      if (auto overlay = deployment.targets.find(deployment.target);
          overlay != deployment.targets.end())
        DeepMerge(effective, overlay->second);
      if (auto own = raw.table.find("targets"); own != raw.table.end() && own->is_object())
        if (auto overlay = own->find(deployment.target); overlay != own->end())
          DeepMerge(effective, *overlay);
    }
    Diagnostics& problems = keep_component_problems ? deployment.component_problems : diagnostics;
    deployment.components.push_back(ReadComponent(raw, effective, problems));
    deployment.components.back().key_locations = EffectiveLocations(raw, deployment.target);
    CheckSensitiveNames(raw, deployment.components.back(), deployment.targets, problems);
    effective.erase("targets");
    deployment.components.back().effective_table = std::move(effective);
  }
  if (absl::Status status = diagnostics.ToStatus(); !status.ok()) return status;
  return deployment;
}

}  // namespace

absl::StatusOr<Deployment> LoadDeployment(const std::string& path, const std::string& target,
                                          bool keep_component_problems) {
  return Load(path, target, keep_component_problems, nullptr);
}

absl::StatusOr<Deployment> LoadDeploymentWith(const std::string& path, const std::string& target,
                                              bool keep_component_problems,
                                              const FileReader& read) {
  return Load(path, target, keep_component_problems, &read);
}

}  // namespace gantry::config
