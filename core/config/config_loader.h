// Reading gantry.toml (and the files it includes) into a Deployment.
#ifndef GANTRY_CORE_CONFIG_CONFIG_LOADER_H_
#define GANTRY_CORE_CONFIG_CONFIG_LOADER_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "core/config/deployment.h"

namespace gantry::config {

/// The name looked for when no file is given.
inline constexpr char kConfigFileName[] = "gantry.toml";

/// Walks up from `start_dir` to the first directory holding gantry.toml. NotFound, with
/// what to do, when there is none.
absl::StatusOr<std::string> FindConfigFile(const std::string& start_dir);

/// Parses and checks the file and its includes. Every problem found is reported in one
/// InvalidArgument status, one "file:line:col: error: ..." per line; NotFound when the
/// file cannot be read.
/// `target` selects the overlays merged into every component ([targets.T], then the
/// component's own targets.T); empty or "default" means none. An unknown target is an
/// error.
/// With `keep_component_problems`, problems in a component's common keys leave the
/// component partly read and are kept in Deployment::component_problems instead: the
/// caller reports them (with the plugins' findings) before using the deployment.
absl::StatusOr<Deployment> LoadDeployment(const std::string& path,
                                          const std::string& target = "",
                                          bool keep_component_problems = false);

/// Reads a deployment file's text by its absolute path: NotFound when it does not exist.
using FileReader = std::function<absl::StatusOr<std::string>(const std::string& path)>;

/// LoadDeployment reading the file and its includes through `read` instead of from disk
/// (the files as they were at a git revision, for `gantry affected`), at the same paths:
/// relative paths resolve as they would on disk.
absl::StatusOr<Deployment> LoadDeploymentWith(const std::string& path, const std::string& target,
                                              bool keep_component_problems,
                                              const FileReader& read);

/// Whether a component name can safely become a directory name: [A-Za-z0-9._-] segments
/// joined by '/', no empty, "." or ".." segment. Empty result means fine, else the reason.
std::string CheckComponentName(const std::string& name);
/// A character a component name may hold besides '/': [A-Za-z0-9._-].
bool IsComponentNameChar(char ch);

/// The same rules for a target name ([targets.NAME], --target): it becomes a directory
/// name too (state/<target>/, locks/<target>/). Empty result means fine, else the reason.
std::string CheckTargetName(const std::string& name);

}  // namespace gantry::config

#endif  // GANTRY_CORE_CONFIG_CONFIG_LOADER_H_
