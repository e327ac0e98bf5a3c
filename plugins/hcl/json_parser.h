// Reading a .tf.json file (Terraform's JSON syntax) into the blocks and attributes its
// native twin would have.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_JSON_PARSER_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_JSON_PARSER_H_

#include <string>
#include <string_view>

#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

/// Parses `text`, the content of `file_name`. The top-level object maps block types to
/// their labels and bodies (`"resource": {"type": {"name": {...}}}`); a block type may
/// instead map to an array of such objects, and a body may be an array of bodies (one
/// block each). Whether a property is a nested block is decided by BlockLabels; every
/// other property is an attribute. A `"//"` property of a body is a comment. A string is
/// kTemplate when it holds `${` or `%{` (not `$${`, `%%{`). A top-level property that is
/// no block type is kept in File::attributes. Invalid JSON is one problem and an empty
/// file; a wrongly shaped block is a problem and is left out.
File ParseJson(std::string_view text, const std::string& file_name);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_JSON_PARSER_H_
