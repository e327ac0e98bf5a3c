// Runs the gantry binary as a user would, for integration tests.
#ifndef GANTRY_TESTS_TESTING_CLI_RUNNER_H_
#define GANTRY_TESTS_TESTING_CLI_RUNNER_H_

#include <string>
#include <vector>

#include "core/exec/cancel_token.h"
#include "core/exec/posix_process_runner.h"
#include "tests/testing/build_paths.h"

namespace gantry::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `argv` (argv[0] looked up in PATH) in `cwd` with extra "NAME=value" environment
/// entries; a minute at most.
inline CliResult RunProgram(const std::vector<std::string>& argv, const std::string& cwd,
                            const std::vector<std::string>& env = {}) {
  struct Sink : exec::OutputSink {
    CliResult* result;
    void OnOutput(int stream, std::string_view chunk) override {
      (stream == 1 ? result->out : result->err).append(chunk);
    }
  } sink;
  CliResult result;
  sink.result = &result;
  exec::ProcessSpec spec;
  spec.argv = argv;
  spec.cwd = cwd;
  spec.env_overrides = env;
  spec.timeout = absl::Seconds(60);
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  absl::StatusOr<exec::ProcessExit> exit = runner.Run(spec, sink, cancel);
  if (!exit.ok()) {
    result.err = std::string(exit.status().message());
    return result;
  }
  result.exit_code = exit->exit_code;
  return result;
}

/// Runs `gantry args...` in `cwd` with extra "NAME=value" environment entries.
inline CliResult RunGantry(const std::vector<std::string>& args, const std::string& cwd,
                           const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {GANTRY_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProgram(argv, cwd, env);
}

}  // namespace gantry::testing

#endif  // GANTRY_TESTS_TESTING_CLI_RUNNER_H_
