// What `gantry init` is told of a directory: is it a terraform root module?
#ifndef GANTRY_PLUGINS_TERRAFORM_RECOGNIZE_H_
#define GANTRY_PLUGINS_TERRAFORM_RECOGNIZE_H_

#include <optional>
#include <string>

#include "gantry/plugin.hpp"
#include "module_facts.h"

namespace gantry::terraform {

/// The component `dir` is, from its facts: a root module is a directory of .tf or
/// .tf.json files, except one inside a `modules` directory without a backend (a child
/// module the roots call, by the common layout). nullopt: not a root.
std::optional<Proposal> RecognizeRoot(const std::string& dir, const ModuleFacts& facts);

/// The recognize hook: proposes `dir` when it is a root module.
Status Recognize(const Call& call, const std::string& dir);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_RECOGNIZE_H_
