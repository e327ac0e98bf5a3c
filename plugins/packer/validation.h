// The checks `gantry validate` runs on a packer component beyond its settings' kinds:
// the template exists and defines a build, only/except select one, the program is found.
#ifndef GANTRY_PLUGINS_PACKER_VALIDATION_H_
#define GANTRY_PLUGINS_PACKER_VALIDATION_H_

#include "gantry/plugin.hpp"
#include "packer_settings.h"
#include "template_facts.h"

namespace gantry::packer {

/// Reports every problem (errors and warnings); false when there was an error.
bool CheckComponent(const Call& call, const Component& component, const PackerSettings& settings,
                    const TemplatePlace& place, const TemplateFacts& facts);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_VALIDATION_H_
