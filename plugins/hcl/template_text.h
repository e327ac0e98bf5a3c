// What both syntaxes need to know of a template's text without parsing it.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_TEMPLATE_TEXT_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_TEMPLATE_TEXT_H_

#include <string>
#include <string_view>

namespace gantry::terraform::hcl {

/// True when `text` holds a "${" or "%{" that is not escaped as "$${" or "%%{".
bool HasTemplateSequence(std::string_view text);

/// `text` with "$${" made "${" and "%%{" made "%{": the string a template with no
/// sequences stands for.
std::string ResolveLiteralEscapes(std::string_view text);

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_TEMPLATE_TEXT_H_
