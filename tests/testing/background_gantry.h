// Starts gantry in the background, for tests that signal or race it.
#ifndef GANTRY_TESTS_TESTING_BACKGROUND_GANTRY_H_
#define GANTRY_TESTS_TESTING_BACKGROUND_GANTRY_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/build_paths.h"

extern char** environ;

namespace gantry::testing {

/// A gantry process with stdout and stderr going to `log` (one file).
class BackgroundGantry {
 public:
  /// `env`: "NAME=value" entries added to (or replacing) the inherited environment.
  BackgroundGantry(const std::vector<std::string>& args, const std::string& cwd,
                   const std::string& log, const std::vector<std::string>& env = {}) {
    std::vector<std::string> argv = {GANTRY_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (std::string& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    std::vector<std::string> entries = env;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string entry = *e;
      const std::string name = entry.substr(0, entry.find('=') + 1);
      bool replaced = false;
      for (const std::string& extra : env) replaced |= extra.rfind(name, 0) == 0;
      if (!replaced) entries.push_back(entry);
    }
    std::vector<char*> envp;
    for (std::string& e : entries) envp.push_back(e.data());
    envp.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, raw.data(), envp.data()) != 0)
      pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~BackgroundGantry() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      Wait();
    }
  }

  pid_t pid() const { return pid_; }
  void Signal(int signal) const { kill(pid_, signal); }
  /// The exit code, 128 + signal when killed, -1 on error.
  int Wait() {
    int status = 0;
    if (waitpid(pid_, &status, 0) != pid_) return -1;
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

/// Polls `condition` every 10 ms for up to `seconds`; true once it holds.
template <class Condition>
bool Eventually(Condition condition, double seconds = 20) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_BACKGROUND_GANTRY_H_
