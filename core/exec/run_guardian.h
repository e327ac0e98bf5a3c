// A watcher that outlives gantry, so that a kill -9 of gantry does not leave a run's
// processes running.
#ifndef GANTRY_CORE_EXEC_RUN_GUARDIAN_H_
#define GANTRY_CORE_EXEC_RUN_GUARDIAN_H_

#include <sys/types.h>

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace gantry::exec {

/// The first argument that makes the gantry binary act as a guardian (GuardRunMain).
inline constexpr char kGuardRunFlag[] = "--guard-run";

/// One guardian process per run: `program --guard-run RUN_ID`, in a session of its own
/// (so Ctrl-C and a hang-up of the terminal reach gantry, not it), reading a pipe whose
/// only writer is this process. If gantry ends without Dismiss — kill -9, a crash, the
/// OOM killer — the pipe closes and the guardian stops every process tagged with the run
/// (FindTaggedProcesses): SIGTERM, then SIGKILL after the grace period. Registered in
/// ChildRegistry, so sweeps leave it alone.
class RunGuardian {
 public:
  RunGuardian() = default;
  /// Starts the guardian. An error when it cannot be started (the run may go on without
  /// one; the caller decides).
  static absl::StatusOr<RunGuardian> Start(const std::string& program, const std::string& run_id);
  RunGuardian(RunGuardian&& other) noexcept;
  RunGuardian& operator=(RunGuardian&& other) noexcept;
  ~RunGuardian();  ///< Dismiss().

  /// Tells the guardian the run ended in order, and waits for it to exit. Idempotent.
  void Dismiss();

 private:
  pid_t pid_ = -1;
  int pipe_ = -1;  // Write end, close-on-exec.
};

/// The guardian's main: waits until its stdin (the pipe) gives the all-clear byte or
/// ends. On the end, repeatedly finds the processes tagged with `run_id` and signals each
/// and the group it leads: SIGTERM first, SIGKILL once `grace` has passed, until none is
/// left (or a minute has passed). Returns an exit code.
int GuardRunMain(const std::string& run_id, absl::Duration grace = absl::Seconds(5));

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_RUN_GUARDIAN_H_
