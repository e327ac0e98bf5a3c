// Reading a Terraform module: every configuration file of one directory.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_MODULE_READER_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_MODULE_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

struct Module {
  /// The top-level blocks of every file, file by file in `files` order.
  std::vector<Block> blocks;
  /// Every file's problems, a file that could not be read, and a top-level attribute or
  /// unknown JSON block type (Terraform accepts only blocks there).
  std::vector<Problem> problems;
  /// The files read: `dir` + "/" + name, sorted by name.
  std::vector<std::string> files;
};

/// Whether Terraform reads `name` as configuration: *.tf or *.tf.json, not hidden
/// (".x"), not an editor's backup ("x~") or lock ("#x#").
bool IsConfigurationFile(std::string_view name);

/// Whether `name` is an override file: override.tf, x_override.tf (or .tf.json).
bool IsOverrideFile(std::string_view name);

/// Reads every configuration file directly in `dir` (not its subdirectories), sorted by
/// name. Blocks of override files have from_override set; the caller merges them.
/// A directory or file that cannot be read is a problem, never an exception.
Module ReadModule(const std::string& dir);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_MODULE_READER_H_
