#include "core/exec/posix_process_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/exec/child_registry.h"
#include "core/exec/lifo_pool.h"
#include "core/exec/quiet_write.h"
#include "core/exec/spawned_child.h"
#include "core/exec/unique_fd.h"

namespace gantry::exec {

namespace {

using Clock = std::chrono::steady_clock;
using TimePoint = std::optional<Clock::time_point>;  // nullopt: never
using std::chrono::milliseconds;

// A chatty child's pipe (1 MiB, see SpawnChild) is read in big pieces: per byte, the
// sink's fixed costs (a log write, a console write, their locks) shrink with the piece.
constexpr size_t kReadSize = 256 * 1024;
constexpr int kReadsPerWake = 4;
// Once the child has exited, its pipes may stay silent this long before Run gives up on
// them (a process it left behind may hold them open)...
constexpr Clock::duration kDrainIdle = milliseconds(100);
// ...and may be drained this long at most (a leftover that never stops writing).
constexpr Clock::duration kDrainLimit = milliseconds(1000);
// Poll period when a wake-up source is missing: no pidfd, or no cancel descriptor.
constexpr int kFallbackPollMs = 10;

// nullopt for InfiniteDuration() (and anything too long to matter).
std::optional<Clock::duration> ToClock(absl::Duration d) {
  if (d >= absl::Hours(24 * 365)) return std::nullopt;
  return std::chrono::duration_cast<Clock::duration>(
      absl::ToChronoNanoseconds(std::max(d, absl::ZeroDuration())));
}

TimePoint After(Clock::time_point now, std::optional<Clock::duration> d) {
  if (!d) return std::nullopt;
  return now + *d;
}

TimePoint Earliest(TimePoint a, TimePoint b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

int PollTimeoutMs(TimePoint wake, Clock::time_point now) {
  if (!wake) return -1;
  if (*wake <= now) return 0;
  // Round up: waking early would spin on zero timeouts until the deadline.
  const int64_t ms = std::chrono::ceil<milliseconds>(*wake - now).count();
  return static_cast<int>(std::min<int64_t>(ms, INT_MAX));
}

using ReadBuffer = std::array<char, kReadSize>;

// Read buffers shared by every Run of the process: no allocation per Run, as many
// buffers as Runs reading at once, and the one just used (still in cache) reused first.
// Never destroyed: Runs on other threads may still be reading while the process exits.
LifoPool<ReadBuffer>& ReadBuffers() {
  static auto* const pool = new LifoPool<ReadBuffer>;
  return *pool;
}

UniqueFd OpenPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  // Always close-on-exec. Safe against pid reuse: only this Run reaps `pid`.
  return UniqueFd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
#else
  return UniqueFd();
#endif
}

// Drives one spawned child to its end, on the stack of one Run.
class Supervisor {
 public:
  Supervisor(const ProcessSpec& spec, SpawnedChild child, OutputSink& sink,
             const CancelToken& cancel)
      : spec_(spec),
        child_(std::move(child)),
        sink_(sink),
        cancel_(cancel),
        pidfd_(OpenPidfd(child_.pid)),
        grace_(ToClock(spec.kill_grace)),
        deadline_(After(Clock::now(), ToClock(spec.timeout))) {
    if (spec.stdin_data) stdin_left_ = *spec.stdin_data;
    if (child_.stdin_pipe.valid() && stdin_left_.empty()) child_.stdin_pipe.reset();
  }

  absl::StatusOr<ProcessExit> Wait() {
    for (;;) {
      const Clock::time_point now = Clock::now();
      CheckCancel(now);
      CheckDeadlines(now);
      if (leader_exited_ && (PipesClosed() || now >= DrainEnd())) break;
      Poll(now);
    }
    // The leader is a zombie now, which keeps its pid (the group id) from being reused:
    // killing the group here cannot hit a stranger.
    SignalGroup(SIGKILL);
    return Reap();
  }

 private:
  bool PipesClosed() const { return !child_.stdout_pipe.valid() && !child_.stderr_pipe.valid(); }
  Clock::time_point DrainEnd() const { return std::min(drain_idle_until_, drain_until_); }

