#include "core/sched/busy_resources.h"

#include "absl/strings/str_cat.h"

namespace gantry::sched {

std::string BusyResources::Key(NodeId node, const std::string& resource) {
  // A plugin's name for a resource is a C string: it never begins with a NUL.
  return resource.empty() ? absl::StrCat(std::string(1, '\0'), node) : resource;
}

absl::Duration BusyResources::Park(NodeId node, const std::string& resource, Time now) {
  std::string key = Key(node, resource);
  Resource& held = resources_[key];
  held.nodes.push_back(node);
  if (!held.due) {
    held.due = now + absl::ToChronoNanoseconds(backoff_.After(++held.rounds));
    due_.emplace(*held.due, key);
  }
  const Time due = *held.due;
  busy_on_[node] = std::move(key);
  return absl::FromChrono(due - now);
}

std::vector<NodeId> BusyResources::Ended(NodeId node) {
  auto it = busy_on_.find(node);
  if (it == busy_on_.end()) return {};
  auto held = resources_.find(it->second);
  busy_on_.erase(it);
  if (held == resources_.end()) return {};
  Resource& resource = held->second;
  resource.rounds = 0;
  if (resource.due) due_.erase({*resource.due, held->first});
  resource.due.reset();
  return std::exchange(resource.nodes, {});
}

std::vector<NodeId> BusyResources::Due(Time now) {
  std::vector<NodeId> due;
  while (!due_.empty() && due_.begin()->first <= now) {
    Resource& resource = resources_[due_.begin()->second];
    due_.erase(due_.begin());
    resource.due.reset();
    due.insert(due.end(), resource.nodes.begin(), resource.nodes.end());
    resource.nodes.clear();
  }
  return due;
}

std::optional<BusyResources::Time> BusyResources::NextDue() const {
  if (due_.empty()) return std::nullopt;
  return due_.begin()->first;
}

}  // namespace gantry::sched
