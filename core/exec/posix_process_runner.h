// The real ProcessRunner, on Linux/POSIX.
#ifndef GANTRY_CORE_EXEC_POSIX_PROCESS_RUNNER_H_
#define GANTRY_CORE_EXEC_POSIX_PROCESS_RUNNER_H_

#include "core/exec/process_runner.h"

namespace gantry::exec {

/// Runs each child in its own process group (see SpawnChild) and supervises it from the
/// calling thread with one poll(2) over its output pipes, a pidfd and the CancelToken: no
/// threads, no sleeps, no busy waiting, no global lock. Stateless, so one instance may
/// serve any number of threads.
///
/// - Timeout: SIGTERM (SIGINT with stop_with_sigint) to the group, SIGKILL after
///   kill_grace; timed_out is set.
/// - Graceful cancel: SIGINT to the group, SIGKILL after kill_grace; kill: SIGKILL now;
///   cancelled is set.
/// - When the child exits, its pipes are drained until EOF, but for at most 100 ms of
///   silence (a process it left behind may hold them open); then the whole group gets
///   SIGKILL, so nothing the child started in its group outlives Run. A process that
///   left the group (setsid, setpgid) is out of reach.
///
/// Requirements on the host: SIGCHLD is not SIG_IGN and no one else reaps children with
/// waitpid(-1) (either would steal the exit status).
class PosixProcessRunner final : public ProcessRunner {
 public:
  absl::StatusOr<ProcessExit> Run(const ProcessSpec& spec, OutputSink& sink,
                                  const CancelToken& cancel) override;
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_POSIX_PROCESS_RUNNER_H_
