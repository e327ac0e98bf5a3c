// Gantry's read-only Terraform configuration reader, for discovery: it finds blocks and
// attributes in .tf (HCL native syntax) and .tf.json files and never evaluates anything.
//
//   const Module module = ReadModule(component_dir);
//   for (const Block& block : module.blocks)
//     if (block.type == "data" && block.labels.at(0) == "terraform_remote_state") ...
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_HCL_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_HCL_H_

#include "hcl/json_parser.h"    // IWYU pragma: export
#include "hcl/module_reader.h"  // IWYU pragma: export
#include "hcl/native_parser.h"  // IWYU pragma: export
#include "hcl/syntax.h"         // IWYU pragma: export

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_HCL_H_
