// Looking at processes from a test: is one gone, which children does one have.
#ifndef GANTRY_TESTS_TESTING_PROCESSES_H_
#define GANTRY_TESTS_TESTING_PROCESSES_H_

#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gantry::testing {

/// True when no live (non-zombie) process has this pid.
inline bool ProcessGone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  const size_t paren = line.rfind(')');
  return paren != std::string::npos && line.size() > paren + 2 && line[paren + 2] == 'Z';
}

/// True while a live (non-zombie) process has this pid.
inline bool ProcessAlive(pid_t pid) { return !ProcessGone(pid); }

/// The children of every thread of `pid`.
inline std::vector<pid_t> ChildrenOf(pid_t pid) {
  std::vector<pid_t> children;
  std::error_code ec;
  const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
    std::ifstream list(task.path() / "children");
    for (pid_t child; list >> child;) children.push_back(child);
  }
  return children;
}

/// The command line of `pid`, its arguments joined by spaces.
inline std::string CommandLine(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string line = text.str();
  for (char& c : line) c = c == '\0' ? ' ' : c;
  return line;
}

/// `sleep 60` with exactly `env` as its environment (e.g. a tag of process_tag.h); killed
/// and reaped when destroyed, or by Stop.
class Sleeper {
 public:
  explicit Sleeper(std::vector<std::string> env) {
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    char arg0[] = "sleep", arg1[] = "60";
    char* argv[] = {arg0, arg1, nullptr};
    if (posix_spawn(&pid_, "/bin/sleep", nullptr, nullptr, argv, envp.data()) != 0) pid_ = -1;
    // Sanitizers replace posix_spawn with fork then exec, so it may return before the exec:
    // until then the child shows the test's command line and environment, not the tag.
    for (int i = 0; pid_ > 0 && i < 10000 && CommandLine(pid_) != "sleep 60 "; ++i) {
      usleep(1000);
    }
  }
  ~Sleeper() { Stop(); }
  Sleeper(const Sleeper&) = delete;
  Sleeper& operator=(const Sleeper&) = delete;

  pid_t pid() const { return pid_; }
  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_PROCESSES_H_
