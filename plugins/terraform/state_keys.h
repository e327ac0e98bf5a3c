// The keys by which gantry matches a component reading a terraform state (a data
// "terraform_remote_state") to the component writing it, across components that do not
// name each other. A key names one state, independent of the workspace:
//
//   terraform.state:local:<absolute path of the default workspace's state file>
//   terraform.state:s3:<bucket>/<key>
//   terraform.state:gcs:<bucket>/<prefix>
//   terraform.state:azurerm:<storage_account_name>/<container_name>/<key>
//
// A writer provides the key of the backend it writes (gantry's own local backend: its
// state directory's terraform.tfstate); a reader needs the key of each remote state it
// reads. Relative local paths are taken from the directory terraform runs in, the
// component's workspace (.gantry/workspaces/<run>/<component>/).
#ifndef GANTRY_PLUGINS_TERRAFORM_STATE_KEYS_H_
#define GANTRY_PLUGINS_TERRAFORM_STATE_KEYS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "module_facts.h"

namespace gantry::terraform {

/// What discovery knows of the component, to resolve what its files write.
struct KeyContext {
  std::string project_dir;    ///< absolute
  std::string component;      ///< its name ("network/vpc")
  std::string state_dir;      ///< absolute
  std::string workspace;      ///< the terraform workspace it runs in
  std::map<std::string, std::string> string_vars;  ///< its vars holding plain strings
};

/// The key of the state the component writes, or nullopt when it cannot be told from the
/// files (a templated bucket, an unsupported backend).
std::optional<std::string> ProvidedKey(const ModuleFacts& facts, const KeyContext& context);

/// The key of the state a remote state block reads, or nullopt when it cannot be told.
/// `why_not` says why, for the log.
std::optional<std::string> NeededKey(const RemoteStateUse& use, const KeyContext& context,
                                     std::string& why_not);

/// `path` made absolute against `base` with "." and ".." segments resolved, textually.
std::string NormalizePath(std::string_view path, std::string_view base);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_STATE_KEYS_H_
