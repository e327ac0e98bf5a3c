// One operation of one ansible component, from a fresh workspace: write the inventory
// and the vars file, install gantry's callback, run ansible-playbook, then read what
// the callback recorded: changes, outputs (apply), or why it failed.
#ifndef GANTRY_PLUGINS_ANSIBLE_ANSIBLE_RUN_H_
#define GANTRY_PLUGINS_ANSIBLE_ANSIBLE_RUN_H_

#include <optional>
#include <string>
#include <string_view>

#include "ansible_settings.h"
#include "command_line.h"
#include "gantry/plugin.hpp"
#include "run_result.h"

namespace gantry::ansible {

/// The directory of gantry's own files in the workspace.
inline constexpr const char* kGantryDir = ".gantry-ansible";

class AnsibleRun {
 public:
  AnsibleRun(const Call& call, const Component& component, const AnsibleSettings& settings);

  Status Run(std::string_view operation);

 private:
  /// Writes the files of the run and fills paths_; kOk or kFailed (reported).
  Status Prepare();
  Status Playbook(std::string_view operation, const std::string& playbook);
  /// The callback's record; nullopt when it wrote none (or one gantry cannot read,
  /// logged).
  std::optional<RunResult> ReadResult() const;
  Status RecordOutputs(const RunResult& result) const;
  Status Fail(const std::string& error) const;

  const Call& call_;
  const Component& component_;
  const AnsibleSettings& settings_;
  RunPaths paths_;
};

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_ANSIBLE_RUN_H_
