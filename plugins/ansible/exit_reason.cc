#include "exit_reason.h"

#include <vector>

namespace gantry::ansible {
namespace {

// Enough to act on; the rest is in ansible's own output above.
constexpr std::size_t kMaxListed = 5;

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

std::string Failures(const std::vector<TaskProblem>& failed) {
  std::string out;
  for (std::size_t i = 0; i < failed.size() && i < kMaxListed; ++i) {
    const TaskProblem& problem = failed[i];
    out += (i == 0 ? "" : "; ") + std::string("task '") + problem.task + "' failed on " +
           problem.host;
    std::string why = FirstLine(problem.msg);
    if (const std::string error = FirstLine(problem.stderr_text); !error.empty())
      why += (why.empty() ? "" : ": ") + error;
    if (!why.empty()) out += " (" + why + ")";
  }
  if (failed.size() > kMaxListed)
    out += "; and " + std::to_string(failed.size() - kMaxListed) + " more";
  return out;
}

std::string Unreachable(const std::vector<TaskProblem>& unreachable) {
  std::string out;
  for (std::size_t i = 0; i < unreachable.size() && i < kMaxListed; ++i) {
    out += (i == 0 ? "" : "; ") + unreachable[i].host;
    if (const std::string why = FirstLine(unreachable[i].msg); !why.empty())
      out += " (" + why + ")";
  }
  if (unreachable.size() > kMaxListed)
    out += "; and " + std::to_string(unreachable.size() - kMaxListed) + " more";
  return out;
}

}  // namespace

ExitReason ExplainExit(int exit_code, const std::optional<RunResult>& result,
                       const AnsibleSettings& settings, const std::string& playbook) {
  const std::string status = " (exit " + std::to_string(exit_code) + ")";
  switch (exit_code) {
    case 2:
      if (result && !result->failed.empty())
        return {Status::kFailed, "ansible-playbook failed" + status + ": " + Failures(result->failed)};
      return {Status::kFailed, "ansible-playbook exited with status 2: hosts failed, or it "
                               "refused a command-line option (see its output above)"};
    case 4:
      if (result && !result->unreachable.empty()) {
        std::string message = "ansible-playbook could not reach " +
                              Unreachable(result->unreachable) + status;
        if (!result->failed.empty())
          return {Status::kFailed, message + "; and " + Failures(result->failed)};
        return {Status::kRetryable,
                message + "; it is retried when the component has retries"};
      }
      if (!result || result->recap.empty())
        return {Status::kFailed, "ansible-playbook could not parse " + playbook +
                                     " or the inventory" + status +
                                     ": its ERROR! above says where"};
      return {Status::kFailed, "ansible-playbook exited with status 4: hosts were unreachable"};
    case 1:
      if (!settings.limit.empty())
        return {Status::kFailed, "ansible-playbook stopped on an error" + status +
                                     ", e.g. limit = \"" + settings.limit +
                                     "\" matches no host of the inventory: its ERROR! above "
                                     "says which"};
      return {Status::kFailed, "ansible-playbook stopped on an error" + status +
                                   ", e.g. no host of the inventory matches the play, or a "
                                   "file it names is missing: its ERROR! above says which"};
    case 5:
      return {Status::kFailed, "ansible-playbook refused its options" + status +
                                   ": check args (its ERROR! above says which)"};
    case 99:
      return {Status::kFailed, "ansible-playbook was interrupted" + status};
    case 250:
      return {Status::kFailed, "ansible-playbook crashed on an unexpected error" + status +
                                   ": see the traceback above; args.playbook = [\"-vvv\"] "
                                   "shows more"};
    default:
      return {Status::kFailed, "ansible-playbook exited with status " + std::to_string(exit_code)};
  }
}

}  // namespace gantry::ansible
