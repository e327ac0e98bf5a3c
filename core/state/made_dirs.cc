#include "core/state/made_dirs.h"

#include "core/state/layout.h"

namespace gantry::state {

absl::Status MadeDirs::Ensure(const std::string& dir) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (made_.contains(dir)) return absl::OkStatus();
  }
  // Outside the lock: two first callers may both make it, which EnsureDir allows.
  if (absl::Status made = EnsureDir(dir); !made.ok()) return made;
  std::lock_guard<std::mutex> lock(mu_);
  made_.insert(dir);
  return absl::OkStatus();
}

}  // namespace gantry::state
