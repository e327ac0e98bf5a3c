// Reading a .tf file (HCL native syntax) into blocks and attributes.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_NATIVE_PARSER_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_NATIVE_PARSER_H_

#include <string>
#include <string_view>

#include "hcl/syntax.h"

namespace gantry::terraform::hcl {

/// Parses `text`, the content of `file_name` (which only names places in problems).
/// Never throws on any input (but bad_alloc), never recurses deeper than kMaxNesting,
/// and goes on after a problem where it can: a bad line is skipped, an unclosed block
/// runs to the end of the file. Problems come sorted by place.
File ParseNative(std::string_view text, const std::string& file_name);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_NATIVE_PARSER_H_
