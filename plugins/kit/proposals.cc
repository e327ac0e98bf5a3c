#include "kit/proposals.h"

namespace gantry::kit {

Status ProposeAll(const Call& call, const std::vector<Proposal>& proposals) {
  for (const Proposal& proposal : proposals) {
    const Status status = call.ProposeComponent(proposal);
    if (status == Status::kUnsupported) return Status::kOk;
    if (status != Status::kOk) return status;
  }
  return Status::kOk;
}

}  // namespace gantry::kit
