// The checks `gantry validate` runs on a terraform component beyond its settings' kinds:
// the module exists, its vars name its variables, the program can be found.
#ifndef GANTRY_PLUGINS_TERRAFORM_VALIDATION_H_
#define GANTRY_PLUGINS_TERRAFORM_VALIDATION_H_

#include <string>

#include "gantry/plugin.hpp"
#include "module_facts.h"
#include "terraform_settings.h"

namespace gantry::terraform {

/// Reports every problem (errors and warnings); false when there was an error.
bool CheckComponent(const Call& call, const Component& component,
                    const TerraformSettings& settings, const ModuleFacts& facts);

/// Before the first run with gantry's local backend: a terraform.tfstate in the sources
/// (from running terraform by hand) would be ignored and everything created again, so
/// refuse and say how to move it. False after reporting the error.
bool CheckStateNotInSources(const Call& call, const Component& component,
                            const TerraformSettings& settings, const ModuleFacts& facts);

}  // namespace gantry::terraform

#endif  // GANTRY_PLUGINS_TERRAFORM_VALIDATION_H_
