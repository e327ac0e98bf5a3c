#include "core/config/config_loader.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>
#include <toml++/toml.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/config/duration.h"
#include "core/config/suggest.h"
#include "core/config/toml_json.h"

namespace gantry::config {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopLevelKeys = {"gantry", "limits", "targets", "components",
                                                "include"};
const std::vector<std::string> kGantryKeys = {"max_concurrency", "plugin_paths"};
// Keys the core owns; every other key of a component goes to its plugin as a setting.
const std::vector<std::string> kCommonKeys = {
    "type",    "source",   "depends_on", "vars",    "sensitive",          "group",
    "on_failure", "retries", "retry_on", "timeout", "estimated_duration", "targets"};

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
  Parser(Deployment& deployment, Diagnostics& diagnostics)
      : deployment_(deployment), diagnostics_(diagnostics) {}

  void ParseFile(const std::string& path, const SourceLocation& included_from) {
    if (!visiting_.insert(path).second) {
      diagnostics_.Error(included_from, absl::StrCat("'", path, "' includes itself (directly or "
                                                     "through other files)"));
      return;
    }
    toml::table root;
    try {
      root = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
      SourceLocation where{path, static_cast<int>(error.source().begin.line),
                           static_cast<int>(error.source().begin.column)};
      if (std::error_code ec; !fs::exists(path, ec)) {
        diagnostics_.Error(included_from, absl::StrCat("cannot read '", path, "'"));
      } else {
        diagnostics_.Error(where, absl::StrCat("TOML syntax: ", std::string(error.description())));
      }
      visiting_.erase(path);
      return;
    }
    file_ = path;
    dir_ = fs::path(path).parent_path();
    for (const auto& [key, node] : root) {
      const std::string name(key.str());
      if (name == "gantry") ParseGantry(node);
      else if (name == "limits") ParseLimits(node);
      else if (name == "targets") ParseTargets(node);
      else if (name == "components") ParseComponents(node);
      else if (name == "include") continue;  // after this file's own tables
      else UnknownKey(node, name, "top-level key", kTopLevelKeys);
    }
    if (const toml::node* include = root.get("include")) ParseIncludes(*include);
    visiting_.erase(path);
  }

 private:
  void UnknownKey(const toml::node& node, const std::string& key, absl::string_view what,
                  const std::vector<std::string>& known) {
    diagnostics_.Error(Where(node, file_), absl::StrCat("unknown ", what, " '", key, "'",
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
      } else {
        UnknownKey(value, name, "key in [gantry]", kGantryKeys);
      }
    }
  }

  void ParseLimits(const toml::node& node) {
    const toml::table* table = Table(node, "limits");
    if (table == nullptr) return;
    for (const auto& [key, value] : *table)
      if (auto n = PositiveInt(value, std::string(key.str()))) deployment_.limits[std::string(key.str())] = *n;
  }

  void ParseTargets(const toml::node& node) {
    const toml::table* table = Table(node, "targets");
    if (table == nullptr) return;
    for (const auto& [key, value] : *table) {
      if (Table(value, std::string(key.str())) == nullptr) continue;
      nlohmann::json& target = deployment_.targets[std::string(key.str())];
      if (target.is_null()) target = nlohmann::json::object();
      target.merge_patch(TomlToJson(value));
    }
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
    ComponentConfig component;
    component.name = name;
    component.location = where;
    for (const auto& [key_view, value] : *table) {
      const std::string key(key_view.str());
      ParseComponentKey(component, key, value);
    }
    if (component.type.empty())
      diagnostics_.Error(where, absl::StrCat("component '", name,
                                             "' has no 'type'; add e.g. type = \"custom\""));
    deployment_.components.push_back(std::move(component));
  }

