#include "core/exec/leftover_sweep.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/exec/child_registry.h"
#include "core/exec/unique_fd.h"

namespace gantry::exec {
namespace {

// How long a killed child may take to die before the sweep moves on (a process in
// uninterruptible sleep; the next sweep reaps it).
constexpr auto kDeathWait = std::chrono::seconds(2);

struct ProcStat {
  char state = '?';
  pid_t ppid = 0;
  pid_t pgid = 0;
};

// /proc/PID/stat's state, ppid and pgid; nullopt when the process is gone.
std::optional<ProcStat> ReadStat(pid_t pid) {
  UniqueFd fd(open(absl::StrCat("/proc/", pid, "/stat").c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return std::nullopt;
  char buffer[512];
  const ssize_t n = read(fd.get(), buffer, sizeof buffer - 1);
  if (n <= 0) return std::nullopt;
  // "PID (comm) S PPID PGRP ...": comm may hold spaces and parentheses; the last ')'
  // ends it.
  buffer[n] = '\0';
  const char* close = strrchr(buffer, ')');
  ProcStat stat;
  int ppid = 0, pgid = 0;
  if (close == nullptr || sscanf(close + 1, " %c %d %d", &stat.state, &ppid, &pgid) != 3)
    return std::nullopt;
  stat.ppid = ppid;
  stat.pgid = pgid;
  return stat;
}

// This process's children. Orphans are re-parented to the first live thread of their
// subreaper, the main thread while it lives, so its list holds every adopted child
// (threads' own children, the supervised ones, are in their own lists). Without
// /proc/PID/task/TID/children (CONFIG_PROC_CHILDREN), every process's ppid is read.
std::vector<pid_t> Children() {
  static const int list_fd = open(absl::StrCat("/proc/self/task/", getpid(), "/children").c_str(),
                                  O_RDONLY | O_CLOEXEC);
  std::vector<pid_t> pids;
  if (list_fd >= 0) {
    std::string text;
    char buffer[4096];
    for (off_t offset = 0;;) {
      const ssize_t n = pread(list_fd, buffer, sizeof buffer, offset);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      text.append(buffer, static_cast<size_t>(n));
      offset += n;
      // A seq_file read fills the buffer with all it has: short means the end.
      if (static_cast<size_t>(n) < sizeof buffer) break;
    }
    // "123 456 " (each pid followed by a space).
    for (const char* p = text.c_str(); *p != '\0';) {
      char* end = nullptr;
      const long pid = std::strtol(p, &end, 10);
      if (end == p) break;
      if (pid > 0) pids.push_back(static_cast<pid_t>(pid));
      p = end;
    }
    return pids;
  }
  const pid_t self = getpid();
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return pids;
  while (const dirent* entry = readdir(proc)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || pid <= 0) continue;
    std::optional<ProcStat> stat = ReadStat(pid);
    if (stat && stat->ppid == self) pids.push_back(pid);
  }
  closedir(proc);
  return pids;
}

// Waits until each of `pids` (children of ours, just killed) has exited, and reaps it.
void ReapKilled(const std::vector<pid_t>& pids) {
  const auto give_up = std::chrono::steady_clock::now() + kDeathWait;
  for (pid_t pid : pids) {
    for (;;) {
      const pid_t r = waitpid(pid, nullptr, WNOHANG);
      if (r == pid || (r < 0 && errno != EINTR)) break;
      if (std::chrono::steady_clock::now() >= give_up) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
}

}  // namespace

bool BecomeSubreaper() { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0; }

std::vector<TaggedProcess> SweepLeftovers(
    const std::function<bool(const std::optional<ProcessTag>&)>& belongs) {
  ChildRegistry& registry = ChildRegistry::Instance();
  std::vector<TaggedProcess> killed;
  // The usual case, decided without holding up spawns: no child but supervised ones (a
  // child being registered right now only sends this down the careful path).
  bool strangers = false;
  for (pid_t pid : Children()) strangers = strangers || !registry.IsRegistered(pid);
  if (!strangers) return killed;
  const pid_t own_group = getpgrp();
  registry.Exclusively([&] {
    // Each round kills or reaps what it finds; what they leave is re-parented here before
    // they can be reaped, so the next round sees it. A round with nothing to do ends it.
    absl::flat_hash_set<pid_t> signalled;  // Killed, not yet seen dead: no progress.
    for (bool progress = true; progress;) {
      progress = false;
      std::vector<pid_t> dying;
      for (pid_t pid : Children()) {
        if (registry.IsRegistered(pid)) continue;
        std::optional<ProcStat> stat = ReadStat(pid);
        if (!stat) continue;
        if (stat->state == 'Z') {
          progress = waitpid(pid, nullptr, WNOHANG) == pid || progress;
          continue;
        }
        TaggedProcess process;
        process.pid = pid;
        std::optional<ProcessTag> tag = ReadTag(pid, &process.command);
        if (!belongs(tag) || signalled.contains(pid)) continue;
        if (tag) process.tag = *tag;
        if (stat->pgid > 0 && stat->pgid != own_group) kill(-stat->pgid, SIGKILL);
        kill(pid, SIGKILL);
        signalled.insert(pid);
        dying.push_back(pid);
        killed.push_back(std::move(process));
      }
      if (!dying.empty()) {
        ReapKilled(dying);
        progress = true;
      }
    }
  });
  return killed;
}

}  // namespace gantry::exec
