#include "core/exec/run_guardian.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <thread>
#include <utility>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/exec/child_registry.h"
#include "core/exec/process_tag.h"

extern char** environ;

namespace gantry::exec {
namespace {

constexpr char kAllClear = 'x';
constexpr absl::Duration kGiveUpAfter = absl::Minutes(1);
constexpr absl::Duration kRescanEvery = absl::Milliseconds(50);

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

absl::StatusOr<RunGuardian> RunGuardian::Start(const std::string& program,
                                               const std::string& run_id) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::ErrnoToStatus(errno, "guardian: pipe2");
  absl::Cleanup close_read = [&] { close(fds[0]); };
  RunGuardian guardian;
  guardian.pipe_ = fds[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  absl::Cleanup destroy_actions = [&] { posix_spawn_file_actions_destroy(&actions); };
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  absl::Cleanup destroy_attr = [&] { posix_spawnattr_destroy(&attr); };
  sigset_t empty, defaults;
  sigemptyset(&empty);
  sigfillset(&defaults);
  int rc = posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
  if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (rc == 0) {
    rc = posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &empty);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &defaults);
  if (rc != 0) return absl::ErrnoToStatus(rc, "guardian: posix_spawn attributes");

  std::string arg0 = "gantry-guardian", flag = kGuardRunFlag, id = run_id;
  char* argv[] = {arg0.data(), flag.data(), id.data(), nullptr};
  const pid_t pid = ChildRegistry::Instance().Spawn([&]() -> pid_t {
    pid_t child = -1;
    rc = posix_spawn(&child, program.c_str(), &actions, &attr, argv, environ);
    return rc == 0 ? child : -1;
  });
  if (pid < 0) {
    return absl::ErrnoToStatus(rc, absl::StrCat("cannot start the run's guardian '", program, "'"));
  }
  guardian.pid_ = pid;
  return guardian;
}

RunGuardian::RunGuardian(RunGuardian&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), pipe_(std::exchange(other.pipe_, -1)) {}

RunGuardian& RunGuardian::operator=(RunGuardian&& other) noexcept {
  if (this != &other) {
    Dismiss();
    pid_ = std::exchange(other.pid_, -1);
    pipe_ = std::exchange(other.pipe_, -1);
  }
  return *this;
}

RunGuardian::~RunGuardian() { Dismiss(); }

void RunGuardian::Dismiss() {
  if (pipe_ >= 0) {
    ssize_t n;
    do {
      n = write(pipe_, &kAllClear, 1);
    } while (n < 0 && errno == EINTR);
    CloseFd(pipe_);
  }
  if (pid_ > 0) {
    pid_t r;
    do {
      r = waitpid(pid_, nullptr, 0);
    } while (r < 0 && errno == EINTR);
    ChildRegistry::Instance().Reaped(pid_);
    pid_ = -1;
  }
}

int GuardRunMain(const std::string& run_id, absl::Duration grace) {
  // Only the pipe's end, never a terminal signal, decides (it has no terminal anyway).
  signal(SIGINT, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  char byte = 0;
  ssize_t n;
  do {
    n = read(0, &byte, 1);
  } while (n < 0 && errno == EINTR);
  if (n == 1 && byte == kAllClear) return 0;

  // gantry is gone without a word: stop what it started.
  const absl::Time start = absl::Now();
  const absl::Time kill_from = start + grace;
  absl::flat_hash_set<pid_t> asked;
  while (absl::Now() - start < kGiveUpAfter) {
    const std::vector<TaggedProcess> left =
        FindTaggedProcesses([&](const ProcessTag& tag) { return tag.run_id == run_id; });
    if (left.empty()) return 0;
    const bool force = absl::Now() >= kill_from;
    for (const TaggedProcess& process : left) {
      if (!force && !asked.insert(process.pid).second) continue;
      const int sig = force ? SIGKILL : SIGTERM;
      // Its group too: a member that cleared its environment still goes with it.
      if (getpgid(process.pid) == process.pid) kill(-process.pid, sig);
      kill(process.pid, sig);
    }
    absl::SleepFor(kRescanEvery);
  }
  return 1;
}

}  // namespace gantry::exec
