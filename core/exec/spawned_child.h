// Starting one child process: the POSIX spawn half of PosixProcessRunner.
#ifndef GANTRY_CORE_EXEC_SPAWNED_CHILD_H_
#define GANTRY_CORE_EXEC_SPAWNED_CHILD_H_

#include <sys/types.h>

#include "absl/status/statusor.h"
#include "core/exec/process_spec.h"
#include "core/exec/unique_fd.h"

namespace gantry::exec {

/// A started child. The caller must reap `pid` with waitpid.
struct SpawnedChild {
  /// Also the id of the child's own process group.
  pid_t pid = -1;
  /// Non-blocking, close-on-exec read ends of the child's stdout and stderr pipes.
  UniqueFd stdout_pipe;
  UniqueFd stderr_pipe;
  /// Non-blocking, close-on-exec write end of the child's stdin pipe when the spec has
  /// stdin_data; else invalid.
  UniqueFd stdin_pipe;
};

/// Starts `spec` (with VforkSpawn, or posix_spawnp when FindProgram leaves the search to
/// it): argv[0] is looked up in the host's PATH (not the child's) when it has no '/',
/// and never run through /bin/sh. The child leads a new process group, reads /dev/null
/// (or a pipe fed from stdin_data, or stdin_path), writes to two pipes, starts with an
/// empty signal mask and kChildDefaultSignals at their defaults. No descriptor of the
/// host leaks into it except those without close-on-exec.
///
/// Errors name the program and why it could not run: InvalidArgument for a bad spec,
/// NotFound for a missing program, cwd or stdin file, PermissionDenied when not
/// executable (or the stdin file is not readable).
absl::StatusOr<SpawnedChild> SpawnChild(const ProcessSpec& spec);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_SPAWNED_CHILD_H_
