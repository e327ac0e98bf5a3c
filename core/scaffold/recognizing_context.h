// The host's side of one recognize call (gantry init): which proposals it takes.
#ifndef GANTRY_CORE_SCAFFOLD_RECOGNIZING_CONTEXT_H_
#define GANTRY_CORE_SCAFFOLD_RECOGNIZING_CONTEXT_H_

#include <string>
#include <vector>

#include "core/plugin/collecting_context.h"
#include "core/scaffold/proposal.h"

namespace gantry::scaffold {

/// Takes proposals that name one of the plugin's `types`, a source inside `dir` (the
/// directory being recognised; empty means `dir`) and settings that form a JSON object;
/// refuses others, saying why (the plugin gets GANTRY_STATUS_FAILED, the user a warning).
/// What the plugin reports otherwise is collected as by CollectingContext.
class RecognizingContext : public plugin::CollectingContext {
 public:
  RecognizingContext(std::string plugin, std::vector<std::string> types, std::string dir);

  std::string ProposeComponent(plugin::ComponentProposal proposal) override;

  /// The proposals taken, in order.
  std::vector<Proposal>& proposals() { return proposals_; }

 private:
  const std::string plugin_;
  const std::vector<std::string> types_;
  const std::string dir_;
  std::vector<Proposal> proposals_;
};

}  // namespace gantry::scaffold

#endif  // GANTRY_CORE_SCAFFOLD_RECOGNIZING_CONTEXT_H_
