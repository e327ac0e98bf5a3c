// Part of the Gantry SDK test kit (see gantry/testing/fake_host.hpp); not an API of its own.
// Runs one child process the way the host does: its own process group, stdin from
// /dev/null, stdout and stderr through pipes, killed as a group on cancellation.
// POSIX only (posix_spawn, poll). C++17.
#ifndef GANTRY_TESTING_DETAIL_CHILD_PROCESS_HPP
#define GANTRY_TESTING_DETAIL_CHILD_PROCESS_HPP

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

extern "C" char** environ;  // NOLINT: POSIX declares it in no header for C++ by default.

namespace gantry {
namespace testing {
namespace detail {

/// Cancellation shared by every call of one FakeHost: a flag, plus the process groups of
/// the real children in flight, which Cancel() sends SIGTERM.
class CancelState {
 public:
  bool cancelled() const {
    std::lock_guard<std::mutex> lock(mu_);
    return cancelled_;
  }

  void Cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    for (pid_t pid : children_) Terminate(pid, SIGTERM);
  }

  void Reset() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = false;
  }

  /// Adds a started child; false when already cancelled (the child was sent SIGTERM).
  bool Register(pid_t pid) {
    std::lock_guard<std::mutex> lock(mu_);
    children_.insert(pid);
    if (cancelled_) Terminate(pid, SIGTERM);
    return !cancelled_;
  }

  void Unregister(pid_t pid) {
    std::lock_guard<std::mutex> lock(mu_);
    children_.erase(pid);
  }

  /// Signals the child's group, and the child itself: under sanitizers posix_spawn is
  /// fork then exec, so the group may not exist yet when the signal is sent.
  static void Terminate(pid_t pid, int signal) {
    ::kill(-pid, signal);
    ::kill(pid, signal);
  }

 private:
  mutable std::mutex mu_;
  bool cancelled_ = false;
  std::set<pid_t> children_;
};

/// What to run, already read out of the plugin's gantry_spawn_request.
struct ChildSpec {
  std::vector<std::string> argv;
  std::vector<std::string> env;  // "NAME=value", added to (or replacing) the environment
  std::string cwd;               // empty: the current directory
  bool clear_env = false;        // env only, not the current environment
};

/// How the child ended. `error` is set when it could not be started.
struct ChildExit {
  bool started = false;
  std::string error;
  int exit_code = -1;
  int term_signal = 0;
  bool cancelled = false;
};

/// Receives each chunk the child writes: (GANTRY_STREAM_*, data, size).
using ChunkSink = std::function<void(int stream, const char* data, size_t size)>;

inline std::vector<std::string> ChildEnvironment(const ChildSpec& spec) {
  std::vector<std::string> env;
  if (!spec.clear_env) {
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
      env.emplace_back(*entry);
    }
  }
  for (const std::string& add : spec.env) {
    const std::string prefix = add.substr(0, add.find('=') + 1);  // "NAME="
    std::vector<std::string> kept;
    for (std::string& entry : env) {
      if (entry.compare(0, prefix.size(), prefix) != 0) kept.push_back(std::move(entry));
    }
    env = std::move(kept);
    env.push_back(add);
  }
  return env;
}

inline std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(&s[0]);
  out.push_back(nullptr);
  return out;
}

/// posix_spawnp with the child's stdout/stderr on `out_fd`/`err_fd`; returns an errno.
inline int StartChild(const ChildSpec& spec, int out_fd, int err_fd, pid_t* pid) {
  std::vector<std::string> argv_strings = spec.argv;
  std::vector<std::string> env_strings = ChildEnvironment(spec);
  std::vector<char*> argv = CStrings(argv_strings);
  std::vector<char*> env = CStrings(env_strings);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so a cancel reaches its children too; default signal
  // handling and an empty mask, whatever the test thread had.
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  const int rc = posix_spawnp(pid, argv[0], &actions, &attr, argv.data(), env.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  return rc;
}

/// Reads whatever `fd` has; false at end of file (or on an error).
inline bool Drain(int fd, int stream, const ChunkSink& sink) {
  char buffer[65536];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    sink(stream, buffer, static_cast<size_t>(n));
    return true;
  }
  return n < 0 && (errno == EINTR || errno == EAGAIN);
}

/// Runs `spec` to completion, handing output to `sink` in order, on this thread.
inline ChildExit RunChild(const ChildSpec& spec, CancelState& cancel, const ChunkSink& sink) {
  ChildExit exit;
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    exit.error = std::string("pipe: ") + std::strerror(errno);
    return exit;
  }
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    exit.error = std::string("pipe: ") + std::strerror(errno);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return exit;
  }
  pid_t pid = 0;
  const int rc = StartChild(spec, out_pipe[1], err_pipe[1], &pid);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    exit.error = "cannot start '" + spec.argv[0] + "'" +
                 (spec.cwd.empty() ? "" : " in " + spec.cwd) + ": " + std::strerror(rc);
    return exit;
  }
  exit.started = true;
  if (!cancel.Register(pid)) exit.cancelled = true;

  using Clock = std::chrono::steady_clock;
  Clock::time_point cancelled_at = exit.cancelled ? Clock::now() : Clock::time_point();
  bool killed = false;
  bool reaped = false;
  int status = 0;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  const int streams[2] = {1, 2};  // GANTRY_STREAM_STDOUT, GANTRY_STREAM_STDERR
  int open = 2;
  while (open > 0) {
    // Once the child is gone, only drain what is already buffered: a grandchild that
    // kept the pipes open must not hold the call forever.
    const int ready = ::poll(fds, 2, reaped ? 0 : 50);
    if (ready < 0 && errno != EINTR) break;
    if (ready == 0 && reaped) break;
    for (int i = 0; i < 2 && ready > 0; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      if (!Drain(fds[i].fd, streams[i], sink)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
    if (!reaped && ::waitpid(pid, &status, WNOHANG) == pid) reaped = true;
    if (!exit.cancelled && cancel.cancelled()) {
      exit.cancelled = true;
      cancelled_at = Clock::now();
    }
    // A child that ignores SIGTERM gets SIGKILL after a grace period, as with the host.
    if (exit.cancelled && !killed && !reaped &&
        Clock::now() - cancelled_at > std::chrono::seconds(5)) {
      CancelState::Terminate(pid, SIGKILL);
      killed = true;
    }
  }
  for (pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  while (!reaped && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  cancel.Unregister(pid);
  if (WIFEXITED(status)) {
    exit.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    exit.term_signal = WTERMSIG(status);
  }
  return exit;
}

}  // namespace detail
}  // namespace testing
}  // namespace gantry

#endif  // GANTRY_TESTING_DETAIL_CHILD_PROCESS_HPP
