#include "core/exec/spawned_child.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/exec/child_environment.h"
#include "core/exec/program_path.h"
#include "core/exec/vfork_spawn.h"

extern char** environ;

namespace gantry::exec {

namespace {

std::vector<char*> PointersTo(const std::vector<std::string>& strings) {
  std::vector<char*> ptrs;
  ptrs.reserve(strings.size() + 1);
  for (const std::string& s : strings) ptrs.push_back(const_cast<char*>(s.c_str()));
  ptrs.push_back(nullptr);
  return ptrs;
}

absl::Status CwdError(const ProcessSpec& spec) {
  struct stat st;
  int err = 0;
  if (stat(spec.cwd.c_str(), &st) != 0) {
    err = errno;
  } else if (!S_ISDIR(st.st_mode)) {
    err = ENOTDIR;
  } else if (access(spec.cwd.c_str(), X_OK) != 0) {
    err = errno;
  }
  if (err == 0) return absl::OkStatus();
  return absl::ErrnoToStatus(
      err, absl::StrCat("cannot run '", spec.argv[0], "': working directory '", spec.cwd, "'"));
}

// posix_spawnp reports the child's chdir/exec failure as its return value (glibc spawns
// with CLONE_VFORK and waits for exec), so this is where "not found" surfaces.
absl::Status SpawnError(const ProcessSpec& spec, int err) {
  // The chdir happens in the child before exec; a bad cwd fails with the same errnos as
  // a bad program, so tell them apart here.
  if (!spec.cwd.empty()) {
    if (absl::Status cwd = CwdError(spec); !cwd.ok()) return cwd;
  }
  const std::string& program = spec.argv[0];
  const std::string prefix = absl::StrCat("cannot run '", program, "': ");
  const bool searched = program.find('/') == std::string::npos;
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(
          absl::StrCat(prefix, searched ? "not found in PATH"
                                        : "no such file (or its #! interpreter is missing)"));
    case EACCES:
      return absl::PermissionDeniedError(
          absl::StrCat(prefix, "permission denied (not an executable file?)"));
    case ENOEXEC:
      return absl::FailedPreconditionError(absl::StrCat(prefix, "not in an executable format"));
    default:
      return absl::ErrnoToStatus(err, absl::StrCat("cannot run '", program, "'"));
  }
}

constexpr int kPipeSize = 1 << 20;

absl::Status MakePipe(UniqueFd& read_end, UniqueFd& write_end) {
  // Close-on-exec on both ends: a child spawned concurrently by another thread must not
  // inherit this run's pipe, or our EOF would wait for that unrelated child.
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::ErrnoToStatus(errno, "pipe2");
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
  // A bigger pipe lets a chatty child write ahead while the host is busy, so both wake
  // each other far less often (pages are allocated only as the pipe fills). Best effort:
  // the kernel caps it at /proc/sys/fs/pipe-max-size.
  (void)fcntl(read_end.get(), F_SETPIPE_SZ, kPipeSize);
  // Non-blocking for the reader only; the child keeps ordinary blocking writes. A new
  // pipe's end has no other status flag to keep: no F_GETFL first.
  if (fcntl(read_end.get(), F_SETFL, O_NONBLOCK) != 0) {
    return absl::ErrnoToStatus(errno, "fcntl(O_NONBLOCK)");
  }
  return absl::OkStatus();
}

// The child's stdin pipe: the child gets the read end (blocking, as usual), the host
// keeps the write end, non-blocking so that feeding never stalls reading the output.
absl::Status MakeStdinPipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::ErrnoToStatus(errno, "pipe2");
  read_end.reset(fds[0]);
  write_end.reset(fds[1]);
  (void)fcntl(write_end.get(), F_SETPIPE_SZ, kPipeSize);  // Best effort, as above.
  if (fcntl(write_end.get(), F_SETFL, O_NONBLOCK) != 0) {
    return absl::ErrnoToStatus(errno, "fcntl(O_NONBLOCK)");
  }
  return absl::OkStatus();
}

// Opened here, not by a spawn action, so that a missing file is an error naming it
// rather than an exec failure that looks like a missing program.
absl::Status OpenStdinFile(const ProcessSpec& spec, UniqueFd& fd) {
  std::string path = spec.stdin_path;
  if (path.front() != '/' && !spec.cwd.empty()) path = absl::StrCat(spec.cwd, "/", path);
  fd.reset(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.valid()) return absl::OkStatus();
  return absl::ErrnoToStatus(
      errno, absl::StrCat("cannot run '", spec.argv[0], "': stdin file '", spec.stdin_path, "'"));
}

