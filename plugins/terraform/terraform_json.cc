#include "terraform_json.h"

#include <stdexcept>

#include "gantry/json.hpp"

namespace gantry::terraform {
namespace {

json::Value ParseObject(std::string_view text, const char* what) {
  json::Value root;
  try {
    root = json::Parse(text);
  } catch (const json::ParseError& e) {
    throw std::runtime_error(std::string(what) + " is not JSON: " + e.what());
  }
  if (!root.is_object()) throw std::runtime_error(std::string(what) + " is not a JSON object");
  return root;
}

// Removes ANSI escape sequences (ESC [ ... letter) so coloured lines read as plain ones.
std::string WithoutEscapes(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b' && i + 1 < line.size() && line[i + 1] == '[') {
      i += 2;
      while (i < line.size() && !((line[i] >= 'A' && line[i] <= 'Z') ||
                                  (line[i] >= 'a' && line[i] <= 'z')))
        ++i;
      continue;
    }
    out += line[i];
  }
  return out;
}

// The number written just before `word` in `text` ("3 added" -> 3), or -1.
int64_t CountBefore(std::string_view text, std::string_view word) {
  std::size_t at = text.find(word);
  if (at == std::string_view::npos || at < 2 || text[at - 1] != ' ') return -1;
  std::size_t start = at - 1;
  while (start > 0 && text[start - 1] >= '0' && text[start - 1] <= '9') --start;
  if (start == at - 1) return -1;
  return std::stoll(std::string(text.substr(start, at - 1 - start)));
}

// `true` anywhere in `marks`: terraform's after_unknown and after_sensitive are either
// one bool for the whole value or the value's shape with a bool at each leaf.
bool AnyTrue(const json::Value* marks) {
  if (marks == nullptr) return false;
  if (marks->is_bool()) return marks->as_bool();
  if (marks->is_array())
    for (const json::Value& mark : marks->as_array())
      if (AnyTrue(&mark)) return true;
  if (marks->is_object())
    for (const auto& [key, mark] : marks->as_object())
      if (AnyTrue(&mark)) return true;
  return false;
}

// An output as gantry records it: a string as its text, any other type as JSON.
OutputValue Recorded(const std::string& name, const json::Value& value, bool sensitive) {
  OutputValue output{name, "", false, sensitive};
  if (value.is_string()) {
    output.value = value.as_string();
  } else {
    output.value = value.Dump();
    output.is_json = true;
  }
  return output;
}

bool IsTrue(const json::Value* flag) { return flag != nullptr && flag->is_bool() && flag->as_bool(); }

}  // namespace

std::vector<OutputValue> ParseOutputs(std::string_view text) {
  const json::Value root = ParseObject(text, "terraform output -json");
  std::vector<OutputValue> outputs;
  for (const auto& [name, entry] : root.as_object()) {
    if (!entry.is_object() || entry.find("value") == nullptr)
      throw std::runtime_error("terraform output -json: output '" + name + "' has no value");
    outputs.push_back(Recorded(name, *entry.find("value"), IsTrue(entry.find("sensitive"))));
  }
  return outputs;
}

std::vector<OutputValue> ParsePlannedOutputs(std::string_view text) {
  const json::Value root = ParseObject(text, "terraform show -json");
  if (root.find("format_version") == nullptr)
    throw std::runtime_error("terraform show -json: not a plan (no format_version)");
  const json::Value* planned = root.find("planned_values");
  const json::Value* outputs = planned != nullptr ? planned->find("outputs") : nullptr;
  if (outputs == nullptr || !outputs->is_object()) return {};
  const json::Value* changes = root.find("output_changes");
  std::vector<OutputValue> known;
  for (const auto& [name, entry] : outputs->as_object()) {
    const json::Value* value = entry.find("value");
    if (value == nullptr) continue;  // unknown until applied
    const json::Value* change =
        changes != nullptr && changes->is_object() ? changes->find(name) : nullptr;
    // A value with a part unknown would be reported wrong: leave it out whole.
    if (change != nullptr && AnyTrue(change->find("after_unknown"))) continue;
    // after_sensitive too: a value the plan marks sensitive in part is a secret.
    const bool sensitive = IsTrue(entry.find("sensitive")) ||
                           (change != nullptr && AnyTrue(change->find("after_sensitive")));
    known.push_back(Recorded(name, *value, sensitive));
  }
  return known;
}

Changes ParsePlanChanges(std::string_view text) {
  const json::Value root = ParseObject(text, "terraform show -json");
  if (root.find("format_version") == nullptr)
    throw std::runtime_error("terraform show -json: not a plan (no format_version)");
  Changes changes;
  changes.add = changes.change = changes.destroy = 0;
  if (const json::Value* resources = root.find("resource_changes");
      resources != nullptr && resources->is_array()) {
    for (const json::Value& resource : resources->as_array()) {
      const json::Value* change = resource.find("change");
      const json::Value* actions = change != nullptr ? change->find("actions") : nullptr;
      if (actions == nullptr || !actions->is_array()) continue;
      bool creates = false, updates = false, deletes = false;
      for (const json::Value& action : actions->as_array()) {
        if (!action.is_string()) continue;
        creates = creates || action.as_string() == "create";
        updates = updates || action.as_string() == "update";
        deletes = deletes || action.as_string() == "delete";
      }
      changes.add += creates ? 1 : 0;
      changes.change += updates ? 1 : 0;
      changes.destroy += deletes ? 1 : 0;
    }
  }
  bool outputs_change = false;
  if (const json::Value* outputs = root.find("output_changes");
      outputs != nullptr && outputs->is_object()) {
    for (const auto& [name, change] : outputs->as_object()) {
      const json::Value* actions = change.find("actions");
      if (actions == nullptr || !actions->is_array()) continue;
      for (const json::Value& action : actions->as_array())
        outputs_change = outputs_change || (action.is_string() && action.as_string() != "no-op");
    }
  }
  changes.has_changes = changes.add + changes.change + changes.destroy > 0 || outputs_change;
  return changes;
}

std::optional<Changes> ParseCompletionLine(std::string_view raw) {
  const std::string line = WithoutEscapes(raw);
  const bool apply = line.find("Apply complete! Resources:") != std::string::npos;
  const bool destroy = line.find("Destroy complete! Resources:") != std::string::npos;
  if (!apply && !destroy) return std::nullopt;
  Changes changes;
  changes.add = apply ? CountBefore(line, "added") : 0;
  changes.change = apply ? CountBefore(line, "changed") : 0;
  changes.destroy = CountBefore(line, "destroyed");
  if (changes.add < 0 || changes.change < 0 || changes.destroy < 0) return std::nullopt;
  changes.has_changes = changes.add + changes.change + changes.destroy > 0;
  return changes;
}

}  // namespace gantry::terraform
