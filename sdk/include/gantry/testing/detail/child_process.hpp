// Part of the Gantry SDK test kit (see gantry/testing/fake_host.hpp); not an API of its own.
// Runs one child process the way the host does: its own process group, stdin from
// /dev/null (or bytes fed through a pipe, or a file), stdout and stderr through pipes,
// killed as a group on cancellation (SIGKILL after the spawn's stop timeout).
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

#include <pthread.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
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
  std::optional<std::string> stdin_data;  // fed to stdin, then closed; nullopt: /dev/null
  std::string stdin_path;        // a file as stdin (relative: from cwd); empty: none
  std::chrono::milliseconds stop_timeout{5000};  // SIGTERM to SIGKILL on cancel
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

/// write(2) without dying of SIGPIPE when the child stopped reading (as the host does:
/// the signal is blocked on this thread and taken), whatever the test's disposition.
[[nodiscard]] inline ssize_t QuietWrite(int fd, const char* data, size_t size) {
  sigset_t pipe_only, previous, pending;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  sigemptyset(&pending);
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  pthread_sigmask(SIG_BLOCK, &pipe_only, &previous);
  ssize_t n;
  do {
    n = ::write(fd, data, size);
  } while (n < 0 && errno == EINTR);
  const int err = errno;
  if (n < 0 && err == EPIPE && !was_pending) {
    const timespec zero{};
    while (sigtimedwait(&pipe_only, nullptr, &zero) < 0 && errno == EINTR) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  errno = err;
  return n;
}

/// Opens the child's stdin file as the host does; -1 with `error` naming the path.
[[nodiscard]] inline int OpenStdinFile(const ChildSpec& spec, std::string* error) {
  std::string path = spec.stdin_path;
  if (path[0] != '/' && !spec.cwd.empty()) path = spec.cwd + "/" + path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot run '" + spec.argv[0] + "': stdin file '" + spec.stdin_path +
             "': " + std::strerror(errno);
  }
  return fd;
}

/// posix_spawnp with the child's stdin on `in_fd` (-1: /dev/null) and stdout/stderr on
/// `out_fd`/`err_fd`; returns an errno.
inline int StartChild(const ChildSpec& spec, int in_fd, int out_fd, int err_fd, pid_t* pid) {
  std::vector<std::string> argv_strings = spec.argv;
  std::vector<std::string> env_strings = ChildEnvironment(spec);
  std::vector<char*> argv = CStrings(argv_strings);
  std::vector<char*> env = CStrings(env_strings);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (in_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
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
  // stdin: a pipe we feed (non-blocking on our side), or the file, or /dev/null.
  int in_child = -1;
  int in_feed = -1;
  if (spec.stdin_data) {
    int in_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) == 0) {
      in_child = in_pipe[0];
      in_feed = in_pipe[1];
      ::fcntl(in_feed, F_SETFL, O_NONBLOCK);
    } else {
      exit.error = std::string("pipe: ") + std::strerror(errno);
    }
  } else if (!spec.stdin_path.empty()) {
    in_child = OpenStdinFile(spec, &exit.error);
  }
  pid_t pid = 0;
  const int rc = exit.error.empty()
                     ? StartChild(spec, in_child, out_pipe[1], err_pipe[1], &pid)
                     : -1;
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (in_child >= 0) ::close(in_child);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    if (in_feed >= 0) ::close(in_feed);
    if (rc < 0) return exit;  // stdin could not be set up: `error` says why
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
  // Fed from the same loop that reads, so a child writing much before it reads cannot
  // block on us while we block on it.
  std::string_view to_feed = spec.stdin_data ? std::string_view(*spec.stdin_data) : "";
  pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_feed, POLLOUT, 0}};
  const int streams[2] = {1, 2};  // GANTRY_STREAM_STDOUT, GANTRY_STREAM_STDERR
  int open = 2;
  auto close_feed = [&] {
    if (fds[2].fd >= 0) ::close(fds[2].fd);
    fds[2].fd = -1;
  };
  if (to_feed.empty()) close_feed();
  while (open > 0) {
    // Once the child is gone, only drain what is already buffered: a grandchild that
    // kept the pipes open must not hold the call forever.
    const int ready = ::poll(fds, 3, reaped ? 0 : 50);
    if (ready > 0 && fds[2].fd >= 0 && fds[2].revents != 0) {
      while (!to_feed.empty()) {
        const ssize_t n = QuietWrite(fds[2].fd, to_feed.data(), to_feed.size());
        if (n < 0 && errno == EAGAIN) break;
        if (n <= 0) to_feed = std::string_view();  // the child stopped reading: drop it
        else to_feed.remove_prefix(static_cast<size_t>(n));
      }
      if (to_feed.empty()) close_feed();
    }
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
    if (reaped) close_feed();
    if (!exit.cancelled && cancel.cancelled()) {
      exit.cancelled = true;
      cancelled_at = Clock::now();
    }
    // A child that ignores SIGTERM gets SIGKILL after a grace period, as with the host.
    if (exit.cancelled && !killed && !reaped &&
        Clock::now() - cancelled_at > spec.stop_timeout) {
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
