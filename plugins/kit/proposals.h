// The end of every built-in type's recognize hook (gantry init).
#ifndef GANTRY_PLUGINS_KIT_PROPOSALS_H_
#define GANTRY_PLUGINS_KIT_PROPOSALS_H_

#include <vector>

#include "gantry/plugin.hpp"

namespace gantry::kit {

/// Proposes each in order; stops at the first the host refuses (kFailed, the host has
/// shown why). A host that cannot take proposals (older than 0.4) is not an error: kOk.
Status ProposeAll(const Call& call, const std::vector<Proposal>& proposals);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_PROPOSALS_H_
