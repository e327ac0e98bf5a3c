#include "run_result.h"

#include <stdexcept>

namespace gantry::ansible {
namespace {

std::string StringMember(const json::Value& object, std::string_view name) {
  const json::Value* value = object.find(name);
  return value != nullptr && value->is_string() ? value->as_string() : std::string();
}

std::vector<TaskProblem> Problems(const json::Value& root, std::string_view name) {
  std::vector<TaskProblem> problems;
  const json::Value* list = root.find(name);
  if (list == nullptr) return problems;
  if (!list->is_array()) throw std::runtime_error(std::string(name) + " is not a list");
  for (const json::Value& item : list->as_array()) {
    if (!item.is_object()) throw std::runtime_error(std::string(name) + " holds a non-object");
    problems.push_back({StringMember(item, "task"), StringMember(item, "host"),
                        StringMember(item, "msg"), StringMember(item, "stderr")});
  }
  return problems;
}

}  // namespace

RunResult ParseRunResult(std::string_view text) {
  const json::Value root = json::Parse(text);
  if (!root.is_object()) throw std::runtime_error("the result is not a JSON object");
  RunResult result;
  if (const json::Value* stats = root.find("stats"); stats != nullptr && !stats->is_null()) {
    if (!stats->is_object()) throw std::runtime_error("stats is not an object");
    result.stats = stats->as_object();
  }
  if (const json::Value* recap = root.find("recap"); recap != nullptr) {
    if (!recap->is_object()) throw std::runtime_error("recap is not an object");
    for (const auto& [host, counts] : recap->as_object()) {
      if (!counts.is_object()) throw std::runtime_error("recap of " + host + " is not an object");
      auto count = [&](std::string_view name) -> int64_t {
        const json::Value* value = counts.find(name);
        return value != nullptr && value->is_int() ? value->as_int() : 0;
      };
      result.recap[host] = HostRecap{count("ok"),      count("changed"), count("failures"),
                                     count("unreachable"), count("skipped"), count("rescued"),
                                     count("ignored")};
    }
  }
  result.failed = Problems(root, "failed");
  result.unreachable = Problems(root, "unreachable");
  if (const json::Value* complete = root.find("complete"); complete != nullptr)
    result.complete = complete->is_bool() && complete->as_bool();
  return result;
}

bool IsOutputKey(std::string_view key) {
  if (key.empty() || key.size() > 128) return false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!letter(key.front())) return false;
  for (char c : key)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '-') return false;
  return true;
}

std::vector<OutputValue> OutputsOf(const RunResult& result, std::vector<std::string>& problems) {
  std::vector<OutputValue> outputs;
  for (const auto& [key, value] : result.stats) {
    if (!IsOutputKey(key)) {
      problems.push_back("set_stats key '" + key +
                         "' cannot be an output: output keys are a letter or '_' followed by "
                         "letters, digits, '_' and '-' (at most 128). Rename it in the "
                         "playbook's set_stats data");
      continue;
    }
    if (value.is_string())
      outputs.push_back({key, value.as_string(), false});
    else
      outputs.push_back({key, value.Dump(), true});
  }
  return outputs;
}

HostRecap Totals(const RunResult& result) {
  HostRecap total;
  for (const auto& [host, recap] : result.recap) {
    total.ok += recap.ok;
    total.changed += recap.changed;
    total.failures += recap.failures;
    total.unreachable += recap.unreachable;
    total.skipped += recap.skipped;
    total.rescued += recap.rescued;
    total.ignored += recap.ignored;
  }
  return total;
}

Changes ChangesOf(const RunResult& result) {
  const int64_t changed = Totals(result).changed;
  return Changes{changed > 0, -1, changed, -1};
}

std::string ChangedTasksWords(int64_t changed, std::string_view operation) {
  if (changed <= 0) return "";
  return std::to_string(changed) + (changed == 1 ? " task" : " tasks") +
         (operation == "plan" ? " would change" : " changed");
}

std::string RecapLine(const RunResult& result) {
  const HostRecap total = Totals(result);
  const std::size_t hosts = result.recap.size();
  return "ansible recap: " + std::to_string(hosts) + (hosts == 1 ? " host" : " hosts") +
         ", ok=" + std::to_string(total.ok) + " changed=" + std::to_string(total.changed) +
         " unreachable=" + std::to_string(total.unreachable) +
         " failed=" + std::to_string(total.failures) + " skipped=" + std::to_string(total.skipped) +
         " rescued=" + std::to_string(total.rescued) + " ignored=" + std::to_string(total.ignored);
}

}  // namespace gantry::ansible
