// One operation of one terraform component, from a fresh workspace: write the vars and
// backend files, init only when needed (under the provider cache lock), follow the
// target's workspace, run the command, then record outputs or the plan's changes. With a
// plan directory from the host, a plan is saved there and an apply applies that plan.
#ifndef GANTRY_PLUGINS_TERRAFORM_TERRAFORM_RUN_H_
#define GANTRY_PLUGINS_TERRAFORM_TERRAFORM_RUN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.h"
#include "gantry/plugin.hpp"
#include "saved_plan.h"
#include "terraform_json.h"
#include "terraform_settings.h"

namespace gantry::terraform {

class TerraformRun {
 public:
  /// `module_has_backend`: the module configures its own backend (or cloud block), which
  /// gantry leaves as written; otherwise gantry's local backend keeps the state in the
  /// component's state directory.
  TerraformRun(const Call& call, const Component& component, const TerraformSettings& settings,
               bool module_has_backend);

  Status Run(std::string_view operation);

 private:
  // What one terraform command did, as far as the plugin cares.
  struct Outcome {
    SpawnResult result;
    std::string transient;                ///< a line showing a transient failure, or ""
    std::string lock_holder;              ///< a held state lock's "Who:", or ""
    std::optional<Changes> completion;    ///< from "Apply complete! Resources: ..."
    std::string output;                   ///< stdout, only when kept (never shown)
    std::string errors;                   ///< stderr, only when kept (also shown)
  };

  Status Prepare();
  Status InitIfNeeded();
  Status Init();
  Status SelectWorkspace();
  Status Plan();
  Status ApplyOrDestroy(bool destroy);
  Status RecordOutputs();
  /// set_output with the flags `value` calls for: during a plan, a planned output.
  Status SetOutput(const OutputValue& value) const;
  /// During a plan: the outputs the plan knows the values of.
  void ReportPlannedOutputs(const std::string& plan_json) const;
  /// What basis.json records for a plan made now: the state it is made from.
  std::optional<PlanBasis> BasisNow(std::string& error) const;

  Outcome Terraform(const std::vector<std::string>& argv, bool keep_output = false) const;
  /// kOk when the command succeeded; otherwise the status to return, the reason reported.
  Status Check(const Outcome& outcome, std::string_view what) const;
  /// Reports `error` when not empty; kFailed then, else kOk.
  Status Fail(const std::string& error) const;

  std::string WorkPath(std::string_view name) const;
  std::string CurrentWorkspace() const;
  std::string Fingerprint() const;
  /// copy_lock_file = false: puts the lock file kept in the data dir into the workspace.
  void RestoreLockFile() const;
  /// Keeps the lock file init wrote: in the data dir, and beside the sources.
  void KeepLockFile() const;

  const Call& call_;
  const Component& component_;
  const TerraformSettings& settings_;
  bool module_has_backend_;
  CommandLine commands_;
};

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_TERRAFORM_RUN_H_
