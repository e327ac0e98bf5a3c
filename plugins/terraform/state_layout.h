// Where a terraform component's state lives: in its persistent state directory
// (.gantry/state/<target>/<component>/), never in the disposable workspace.
//
//   <state_dir>/terraform.tfstate                       the default workspace's local state
//   <state_dir>/terraform.tfstate.d/<workspace>/...     every other workspace's
//   <state_dir>/.terraform/                             TF_DATA_DIR: backend record, modules
//   <state_dir>/.terraform/gantry-init                  what the last init was run for
#ifndef GANTRY_PLUGINS_TERRAFORM_STATE_LAYOUT_H_
#define GANTRY_PLUGINS_TERRAFORM_STATE_LAYOUT_H_

#include <string>
#include <string_view>

namespace gantry::terraform {

/// The file gantry adds to the workspace when the module configures no backend: a local
/// backend whose state lives in the state directory.
inline constexpr const char* kBackendFile = "gantry_backend.tf.json";

/// TF_DATA_DIR for the component.
std::string DataDir(std::string_view state_dir);

/// The fingerprint file of the last successful init, inside the data dir.
std::string InitMarkerPath(std::string_view state_dir);

/// A copy of the last dependency lock file init wrote, restored into a workspace that has
/// none (copy_lock_file = false), so providers installed once stay usable.
std::string SavedLockFilePath(std::string_view state_dir);

/// The local state file of `workspace` under the gantry-managed backend.
std::string LocalStatePath(std::string_view state_dir, std::string_view workspace);

/// The text of kBackendFile for `state_dir`: terraform { backend "local" { path,
/// workspace_dir } } as terraform's JSON syntax.
std::string LocalBackendConfig(std::string_view state_dir);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_STATE_LAYOUT_H_