// Starts argv[0] with posix_spawnp (a PATH search in the child): the fallback of
// SpawnChild, with the same child set-up as VforkSpawn.
absl::StatusOr<SpawnedChild> SpawnSearching(const ProcessSpec& spec, std::vector<char*>& argv,
                                            std::vector<char*>& envp, const UniqueFd& stdin_read,
                                            const UniqueFd& stdout_write,
                                            const UniqueFd& stderr_write, SpawnedChild& child) {
  posix_spawn_file_actions_t actions;
  if (int rc = posix_spawn_file_actions_init(&actions); rc != 0) {
    return absl::ErrnoToStatus(rc, "posix_spawn_file_actions_init");
  }
  absl::Cleanup destroy_actions = [&] { posix_spawn_file_actions_destroy(&actions); };
  int rc = 0;
  if (!spec.cwd.empty()) rc = posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());
  if (rc == 0) {
    rc = stdin_read.valid()
             ? posix_spawn_file_actions_adddup2(&actions, stdin_read.get(), 0)
             : posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  // dup2 onto 1 and 2 clears close-on-exec on the copies only. With the host's 0-2
  // closed the pipes take those numbers, but stdout's pipe is made first, so no action
  // here overwrites a descriptor a later one still needs (glibc clears close-on-exec when
  // a dup2 maps a descriptor onto itself).
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, stdout_write.get(), 1);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, stderr_write.get(), 2);
  if (rc != 0) return absl::ErrnoToStatus(rc, "posix_spawn_file_actions");

  posix_spawnattr_t attr;
  if (rc = posix_spawnattr_init(&attr); rc != 0) {
    return absl::ErrnoToStatus(rc, "posix_spawnattr_init");
  }
  absl::Cleanup destroy_attr = [&] { posix_spawnattr_destroy(&attr); };
  sigset_t empty_mask;
  sigemptyset(&empty_mask);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : kChildDefaultSignals) sigaddset(&defaults, sig);
  rc = posix_spawnattr_setflags(
      &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  if (rc == 0) rc = posix_spawnattr_setpgroup(&attr, 0);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &empty_mask);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &defaults);
  if (rc != 0) return absl::ErrnoToStatus(rc, "posix_spawnattr");

  rc = posix_spawnp(&child.pid, argv[0], &actions, &attr, argv.data(), envp.data());
  if (rc != 0) return SpawnError(spec, rc);
  return std::move(child);
}

}  // namespace

absl::StatusOr<SpawnedChild> SpawnChild(const ProcessSpec& spec) {
  if (spec.argv.empty() || spec.argv[0].empty()) {
    return absl::InvalidArgumentError("cannot run an empty command line");
  }
  absl::StatusOr<std::vector<std::string>> env =
      BuildChildEnvironment(environ, spec.env_overrides, spec.clear_env);
  if (!env.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot run '", spec.argv[0], "': ", env.status().message()));
  }
  std::vector<char*> argv = PointersTo(spec.argv);
  std::vector<char*> envp = PointersTo(*env);

  SpawnedChild child;
  UniqueFd stdout_write, stderr_write;
  if (absl::Status s = MakePipe(child.stdout_pipe, stdout_write); !s.ok()) return s;
  if (absl::Status s = MakePipe(child.stderr_pipe, stderr_write); !s.ok()) return s;
  if (spec.stdin_data && !spec.stdin_path.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot run '", spec.argv[0], "': stdin data and a stdin file given; choose one"));
  }
  // Made after the output pipes, so it never takes descriptor 1 or 2 (see the dup2s).
  UniqueFd stdin_read;
  if (spec.stdin_data) {
    if (absl::Status s = MakeStdinPipe(stdin_read, child.stdin_pipe); !s.ok()) return s;
  } else if (!spec.stdin_path.empty()) {
    if (absl::Status s = OpenStdinFile(spec, stdin_read); !s.ok()) return s;
  }

  // The usual case: a program found in PATH before (FindProgram), or given as a path,
  // started by VforkSpawn (not in TSan builds, see kVforkSpawnWorks). A found file that
  // fails to start (it went away) is forgotten and searched again by posix_spawnp,
  // which also handles what FindProgram leaves to it (a name not found, a PATH with
  // relative entries) and says why it cannot run.
  const bool is_path = spec.argv[0].find('/') != std::string::npos;
  const std::optional<std::string> found = is_path ? std::nullopt : FindProgram(spec.argv[0]);
  if (kVforkSpawnWorks && (is_path || found)) {
    VforkSpawnRequest request;
    request.file = is_path ? argv[0] : found->c_str();
    request.argv = argv.data();
    request.envp = envp.data();
    request.cwd = spec.cwd.empty() ? nullptr : spec.cwd.c_str();
    request.stdin_fd = stdin_read.valid() ? stdin_read.get() : -1;
    request.stdout_fd = stdout_write.get();
    request.stderr_fd = stderr_write.get();
    const pid_t pid = VforkSpawn(request);
    if (pid > 0) {
      child.pid = pid;
      return child;
    }
    if (is_path) return SpawnError(spec, -pid);
    ForgetProgram(spec.argv[0]);
  }
  return SpawnSearching(spec, argv, envp, stdin_read, stdout_write, stderr_write, child);
}

}  // namespace gantry::exec