  void ParseComponentKey(ComponentConfig& c, const std::string& key, const toml::node& value) {
    const auto string_value = [&]() -> std::optional<std::string> {
      if (auto s = value.value_exact<std::string>()) return s;
      WrongType(value, key, "a string");
      return std::nullopt;
    };
    if (std::find(kCommonKeys.begin(), kCommonKeys.end(), key) == kCommonKeys.end()) {
      c.settings[key] = TomlToJson(value);  // type-specific: the plugin validates it
    } else if (key == "type") {
      if (auto s = string_value()) c.type = *s;
    } else if (key == "source") {
      if (auto s = string_value()) c.source_dir = Absolute(*s);
    } else if (key == "depends_on") {
      if (const toml::array* array = value.as_array()) {
        for (const toml::node& item : *array) {
          if (auto s = item.value_exact<std::string>()) {
            c.depends_on.push_back(*s);
            c.depends_on_locations.push_back(Where(item, file_));
          } else {
            WrongType(item, key, "an array of component names");
          }
        }
      } else {
        WrongType(value, key, "an array of component names");
      }
    } else if (key == "vars") {
      if (Table(value, key) != nullptr) c.vars = TomlToJson(value);
    } else if (key == "targets") {
      if (Table(value, key) != nullptr) c.targets = TomlToJson(value);
    } else if (key == "sensitive") {
      if (auto list = StringArray(value, key)) c.sensitive = *list;
    } else if (key == "retry_on") {
      if (auto list = StringArray(value, key)) c.retry_on = *list;
    } else if (key == "group") {
      if (auto s = string_value()) c.group = *s;
    } else if (key == "retries") {
      auto n = value.value_exact<int64_t>();
      if (!n || *n < 0 || *n > 100) WrongType(value, key, "a whole number from 0 to 100");
      else c.retries = static_cast<int>(*n);
    } else if (key == "on_failure") {
      auto s = string_value();
      if (!s) return;
      if (*s == "abort") c.on_failure = OnFailure::kAbort;
      else if (*s == "skip-dependents") c.on_failure = OnFailure::kSkipDependents;
      else if (*s == "ignore") c.on_failure = OnFailure::kIgnore;
      else diagnostics_.Error(Where(value, file_),
                              absl::StrCat("on_failure must be \"abort\", \"skip-dependents\" or "
                                           "\"ignore\", not \"", *s, "\""));
    } else if (key == "timeout" || key == "estimated_duration") {
      auto s = string_value();
      if (!s) return;
      absl::StatusOr<absl::Duration> d = ParseDuration(*s);
      if (!d.ok()) {
        diagnostics_.Error(Where(value, file_), absl::StrCat(key, ": ", d.status().message()));
      } else if (key == "timeout") {
        c.timeout = *d;
      } else {
        c.estimated_duration = *d;
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
  std::set<std::string> visiting_;
  absl::flat_hash_map<std::string, SourceLocation> defined_at_;
  std::string file_;
  fs::path dir_;
};

}  // namespace

const ComponentConfig* Deployment::Find(const std::string& name) const {
  for (const ComponentConfig& c : components)
    if (c.name == name) return &c;
  return nullptr;
}

std::string CheckComponentName(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name.size() > 200) return "is longer than 200 characters";
  if (name.front() == '/') return "must not start with '/' (names become directory names)";
  for (char ch : name) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-' || ch == '/';
    if (!ok)
      return "may hold only letters, digits, '.', '_', '-' and '/' (names become directory names)";
  }
  for (absl::string_view segment : absl::StrSplit(name, '/')) {
    if (segment.empty()) return "has an empty path segment ('//' or a trailing '/')";
    if (segment == "." || segment == "..")
      return "must not contain '.' or '..' segments (names become directory names)";
  }
  return {};
}

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

absl::StatusOr<Deployment> LoadDeployment(const std::string& given_path) {
  std::error_code ec;
  const std::string path = fs::absolute(given_path, ec).lexically_normal().string();
  if (!fs::is_regular_file(path, ec))
    return absl::NotFoundError(absl::StrCat("cannot read config file '", path, "'"));
  Deployment deployment;
  deployment.file = path;
  deployment.root_dir = fs::path(path).parent_path().string();
  Diagnostics diagnostics;
  Parser(deployment, diagnostics).ParseFile(path, SourceLocation{path});
  std::sort(deployment.components.begin(), deployment.components.end(),
            [](const ComponentConfig& a, const ComponentConfig& b) { return a.name < b.name; });
  if (absl::Status status = diagnostics.ToStatus(); !status.ok()) return status;
  return deployment;
}

}  // namespace gantry::config
