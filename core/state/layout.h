// Where everything of gantry lives under a deployment's .gantry directory.
#ifndef GANTRY_CORE_STATE_LAYOUT_H_
#define GANTRY_CORE_STATE_LAYOUT_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace gantry::state {

/// Path logic over one `.gantry` root (which sits next to gantry.toml):
///
///     runs/<run>/journal.jsonl            append-only record of the run
///     runs/<run>/logs/<component>.log     one log per component
///     runs/<run>/summary.json
///     runs/<run>/.live                    flock held while the run is in progress
///     runs/<run>/plans/<component>/       a plan's saved plan, the plugin's files (0700)
///     runs/<run>/plans/<component>.gantry.json  what that plan was made from (0600)
///     workspaces/<run>/<component>/       isolated working copies, removed after the run
///     state/<target>/<component>/         persistent, never removed by gantry
///     state/<target>/<component>/.gantry-outputs.json
///     locks/<target>.lock                 a byte per component, locked while it runs
///     cache/<plugin>/                     a plugin's caches, shared by its components;
///                                         never removed by gantry
///
/// Pure path arithmetic: nothing is created. Every path is inside the root, whatever the
/// names: each run id, target, component and plugin name goes through ContainedName, so a
/// name such as "../x" or "/tmp/x" (which validation refuses long before) yields an odd
/// path inside the root, never one outside it. A component name with '/' becomes nested
/// directories ("network/vpc" -> .../network/vpc/), which is why one component's name
/// must not be a directory of another's (see CheckNoNestedComponentNames).
///
/// Locks live in their own tree, not in the state directory: the state directory is the
/// plugin's to manage (GANTRY_STATE_DIR), and a lock file that a tool deletes or replaces
/// while it is held silently stops excluding anyone (a new open gets a new inode).
class Layout {
 public:
  explicit Layout(std::filesystem::path root) : root_(std::move(root)) {}

  /// The layout of the deployment whose gantry.toml is in `deployment_root`:
  /// `<deployment_root>/.gantry`.
  static Layout ForDeployment(const std::filesystem::path& deployment_root) {
    return Layout(deployment_root / kDirName);
  }

  /// The name of the directory: ".gantry".
  static constexpr char kDirName[] = ".gantry";

  const std::filesystem::path& root() const { return root_; }

  std::filesystem::path RunsDir() const { return root_ / "runs"; }
  std::filesystem::path RunDir(std::string_view run) const;
  std::filesystem::path LogsDir(std::string_view run) const;
  std::filesystem::path LogPath(std::string_view run, std::string_view component) const;
  std::filesystem::path JournalPath(std::string_view run) const;
  std::filesystem::path SummaryPath(std::string_view run) const;
  /// The file a run holds an exclusive flock on while it is in progress (RunLiveness).
  std::filesystem::path LivePath(std::string_view run) const;
  /// Where a plan keeps each component's saved plan: the plugin's files in
  /// PlanDir(run, component)/, gantry's record of what it was planned with beside it.
  std::filesystem::path PlansDir(std::string_view run) const { return RunDir(run) / "plans"; }
  std::filesystem::path PlanDir(std::string_view run, std::string_view component) const;
  std::filesystem::path PlanRecordPath(std::string_view run, std::string_view component) const;

  std::filesystem::path WorkspacesDir() const { return root_ / "workspaces"; }
  /// workspaces/<run>: the parent of every workspace of one run.
  std::filesystem::path RunWorkspacesDir(std::string_view run) const;
  std::filesystem::path WorkspaceDir(std::string_view run, std::string_view component) const;

  std::filesystem::path StateRootDir() const { return root_ / "state"; }
  std::filesystem::path StateDir(std::string_view target, std::string_view component) const;
  /// The recorded outputs of a component (see output_store.h), in its state directory.
  std::filesystem::path OutputsPath(std::string_view target, std::string_view component) const;

  std::filesystem::path LocksDir() const { return root_ / "locks"; }
  /// locks/<target>.lock: one byte of it per component is locked while that component
  /// runs (ComponentLock).
  std::filesystem::path TargetLockPath(std::string_view target) const;

  std::filesystem::path CacheRootDir() const { return root_ / "cache"; }
  /// cache/<plugin>: the persistent cache directory of the plugin called `plugin` (its
  /// descriptor's name), shared by every component, target and run (gantry_component
  /// cache_dir).
  std::filesystem::path CacheDir(std::string_view plugin) const;

  /// durations/<target>.json: how long each component's last apply took (a hint for
  /// scheduling, see duration_store.h).
  std::filesystem::path DurationsPath(std::string_view target) const;

 private:
  std::filesystem::path root_;
};

/// `name` as a relative path that cannot leave the directory it is joined to: the one
/// place every name becomes a path. A valid name ('/'-separated segments of
/// [A-Za-z0-9._-], none empty, "." or "..") is returned unchanged; in any other, every
/// other byte and the dots of a "." or ".." segment become %XX, and an empty segment
/// (a leading '/', "//") becomes "%". Distinct names stay distinct.
std::string ContainedName(std::string_view name);

/// The file name of recorded outputs inside a state directory.
inline constexpr char kOutputsFileName[] = ".gantry-outputs.json";

/// Creates `dir` and any missing parents with `mode` (less the umask), like `mkdir -p`.
/// OK when it already is a directory (or a symlink to one). The error names the path.
absl::Status EnsureDir(const std::filesystem::path& dir, mode_t mode = 0755);

/// EnsureDir for a directory only its owner may enter (0700, e.g. a component's state,
/// where tools keep secrets in clear): created so; an existing one with group or other
/// bits is chmod'ed to 0700. One stat(2) when it is there already and private.
absl::Status EnsurePrivateDir(const std::filesystem::path& dir);

/// InvalidArgument, naming both, when one component name is a directory of another
/// ("network" and "network/vpc"): their workspaces and state directories would nest, so
/// removing one workspace would remove the other. Names are compared by '/' segments.
absl::Status CheckNoNestedComponentNames(const std::vector<std::string>& names);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_LAYOUT_H_
