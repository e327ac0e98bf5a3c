// The boundary between the host and child processes: real in PosixProcessRunner, fake in
// tests.
#ifndef GANTRY_CORE_EXEC_PROCESS_RUNNER_H_
#define GANTRY_CORE_EXEC_PROCESS_RUNNER_H_

#include "absl/status/statusor.h"
#include "core/exec/cancel_token.h"
#include "core/exec/output_sink.h"
#include "core/exec/process_spec.h"

namespace gantry::exec {

/// Runs child processes to completion. Implementations are thread-safe: Run may be called
/// concurrently from many threads, each call owning one child.
class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;

  /// Runs `spec`, streaming its output to `sink`, and blocks until the child has ended
  /// and nothing it started is left running. A child that ran (whatever its exit status,
  /// timeout or cancellation) is a ProcessExit; an error means it could not be started
  /// (bad spec, program not found or not executable, bad cwd) and names the program.
  /// If `cancel` is already cancelled, nothing is started and the result is cancelled.
  virtual absl::StatusOr<ProcessExit> Run(const ProcessSpec& spec, OutputSink& sink,
                                          const CancelToken& cancel) = 0;
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_PROCESS_RUNNER_H_
