// Which JSON properties are Terraform blocks. JSON cannot tell a block from an object
// attribute, so Terraform's JSON syntax decides by name; this is the part of its schema
// that discovery needs.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_JSON_SCHEMA_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_JSON_SCHEMA_H_

#include <optional>
#include <string_view>

namespace gantry::terraform::hcl {

/// How many labels a block of type `child` has inside a block of type `parent` (""
/// for the top level of a file), or nullopt when `child` is not a block type there, so
/// its property is an attribute. A block type's own body is not checked (a provider's
/// resource schema is unknown here): an object there is an attribute unless listed.
std::optional<int> BlockLabels(std::string_view parent, std::string_view child);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_JSON_SCHEMA_H_
