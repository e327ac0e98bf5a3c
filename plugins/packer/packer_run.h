// One operation of one packer component, from a fresh workspace: write the vars file,
// run `packer init` when the template asks for plugins and the binary has init, then
// `packer validate` (plan) or `packer build` (apply), and record what this build made.
#ifndef GANTRY_PLUGINS_PACKER_PACKER_RUN_H_
#define GANTRY_PLUGINS_PACKER_PACKER_RUN_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.h"
#include "gantry/plugin.hpp"
#include "last_build.h"
#include "machine_readable.h"
#include "packer_settings.h"
#include "template_facts.h"
#include "temp_dir.h"

namespace gantry::packer {

class PackerRun {
 public:
  /// `place` and `facts`: the template as found in the workspace.
  PackerRun(const Call& call, const Component& component, const PackerSettings& settings,
            const TemplatePlace& place, const TemplateFacts& facts);

  /// plan or apply (the plugin answers destroy and other operations itself).
  Status Run(std::string_view operation);

 private:
  // What one packer command did, as far as the plugin cares.
  struct Outcome {
    SpawnResult result;
    MachineReadableLog log;           ///< stdout, when machine-readable
    std::string output;               ///< stdout, when only kept (never shown)
    std::vector<std::string> errors;  ///< stderr lines (also shown by the host)
  };
  enum class Mode { kShown, kMachineReadable, kKept };

  Status Prepare();
  Status InitIfWanted();
  Status Plan();
  Status Build();
  Status RecordOutputs(const Outcome& build);
  /// The last build, when this run's inputs are exactly its own (and rebuild allows).
  std::optional<LastBuild> UpToDateBuild() const;
  /// Says so, records the last build's outputs again and reports no changes.
  Status NothingToBuild(const LastBuild& last, bool record_outputs) const;
  void KeepLastBuild(const std::vector<OutputValue>& outputs,
                     const std::set<std::string>& sensitive) const;

  /// The manifest files of the template, absolute (in the workspace when relative).
  std::vector<std::string> ManifestPaths() const;
  /// Every run id the manifests hold now.
  std::set<std::string> ManifestRunIds() const;

  Outcome Packer(const std::vector<std::string>& argv, Mode mode) const;
  /// kOk when the command succeeded; otherwise the status to return, the reason reported.
  Status Check(const Outcome& outcome, std::string_view what) const;
  Status Fail(const std::string& error) const;

  const Call& call_;
  const Component& component_;
  const PackerSettings& settings_;
  const TemplatePlace& place_;
  const TemplateFacts& facts_;
  RunTempDir temp_dir_;
  CommandLine commands_;
  std::set<std::string> manifest_ids_before_;
  /// BuildInputsFingerprint of this run's workspace, taken before gantry writes into it.
  std::string fingerprint_;
};

/// `vars_json` as a legacy template's var file takes it: every value a string (other
/// values as their JSON text).
std::string LegacyVarsJson(std::string_view vars_json);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_PACKER_RUN_H_
