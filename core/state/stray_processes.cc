#include "core/state/stray_processes.h"

#include <sys/stat.h>

#include <optional>

#include "absl/time/clock.h"
#include "core/state/run_id.h"
#include "core/state/run_liveness.h"

namespace gantry::state {
namespace {

constexpr absl::Duration kPollEvery = absl::Milliseconds(50);

// A run of this deployment whose gantry is gone: runs/<run>/ exists and no process holds
// its .live lock.
bool IsDeadRunHere(const Layout& layout, const std::string& run_id) {
  if (!IsValidRunId(run_id)) return false;  // Any process may set the variable.
  struct stat st;
  if (stat(layout.RunDir(run_id).c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  return !IsRunLive(layout, run_id);
}

bool StillRunning(const exec::TaggedProcess& process) {
  const std::optional<exec::ProcessTag> tag = exec::ReadTag(process.pid);
  return tag && *tag == process.tag;
}

}  // namespace

StrayProcesses FindStrayProcesses(const Layout& layout, std::string_view current_run) {
  absl::flat_hash_map<std::string, bool> dead;  // By run id, each decided once.
  const std::vector<exec::TaggedProcess> tagged =
      exec::FindTaggedProcesses([&](const exec::ProcessTag& tag) {
        if (tag.run_id == current_run || tag.component.empty()) return false;
        auto [it, added] = dead.try_emplace(tag.run_id, false);
        if (added) it->second = IsDeadRunHere(layout, tag.run_id);
        return it->second;
      });
  StrayProcesses strays;
  for (const exec::TaggedProcess& process : tagged) strays[process.tag.component].push_back(process);
  return strays;
}

std::vector<exec::TaggedProcess> WaitForStrays(std::vector<exec::TaggedProcess> processes,
                                               absl::Duration timeout) {
  const absl::Time until = absl::Now() + timeout;
  for (;;) {
    std::erase_if(processes, [](const exec::TaggedProcess& p) { return !StillRunning(p); });
    if (processes.empty() || absl::Now() >= until) return processes;
    absl::SleepFor(kPollEvery);
  }
}

}  // namespace gantry::state
