// Starting a program with vfork and a few raw system calls: the spawn path SpawnChild
// takes for every component.
#ifndef GANTRY_CORE_EXEC_VFORK_SPAWN_H_
#define GANTRY_CORE_EXEC_VFORK_SPAWN_H_

#include <signal.h>
#include <sys/types.h>

#include <array>

namespace gantry::exec {

/// Signals every child starts with at their default disposition, whatever the host does
/// with them (it may ignore or catch them; the CLI handles SIGINT itself): so that
/// stopping a child's group with them actually stops it.
inline constexpr std::array<int, 6> kChildDefaultSignals = {SIGINT, SIGTERM, SIGPIPE,
                                                            SIGHUP, SIGQUIT, SIGCHLD};

/// False in ThreadSanitizer builds: TSan turns vfork into fork, a copy that neither waits
/// for the exec nor shares the memory the child reports a failure in. They spawn with
/// posix_spawn (SpawnChild's other path), whose clone TSan does not see.
#if defined(__SANITIZE_THREAD__)
inline constexpr bool kVforkSpawnWorks = false;
#else
inline constexpr bool kVforkSpawnWorks = true;
#endif

/// What the child does between vfork and execve, in this order: handlers back to their
/// defaults (see below), a process group of its own, chdir(`cwd`) unless null,
/// descriptor 0 from `stdin_fd` (or /dev/null when -1), 1 from `stdout_fd`, 2 from
/// `stderr_fd`, an empty signal mask, execve(`file`, `argv`, `envp`). Every other
/// descriptor is left as it is (the host makes its own close-on-exec).
struct VforkSpawnRequest {
  const char* file = nullptr;  // a path, not searched in PATH
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* cwd = nullptr;
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
};

/// The started child's pid; or -errno when it could not start (then it has been reaped):
/// the child's chdir or execve failure, or vfork's.
///
/// Why not posix_spawn: glibc's child visits all 64 signals (rt_sigaction each, twice
/// for the handled ones), its file actions call getrlimit each, and every spawn maps and
/// unmaps a stack for the child (page faults, a TLB flush). Here the child runs on the
/// spawning thread's stack (which waits) and resets only what must be reset: the
/// signals the host catches (looked up once per process, on the first spawn) and
/// kChildDefaultSignals. The child shares the host's memory until execve, with every
/// signal blocked until just before it; a handler the host installs after its first
/// spawn (none does) would be left set in that last instant.
pid_t VforkSpawn(const VforkSpawnRequest& request);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_VFORK_SPAWN_H_
