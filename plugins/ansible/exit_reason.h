// Why an ansible-playbook run failed, in words a user can act on: its exit status read
// together with what gantry's callback recorded (which task failed where, which hosts
// could not be reached).
#ifndef GANTRY_PLUGINS_ANSIBLE_EXIT_REASON_H_
#define GANTRY_PLUGINS_ANSIBLE_EXIT_REASON_H_

#include <optional>
#include <string>

#include "ansible_settings.h"
#include "gantry/plugin.hpp"
#include "run_result.h"

namespace gantry::ansible {

struct ExitReason {
  Status status = Status::kFailed;
  std::string message;
};

/// The status and message for ansible-playbook ending with `exit_code` (not 0): 2 failed
/// hosts (naming the tasks and hosts), 4 unreachable hosts (retryable, naming them) or,
/// with no recap, a playbook or inventory that could not be parsed, 1 an error such as no
/// host matching (the limit named), 5 bad options, 99 interrupted, 250 a crash.
/// `result` is the callback's record, when it wrote one.
ExitReason ExplainExit(int exit_code, const std::optional<RunResult>& result,
                       const AnsibleSettings& settings, const std::string& playbook);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_EXIT_REASON_H_
