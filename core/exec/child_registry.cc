#include "core/exec/child_registry.h"

namespace gantry::exec {

ChildRegistry& ChildRegistry::Instance() {
  static ChildRegistry* const registry = new ChildRegistry();  // Never destroyed.
  return *registry;
}

pid_t ChildRegistry::Spawn(const std::function<pid_t()>& spawn) {
  std::shared_lock spawning(spawning_);
  const pid_t pid = spawn();
  if (pid > 0) {
    std::lock_guard lock(mu_);
    ++count_[pid];
  }
  return pid;
}

void ChildRegistry::Reaped(pid_t pid) {
  std::lock_guard lock(mu_);
  auto it = count_.find(pid);
  if (it != count_.end() && --it->second == 0) count_.erase(it);
}

void ChildRegistry::Exclusively(const std::function<void()>& fn) {
  std::unique_lock spawning(spawning_);
  fn();
}

bool ChildRegistry::IsRegistered(pid_t pid) const {
  std::lock_guard lock(mu_);
  return count_.contains(pid);
}

}  // namespace gantry::exec
