// What the plugin needs to know of a root module, read from its .tf and .tf.json files
// without running terraform: its backend, outputs, variables and the remote states it reads.
#ifndef GANTRY_PLUGINS_TERRAFORM_MODULE_FACTS_H_
#define GANTRY_PLUGINS_TERRAFORM_MODULE_FACTS_H_

#include <map>
#include <string>
#include <vector>

namespace gantry::terraform {

/// A setting of a backend or remote state, as written: the text of a string (a template's
/// raw text, with ${...} kept, when `templated`).
struct ConfigValue {
  std::string text;
  bool templated = false;
};

/// A data "terraform_remote_state" block.
struct RemoteStateUse {
  std::string name;                            ///< its label: data.terraform_remote_state.NAME
  std::string backend;                         ///< "local", "s3"...; empty when not a string
  std::map<std::string, ConfigValue> config;   ///< the string members of `config`
  std::string workspace;                       ///< its `workspace` argument, when a string
  std::string where;                           ///< "main.tf:12"
};

struct ModuleOutput {
  std::string name;
  bool sensitive = false;
  std::string description;
};

/// A module block whose source is a local path ("./..." or "../...").
struct LocalModuleCall {
  std::string name;    ///< its label: module.NAME
  std::string source;  ///< as written
  std::string where;   ///< "main.tf:12"
};

/// A local module directory a root module uses, directly or through another local
/// module, and how the user reads it: "module ../modules/vpc" (the source as the root
/// writes it), "module ./subnet (in ../modules/vpc)" for one a module calls.
struct LocalModuleDir {
  std::string dir;  ///< absolute, lexically normal
  std::string reason;
};

struct ModuleFacts {
  /// A terraform { backend "..." {} } or terraform { cloud {} } block exists.
  bool has_backend = false;
  /// "s3", "local"...; "cloud" for a cloud block; empty when none.
  std::string backend_type;
  /// The backend block's string arguments.
  std::map<std::string, ConfigValue> backend_config;
  std::vector<ModuleOutput> outputs;
  std::vector<std::string> variables;
  std::vector<RemoteStateUse> remote_states;
  std::vector<LocalModuleCall> local_modules;
  /// Syntax problems, each "file:line:col: message".
  std::vector<std::string> problems;
  /// The .tf and .tf.json files read (paths as the HCL reader names them: the directory
  /// joined with the name); empty: not a terraform module.
  std::vector<std::string> files;
};

/// Reads the module in `dir` (its own files; not the modules it calls).
ModuleFacts ReadModuleFacts(const std::string& dir);

/// Every local module directory the module in `dir` (whose facts are `facts`) calls,
/// following local modules' own local calls, each once (a cycle ends), `dir` never.
/// Registry, git and other remote sources are not followed.
std::vector<LocalModuleDir> LocalModuleDirs(const std::string& dir, const ModuleFacts& facts);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_MODULE_FACTS_H_