  void SignalGroup(int sig) {
    // Falls back to the leader alone if it moved itself out of its group.
    if (kill(-child_.pid, sig) != 0) kill(child_.pid, sig);
  }

  // Sends a stop request, and arms SIGKILL after the grace period.
  void Stop(int sig, Clock::time_point now) {
    if (killed_) return;
    SignalGroup(sig);
    kill_at_ = Earliest(kill_at_, After(now, grace_));
  }

  void KillNow() {
    if (!killed_) SignalGroup(SIGKILL);
    killed_ = true;
    kill_at_.reset();
  }

  void CheckCancel(Clock::time_point now) {
    const CancelToken::Level level = cancel_.level();
    if (level == seen_) return;
    seen_ = level;
    if (leader_exited_) {
      drain_until_ = now;  // Nothing left to stop gently: end the drain, kill the rest.
      return;
    }
    exit_.cancelled = true;
    if (level == CancelToken::Level::kKill) {
      KillNow();
    } else {
      Stop(SIGINT, now);
    }
  }

  void CheckDeadlines(Clock::time_point now) {
    if (deadline_ && now >= *deadline_ && !leader_exited_ && !exit_.cancelled && !exit_.timed_out) {
      exit_.timed_out = true;
      Stop(spec_.stop_with_sigint ? SIGINT : SIGTERM, now);
    }
    if (kill_at_ && now >= *kill_at_) KillNow();
  }

  void Poll(Clock::time_point now) {
    pollfd fds[5];
    int n = 0;
    auto add = [&](int fd) {
      if (fd < 0) return -1;
      fds[n] = pollfd{fd, POLLIN, 0};
      return n++;
    };
    const int out_i = add(child_.stdout_pipe.get());
    const int err_i = add(child_.stderr_pipe.get());
    const int in_i = add(child_.stdin_pipe.get());
    if (in_i >= 0) fds[in_i].events = POLLOUT;
    const int pid_i = leader_exited_ ? -1 : add(pidfd_.get());
    const int wake_fd = cancel_.WakeFd(seen_);
    add(wake_fd);

    TimePoint wake = kill_at_;
    if (!exit_.timed_out && !exit_.cancelled && !leader_exited_) {
      wake = Earliest(wake, deadline_);
    }
    if (leader_exited_) wake = Earliest(wake, DrainEnd());
    int timeout = PollTimeoutMs(wake, now);
    const bool blind =
        (!leader_exited_ && !pidfd_.valid()) || (wake_fd < 0 && seen_ != CancelToken::Level::kKill);
    if (blind && (timeout < 0 || timeout > kFallbackPollMs)) timeout = kFallbackPollMs;

    if (poll(fds, n, timeout) < 0) {
      if (errno == EINTR) return;
      // Cannot wait any more (should not happen): stop everything rather than spin.
      KillNow();
      leader_exited_ = true;
      drain_until_ = drain_idle_until_ = now;
      return;
    }
    if (out_i >= 0 && fds[out_i].revents != 0) ReadPipe(1, child_.stdout_pipe);
    if (err_i >= 0 && fds[err_i].revents != 0) ReadPipe(2, child_.stderr_pipe);
    if (in_i >= 0 && fds[in_i].revents != 0) FeedStdin();
    if (pid_i >= 0 && fds[pid_i].revents != 0) OnLeaderExit(Clock::now());
    if (!pidfd_.valid() && !leader_exited_ && LeaderIsZombie()) OnLeaderExit(Clock::now());
  }

  // Reads what the pipe holds, a few buffers at most (so one stream cannot starve the
  // other or the deadline checks), saving a poll(2) per buffer for a chatty child.
  void ReadPipe(int stream, UniqueFd& pipe) {
    const LifoPool<ReadBuffer>::Lease lease = ReadBuffers().Take();
    char* const buffer = lease->data();
    for (int i = 0; i < kReadsPerWake; ++i) {
      ssize_t r;
      do {
        r = read(pipe.get(), buffer, kReadSize);
      } while (r < 0 && errno == EINTR);
      if (r > 0) {
        sink_.OnOutput(stream, std::string_view(buffer, static_cast<size_t>(r)));
        // Idle counts from when the sink is done: a slow sink must not cut the drain.
        if (leader_exited_) drain_idle_until_ = Clock::now() + kDrainIdle;
        if (static_cast<size_t>(r) < kReadSize) return;  // drained
        continue;
      }
      if (r < 0 && errno == EAGAIN) return;
      pipe.reset();  // EOF, or an error that will not go away.
      return;
    }
  }

