#include "core/exec/vfork_spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace gantry::exec {

namespace {

// The kernel's struct sigaction (x86-64 and arm64 alike): rt_sigaction is called raw in
// the child, past any interceptor (sanitizers intercept sigaction, and their state is
// the host's: the child shares its memory).
struct KernelSigaction {
  void (*handler)(int);
  unsigned long flags;
  void (*restorer)();
  uint64_t mask;
};
constexpr size_t kKernelSigsetSize = sizeof(uint64_t);
constexpr int kSignals = 64;

// Signals whose handler the child sets to SIG_DFL, as a bit mask (bit s-1 for signal s).
uint64_t SignalsToReset() {
  static const uint64_t caught = [] {
    uint64_t bits = 0;
    for (int sig = 1; sig <= kSignals; ++sig) {
      struct sigaction action {};
      if (sigaction(sig, nullptr, &action) != 0) continue;  // glibc's internal ones
      const bool has_handler = (action.sa_flags & SA_SIGINFO) != 0
                                   ? action.sa_sigaction != nullptr
                                   : action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN;
      if (has_handler) bits |= uint64_t{1} << (sig - 1);
    }
    return bits;
  }();
  uint64_t bits = caught;
  for (int sig : kChildDefaultSignals) bits |= uint64_t{1} << (sig - 1);
  return bits;
}

// Descriptor `from` becomes `to` in the child, without close-on-exec: 0, or -1 and errno.
__attribute__((no_sanitize("address", "thread", "undefined"))) long MoveFd(int from, int to) {
  const long rc = from == to ? syscall(SYS_fcntl, to, F_SETFD, 0) : syscall(SYS_dup3, from, to, 0);
  return rc < 0 ? -1 : 0;
}

// Runs in the vfork child, on the host thread's stack below its frame, in the host's
// memory and with its TLS: raw system calls only, nothing that allocates, locks or is
// intercepted. Never returns: on failure, `*error` gets errno and the child exits.
[[noreturn]] __attribute__((no_sanitize("address", "thread", "undefined"))) void ChildMain(
    const VforkSpawnRequest& request, uint64_t reset, volatile int* error) {
  KernelSigaction to_default{};
  to_default.handler = SIG_DFL;
  for (int sig = 1; sig <= kSignals; ++sig) {
    if ((reset >> (sig - 1)) & 1) {
      syscall(SYS_rt_sigaction, sig, &to_default, nullptr, kKernelSigsetSize);
    }
  }
  long rc = syscall(SYS_setpgid, 0, 0);
  if (rc == 0 && request.cwd != nullptr) rc = syscall(SYS_chdir, request.cwd);
  if (rc == 0) {
    if (request.stdin_fd >= 0) {
      rc = MoveFd(request.stdin_fd, 0);
    } else {
      const long null_fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
      rc = null_fd < 0 ? null_fd : null_fd == 0 ? 0 : MoveFd(static_cast<int>(null_fd), 0);
      if (null_fd > 0) syscall(SYS_close, null_fd);
    }
  }
  if (rc == 0) rc = MoveFd(request.stdout_fd, 1);
  if (rc == 0) rc = MoveFd(request.stderr_fd, 2);
  if (rc == 0) {
    const uint64_t none = 0;
    rc = syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, nullptr, kKernelSigsetSize);
  }
  if (rc == 0) syscall(SYS_execve, request.file, request.argv, request.envp);
  *error = errno != 0 ? errno : ECHILD;
  syscall(SYS_exit, 127);
  __builtin_unreachable();
}

// vfork in a frame of its own, which uses nothing after it but the result: the child
// runs on this stack, so nothing the caller keeps in registers or slots lives across it.
__attribute__((noinline)) pid_t StartChild(const VforkSpawnRequest& request, uint64_t reset,
                                           volatile int* error) {
  const pid_t pid = vfork();
  if (pid == 0) ChildMain(request, reset, error);
  return pid;
}

}  // namespace

pid_t VforkSpawn(const VforkSpawnRequest& request) {
  const uint64_t reset = SignalsToReset();
  volatile int error = 0;  // written by the child, which shares this frame's memory
  // Every signal blocked from before vfork until the child's execve (it unblocks just
  // before): no handler of the host runs on the child's side of the shared memory.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  // This thread waits until the child has exec'd or exited: `error` is final when vfork
  // returns here.
  const pid_t pid = StartChild(request, reset, &error);
  const int vfork_error = errno;
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (pid < 0) return -vfork_error;
  if (error != 0) {
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return -error;
  }
  return pid;
}

}  // namespace gantry::exec
