// A deployment as read from gantry.toml: plain data, no behaviour.
#ifndef GANTRY_CORE_CONFIG_DEPLOYMENT_H_
#define GANTRY_CORE_CONFIG_DEPLOYMENT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/config/diagnostics.h"
#include "nlohmann/json.hpp"

namespace gantry::config {

/// What to do with the rest of the run when this component fails.
enum class OnFailure { kAbort, kSkipDependents, kIgnore };

/// One `[components."NAME"]` table.
struct ComponentConfig {
  std::string name;
  SourceLocation location;     ///< where its table starts
  std::string type;
  std::string source_dir;      ///< absolute; empty when `source` is not set
  std::vector<std::string> depends_on;
  std::vector<SourceLocation> depends_on_locations;  ///< parallel to depends_on
  nlohmann::json vars = nlohmann::json::object();
  /// Type-specific keys (everything that is not a common key), for the plugin.
  nlohmann::json settings = nlohmann::json::object();
  std::vector<std::string> sensitive;
  std::string group;
  OnFailure on_failure = OnFailure::kAbort;
  int retries = 0;
  std::vector<std::string> retry_on;
  /// Regular expressions that mark a failure as throttling (the API said "too many
  /// requests"): the component goes back to the queue after a back-off instead of
  /// failing, and its adaptive groups' limits are cut. Added to its groups' throttle_on.
  std::vector<std::string> throttle_on;
  std::optional<absl::Duration> timeout;
  std::optional<absl::Duration> estimated_duration;
  /// `plan_defaults`: for `gantry plan` only, a stand-in value per output reference
  /// ("network/vpc.vpc_id" -> "vpc-00000000") used when the producer was never applied
  /// and this run's plan of it does not know the value. Never used by any other run.
  std::map<std::string, nlohmann::json> plan_defaults;
  /// Where each key of the effective table is written, by dotted path ("commands.apply"),
  /// the target overlay's place when it sets the key.
  std::map<std::string, SourceLocation> key_locations;
  /// `[components.NAME.targets.T]` overlays, raw, merged by target resolution.
  nlohmann::json targets = nlohmann::json::object();
  /// The whole effective table (its own table with the target's overlays merged in),
  /// without `targets`: what `gantry affected` compares with the table at a git revision.
  nlohmann::json effective_table = nlohmann::json::object();
};

/// Where `path` ("vars.list[2]", "backend.bucket") of `component` is written: its own
/// place, else its nearest enclosing key's, else the component's table.
const SourceLocation& LocationOf(const ComponentConfig& component, const std::string& path);

/// The target used when none is chosen.
inline constexpr char kDefaultTarget[] = "default";

/// `[plugins.NAME]`: how gantry runs one plugin.
struct PluginOptions {
  /// "process": in a plugin host process of its own (a crash fails only its hooks);
  /// "inprocess": inside gantry. Unset: gantry's default (plugin_policy.h).
  std::optional<std::string> isolation;
  /// Out of process, the longest validate, discover, check_saved_plan or recognize may
  /// take before its plugin host is killed. Unset: 60 s.
  std::optional<absl::Duration> hook_timeout;
  /// Out of process, how long a cancelled execute may take to return before its plugin
  /// host is killed. Unset: 10 s.
  std::optional<absl::Duration> stop_timeout;
  SourceLocation where;  ///< the table, for "no such plugin"
};

/// One `[limits]` entry: an integer is a fixed cap (max); a table may make it adaptive.
struct GroupLimit {
  int max = 1;
  int min = 1;                ///< adaptive: never cut below
  std::optional<int> start;   ///< adaptive: the first limit; unset: max
  bool adaptive = false;      ///< halved on throttling, raised by one per round of successes
  /// Regular expressions that mark a failure of a component of this group as throttling
  /// (with the component's own throttle_on). Empty: only the built-in ones (HTTP 429,
  /// Throttling, Rate exceeded, RequestLimitExceeded, TooManyRequests, SlowDown).
  std::vector<std::string> throttle_on;
};

/// The whole file (and its includes), with one target's overlays applied.
struct Deployment {
  std::string file;      ///< absolute path of the main gantry.toml
  std::string root_dir;  ///< its directory: relative paths resolve against it
  /// Every file read, absolute: `file`, then the files it includes (record files such
  /// as --summary must never replace one).
  std::vector<std::string> files;
  std::string target = kDefaultTarget;  ///< the target whose overlays were applied
  /// 0 means "auto" (hardware threads); absent means the safe default of 1.
  std::optional<int> max_concurrency;
  std::vector<std::string> plugin_paths;  ///< absolute
  /// Keep the workspace of a component that failed (for inspection).
  bool keep_workspace_on_failure = false;
  std::map<std::string, GroupLimit> limits;  ///< group or type -> its limit
  std::map<std::string, PluginOptions> plugin_options;  ///< [plugins.NAME], by name
  std::map<std::string, nlohmann::json> targets;  ///< [targets.NAME], raw
  std::vector<ComponentConfig> components;        ///< sorted by name
  /// Problems in components' common keys (a `depends_on` that is no list, a bad
  /// `timeout`...). They fail every command, but only after the plugins' checks have run
  /// too, so that one bad common key does not hide the rest (see CheckAndBuildGraph).
  Diagnostics component_problems;

  const ComponentConfig* Find(const std::string& name) const;
};

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_DEPLOYMENT_H_
