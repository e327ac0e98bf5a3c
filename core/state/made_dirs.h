// Directories a run creates once, however many components ask for them.
#ifndef GANTRY_CORE_STATE_MADE_DIRS_H_
#define GANTRY_CORE_STATE_MADE_DIRS_H_

#include <mutex>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"

namespace gantry::state {

/// EnsureDir, remembered: a directory made (or found) once is not looked at again by
/// this object, e.g. a plugin's cache directory, shared by all its components in a run.
/// A failure is not remembered (the next call tries again). Thread-safe.
class MadeDirs {
 public:
  absl::Status Ensure(const std::string& dir);

 private:
  std::mutex mu_;
  absl::flat_hash_set<std::string> made_;  // guarded by mu_
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_MADE_DIRS_H_
