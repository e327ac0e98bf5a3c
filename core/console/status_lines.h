// The one-line messages the console prints as a run goes, in every output mode.
#ifndef GANTRY_CORE_CONSOLE_STATUS_LINES_H_
#define GANTRY_CORE_CONSOLE_STATUS_LINES_H_

#include <string>

#include "core/console/style.h"
#include "core/record/run_record.h"

namespace gantry::console {

/// "gantry: apply (target dev): 10 components, run <id>\n".
std::string RunStartedLine(const record::RunRecord& run);
/// "gantry: network/vpc started\n"; a retry adds " (attempt 2)".
std::string ComponentStartedLine(const record::ComponentRecord& component, const Style& style);
/// "gantry: network/vpc ok (2.1s)\n", "gantry: db failed (0.3s, 2 attempts): <error>\n",
/// "gantry: app ok (1.2s): 2 to add, 0 to change, 0 to destroy\n" (the changes it
/// reported, see record::ChangesText),
/// "gantry: app skipped (network/vpc failed)\n", "gantry: app skipped (run cancelled)\n".
/// `cause_status` is the status of component.skip_cause (kPending when unknown: "skipped
/// (because of X)"). One that had nothing to run: "gantry: app no apply command\n"
/// (`operation` names it; see record::NothingToDoText).
std::string ComponentFinishedLine(const record::ComponentRecord& component,
                                  record::ComponentStatus cause_status, const Style& style,
                                  std::string_view operation = "");

}  // namespace gantry::console

#endif  // GANTRY_CORE_CONSOLE_STATUS_LINES_H_
