// Terraform failures worth another attempt: the network, a registry, a rate limit or a
// state lock another run holds, not the configuration.
#ifndef GANTRY_PLUGINS_TERRAFORM_TRANSIENT_ERRORS_H_
#define GANTRY_PLUGINS_TERRAFORM_TRANSIENT_ERRORS_H_

#include <string>
#include <string_view>
#include <vector>

namespace gantry::terraform {

/// The phrase of a state lock another run holds: the component is busy, not failed.
inline constexpr std::string_view kStateLockPhrase = "error acquiring the state lock";

/// The phrases that mark an output line as a transient failure (matched ignoring case).
const std::vector<std::string_view>& TransientPhrases();

/// The phrase `line` contains, or "" when none.
std::string_view TransientPhraseIn(std::string_view line);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_TRANSIENT_ERRORS_H_