  // Writes what the stdin pipe takes now; closes it when all is written or the child
  // stopped reading (EPIPE: the rest is dropped, as a shell pipeline would).
  void FeedStdin() {
    while (!stdin_left_.empty()) {
      const ssize_t n = QuietWrite(child_.stdin_pipe.get(), stdin_left_.data(), stdin_left_.size());
      if (n < 0 && errno == EAGAIN) return;  // Full: poll says when it drains.
      if (n <= 0) break;
      stdin_left_.remove_prefix(static_cast<size_t>(n));
    }
    child_.stdin_pipe.reset();
  }

  void OnLeaderExit(Clock::time_point now) {
    // Whatever it did not read is of no use to anyone now.
    child_.stdin_pipe.reset();
    leader_exited_ = true;
    drain_idle_until_ = now + kDrainIdle;
    drain_until_ = now + kDrainLimit;
  }

  // Without a pidfd: has the leader exited? Leaves it unreaped (WNOWAIT), see Wait.
  bool LeaderIsZombie() {
    siginfo_t info{};
    int rc;
    do {
      rc = waitid(P_PID, static_cast<id_t>(child_.pid), &info, WEXITED | WNOHANG | WNOWAIT);
    } while (rc < 0 && errno == EINTR);
    return rc != 0 || info.si_pid == child_.pid;  // An error: it will never look alive.
  }

  absl::StatusOr<ProcessExit> Reap() {
    int status = 0;
    pid_t r;
    do {
      r = waitpid(child_.pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    ChildRegistry::Instance().Reaped(child_.pid);
    if (r != child_.pid) {
      return absl::InternalError(
          absl::StrCat("lost the exit status of '", spec_.argv[0],
                       "' (is SIGCHLD ignored, or are children reaped elsewhere?)"));
    }
    if (WIFEXITED(status)) {
      exit_.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
      exit_.exit_code = -1;
      exit_.term_signal = WTERMSIG(status);
    }
    return exit_;
  }

  const ProcessSpec& spec_;
  SpawnedChild child_;
  OutputSink& sink_;
  const CancelToken& cancel_;
  UniqueFd pidfd_;  // Invalid when the kernel lacks pidfd_open: poll on a timer then.
  std::string_view stdin_left_;  // Into spec_.stdin_data: what is still to be written.
  const std::optional<Clock::duration> grace_;
  const TimePoint deadline_;  // From spec.timeout.
  TimePoint kill_at_;         // SIGKILL due after a SIGTERM or SIGINT.
  bool killed_ = false;
  CancelToken::Level seen_ = CancelToken::Level::kNone;
  bool leader_exited_ = false;
  Clock::time_point drain_idle_until_{};
  Clock::time_point drain_until_{};
  ProcessExit exit_;
};

}  // namespace

absl::StatusOr<ProcessExit> PosixProcessRunner::Run(const ProcessSpec& spec, OutputSink& sink,
                                                    const CancelToken& cancel) {
  if (spec.argv.empty() || spec.argv[0].empty()) {
    return absl::InvalidArgumentError("cannot run an empty command line");
  }
  if (spec.timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot run '", spec.argv[0],
                                                   "': timeout must be positive, not ",
                                                   absl::FormatDuration(spec.timeout)));
  }
  if (cancel.cancelled()) {
    ProcessExit never_started;
    never_started.cancelled = true;
    return never_started;
  }
  // Registered as it starts: a leftover sweep must never reap it (see ChildRegistry).
  absl::StatusOr<SpawnedChild> child = absl::UnknownError("not started");
  ChildRegistry::Instance().Spawn([&] {
    child = SpawnChild(spec);
    return child.ok() ? child->pid : -1;
  });
  if (!child.ok()) return child.status();
  Supervisor supervisor(spec, *std::move(child), sink, cancel);
  return supervisor.Wait();
}

}  // namespace gantry::exec
