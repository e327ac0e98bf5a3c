// stream-throughput: one measurement for bench/stream-throughput.sh.
//
//   stream-throughput direct|injected|logged|captured GEN DIR [CHILDREN] [BYTES] [SECRETS]
//
// Runs CHILDREN (16) copies of `GEN BYTES SEED` (bench/stream-throughput-gen, 50 MiB)
// at once and prints "<mode> <bytes> <seconds> <cpu-seconds> <MiB/s>" for all of them
// together (cpu: user + system time of this process and its children, so of the
// generators too):
// - direct:   each child's stdout is a file DIR/direct/cN.out (no host in the way);
// - injected: each child runs through PosixProcessRunner into a ComponentStream (log
//   DIR/logs/cN.log, SECRETS secrets that never match, 0 by default) and one
//   `--output prefixed` console writing to /dev/null, one host thread per child, as a
//   run does;
// - logged:   as injected, with `--output quiet` (the log, no console rendering);
// - captured: as injected, but the output is dropped as it is read (what capturing
//   through pipes costs on its own, without the stream and console code).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "core/console/make_console.h"
#include "core/exec/cancel_token.h"
#include "core/exec/posix_process_runner.h"
#include "core/stream/component_stream.h"
#include "core/stream/secret_set.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

// Every child writes straight to its own file.
bool RunDirect(const std::string& gen, const std::string& dir, int children,
               const std::string& bytes) {
  std::filesystem::create_directories(dir + "/direct");
  std::vector<pid_t> pids;
  for (int i = 0; i < children; ++i) {
    const std::string out = dir + "/direct/c" + std::to_string(i) + ".out";
    const std::string seed = std::to_string(i + 1);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char* argv[] = {const_cast<char*>(gen.c_str()), const_cast<char*>(bytes.c_str()),
                    const_cast<char*>(seed.c_str()), nullptr};
    pid_t pid;
    const int rc = posix_spawn(&pid, gen.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      fprintf(stderr, "cannot run %s\n", gen.c_str());
      return false;
    }
    pids.push_back(pid);
  }
  bool ok = true;
  for (pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return ok;
}

// Drops everything: the cost of the pipes and the runner alone.
class DropSink : public gantry::exec::OutputSink {
 public:
  void OnOutput(int, std::string_view) override {}
};

bool RunCaptured(const std::string& gen, int children, const std::string& bytes) {
  gantry::exec::PosixProcessRunner runner;
  gantry::exec::CancelToken cancel;
  std::vector<std::thread> threads;
  std::vector<int> ok(static_cast<size_t>(children), 0);
  for (int i = 0; i < children; ++i) {
    threads.emplace_back([&, i] {
      DropSink sink;
      gantry::exec::ProcessSpec spec;
      spec.argv = {gen, bytes, std::to_string(i + 1)};
      absl::StatusOr<gantry::exec::ProcessExit> exit = runner.Run(spec, sink, cancel);
      ok[static_cast<size_t>(i)] = exit.ok() && exit->ok();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int each : ok)
    if (!each) return false;
  return true;
}

// Every child through the host's stream injection, as a run does it.
bool RunInjected(const std::string& gen, const std::string& dir, int children,
                 const std::string& bytes, int secrets, gantry::console::OutputMode mode) {
  FILE* devnull = fopen("/dev/null", "w");
  if (devnull == nullptr) return false;
  gantry::console::ConsoleOptions options;
  options.mode = mode;
  options.out = devnull;
  std::unique_ptr<gantry::console::Console> console = gantry::console::MakeConsole(options);
  std::vector<std::string> secret_values;
  for (int i = 0; i < secrets; ++i) secret_values.push_back("s3cr3t-value-" + std::to_string(i));
  const gantry::stream::SecretSet secret_set(secret_values);
  gantry::exec::PosixProcessRunner runner;
  gantry::exec::CancelToken cancel;

  std::vector<std::thread> threads;
  std::vector<int> ok(static_cast<size_t>(children), 0);
  for (int i = 0; i < children; ++i) {
    threads.emplace_back([&, i] {
      const std::string name = "component-" + std::to_string(i);
      auto stream = gantry::stream::ComponentStream::Open(
          name, dir + "/logs/" + name + ".log", secret_set, *console);
      if (!stream.ok()) {
        fprintf(stderr, "%s\n", std::string(stream.status().message()).c_str());
        return;
      }
      gantry::exec::ProcessSpec spec;
      spec.argv = {gen, bytes, std::to_string(i + 1)};
      absl::StatusOr<gantry::exec::ProcessExit> exit = runner.Run(spec, **stream, cancel);
      (*stream)->Close();
      ok[static_cast<size_t>(i)] = exit.ok() && exit->ok() && (*stream)->log_status().ok();
    });
  }
  for (std::thread& thread : threads) thread.join();
  console.reset();
  fclose(devnull);
  for (int each : ok)
    if (!each) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s direct|injected|logged|captured GEN DIR [CHILDREN] [BYTES] [SECRETS]\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  const std::string gen = argv[2];
  const std::string dir = argv[3];
  const int children = argc > 4 ? atoi(argv[4]) : 16;
  const std::string bytes = argc > 5 ? argv[5] : std::to_string(50 << 20);
  const int secrets = argc > 6 ? atoi(argv[6]) : 0;

  const Clock::time_point start = Clock::now();
  bool ok;
  if (mode == "direct") {
    ok = RunDirect(gen, dir, children, bytes);
  } else if (mode == "captured") {
    ok = RunCaptured(gen, children, bytes);
  } else if (mode == "injected") {
    ok = RunInjected(gen, dir, children, bytes, secrets, gantry::console::OutputMode::kPrefixed);
  } else if (mode == "logged") {
    ok = RunInjected(gen, dir, children, bytes, secrets, gantry::console::OutputMode::kQuiet);
  } else {
    fprintf(stderr, "unknown mode '%s'\n", mode.c_str());
    return 2;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  double cpu = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    getrusage(who, &usage);
    cpu += static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  }
  if (!ok) {
    fprintf(stderr, "%s: a child failed\n", mode.c_str());
    return 1;
  }
  const double total = static_cast<double>(children) * strtod(bytes.c_str(), nullptr);
  printf("%s %.0f %.3f %.3f %.1f\n", mode.c_str(), total, seconds, cpu,
         total / seconds / (1 << 20));
  return 0;
}
