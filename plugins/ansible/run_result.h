// What gantry's callback wrote about one ansible-playbook run (callback/gantry_result.py),
// read back: the set_stats data that becomes outputs, the recap that becomes the
// component's changes, and the failed tasks and unreachable hosts that a failure names.
#ifndef GANTRY_PLUGINS_ANSIBLE_RUN_RESULT_H_
#define GANTRY_PLUGINS_ANSIBLE_RUN_RESULT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gantry/json.hpp"
#include "gantry/plugin.hpp"

namespace gantry::ansible {

/// One host's line of the play recap.
struct HostRecap {
  int64_t ok = 0, changed = 0, failures = 0, unreachable = 0, skipped = 0, rescued = 0,
          ignored = 0;
};

/// A task that failed on a host (ignore_errors excluded), or a host it could not reach.
struct TaskProblem {
  std::string task;
  std::string host;
  std::string msg;
  std::string stderr_text;
};

struct RunResult {
  /// set_stats data with per_host: false, as ansible aggregated it.
  json::Object stats;
  std::map<std::string, HostRecap> recap;
  std::vector<TaskProblem> failed;
  std::vector<TaskProblem> unreachable;
  /// The playbook got to its recap (false: the file was written after a failure, then
  /// the run was cut short).
  bool complete = false;
};

/// Parses the callback's JSON. Throws std::runtime_error (json::ParseError included)
/// when it is not what the callback writes.
RunResult ParseRunResult(std::string_view text);

/// One output for set_output.
struct OutputValue {
  std::string key;
  std::string value;
  bool is_json = false;
};

/// Whether gantry takes `key` as an output key: a letter or '_', then letters, digits,
/// '_' and '-' (no dots: `${component.key}` splits at the last one).
bool IsOutputKey(std::string_view key);

/// The set_stats data as outputs: strings as they are, every other value as JSON. A key
/// gantry would refuse is reported in `problems` (naming it and what to do) instead.
std::vector<OutputValue> OutputsOf(const RunResult& result, std::vector<std::string>& problems);

/// The recap summed over hosts.
HostRecap Totals(const RunResult& result);

/// What a plan would change or an apply changed: tasks that changed something, summed over
/// hosts, as "changed" (ansible counts tasks, not resources to add or destroy).
Changes ChangesOf(const RunResult& result);

/// Those changes in ansible's words, for the summary in place of the host's "3 to change":
/// "3 tasks would change" (1 task) after a plan, which runs in check mode; "3 tasks
/// changed" (1 task) after an apply or a destroy. "" when no task changed: the host says
/// "no changes".
std::string ChangedTasksWords(int64_t changed, std::string_view operation);

/// One line for the component's output: "ansible recap: 2 hosts, ok=5 changed=3
/// unreachable=0 failed=0 skipped=1 rescued=0 ignored=0".
std::string RecapLine(const RunResult& result);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_RUN_RESULT_H_
