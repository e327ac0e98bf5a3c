// PosixProcessRunner: what a child sees and what comes back. Stopping children (timeouts,
// cancellation, leftovers) is in process_stop_test.cc.
#include "core/exec/posix_process_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/exec/collecting_sink.h"

namespace gantry::exec {
namespace {

using ::testing::HasSubstr;

class PosixProcessRunnerTest : public ::testing::Test {
 protected:
  absl::StatusOr<ProcessExit> Run(std::vector<std::string> argv) {
    spec_.argv = std::move(argv);
    return runner_.Run(spec_, sink_, token_);
  }

  PosixProcessRunner runner_;
  ProcessSpec spec_;
  CollectingSink sink_;
  CancelToken token_;
};

TEST_F(PosixProcessRunnerTest, ExitZero) {
  auto exit = Run({"true"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_EQ(exit->term_signal, 0);
  EXPECT_FALSE(exit->cancelled);
  EXPECT_FALSE(exit->timed_out);
  EXPECT_TRUE(exit->ok());
}

TEST_F(PosixProcessRunnerTest, ExitCodeIsReported) {
  auto exit = Run({"sh", "-c", "exit 3"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 3);
  EXPECT_EQ(exit->term_signal, 0);
  EXPECT_FALSE(exit->ok());
}

TEST_F(PosixProcessRunnerTest, SignalDeathIsReported) {
  auto exit = Run({"sh", "-c", "kill -TERM $$"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, -1);
  EXPECT_EQ(exit->term_signal, SIGTERM);
  EXPECT_FALSE(exit->cancelled);
}

TEST_F(PosixProcessRunnerTest, CapturesBothStreamsSeparately) {
  auto exit = Run({"sh", "-c", "echo out1; echo err1 >&2; echo out2; printf tail"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(sink_.out, "out1\nout2\ntail");
  EXPECT_EQ(sink_.err, "err1\n");
  EXPECT_EQ(sink_.empty_chunks, 0);
  EXPECT_EQ(sink_.bad_streams, 0);
}

TEST_F(PosixProcessRunnerTest, LargeOutputArrivesCompleteAndInOrder) {
  auto exit = Run({"head", "-c", "5000000", "/dev/zero"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_EQ(sink_.out.size(), 5000000u);
  EXPECT_EQ(sink_.out.find_first_not_of('\0'), std::string::npos);
}

TEST_F(PosixProcessRunnerTest, BothStreamsAtOnceKeepTheirOwnOrder) {
  // Both pipes fill concurrently: a runner reading only one would deadlock here.
  auto exit = Run({"sh", "-c", "seq 1 100000 >&2 & seq 1 150000; wait"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  std::string expected_out, expected_err;
  for (int i = 1; i <= 150000; ++i) absl::StrAppend(&expected_out, i, "\n");
  for (int i = 1; i <= 100000; ++i) absl::StrAppend(&expected_err, i, "\n");
  EXPECT_TRUE(sink_.out == expected_out) << "stdout differs, size " << sink_.out.size();
  EXPECT_TRUE(sink_.err == expected_err) << "stderr differs, size " << sink_.err.size();
}

TEST_F(PosixProcessRunnerTest, StdinIsDevNull) {
  auto exit = Run({"sh", "-c", "readlink /proc/$$/fd/0; cat; echo eof"});
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(sink_.out, "/dev/null\neof\n");
}

TEST_F(PosixProcessRunnerTest, EnvOverridesAddAndReplaceInherited) {
  ASSERT_EQ(setenv("GANTRY_EXEC_TEST_INHERITED", "kept", 1), 0);
  ASSERT_EQ(setenv("GANTRY_EXEC_TEST_REPLACED", "old", 1), 0);
  spec_.env_overrides = {"GANTRY_EXEC_TEST_REPLACED=new value", "GANTRY_EXEC_TEST_ADDED=a=b"};
  auto exit = Run({"sh", "-c",
                   "echo \"$GANTRY_EXEC_TEST_INHERITED|$GANTRY_EXEC_TEST_REPLACED|"
                   "$GANTRY_EXEC_TEST_ADDED\"; env | grep -c GANTRY_EXEC_TEST_REPLACED="});
  unsetenv("GANTRY_EXEC_TEST_INHERITED");
  unsetenv("GANTRY_EXEC_TEST_REPLACED");
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(sink_.out, "kept|new value|a=b\n1\n");
}

TEST_F(PosixProcessRunnerTest, WorksWhenTheHostsStdioIsClosed) {
  // The pipes then land on 0-2, where the child's own redirections could clobber them.
  int saved[3];
  for (int fd = 0; fd < 3; ++fd) saved[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  for (int fd = 0; fd < 3; ++fd) close(fd);
  auto exit = Run({"sh", "-c", "echo out; echo err >&2; readlink /proc/$$/fd/0"});
  for (int fd = 0; fd < 3; ++fd) {
    dup2(saved[fd], fd);
    close(saved[fd]);
  }
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_EQ(sink_.out, "out\n/dev/null\n");
  EXPECT_EQ(sink_.err, "err\n");
}

TEST_F(PosixProcessRunnerTest, ClearEnvPassesOnlyOverrides) {
  spec_.clear_env = true;
  spec_.env_overrides = {"ONLY=this"};
  auto exit = Run({"env"});  // Still found: the lookup uses the host's PATH.
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(sink_.out, "ONLY=this\n");
}

TEST_F(PosixProcessRunnerTest, RunsInCwd) {
  char tmpl[] = "/tmp/gantry-exec-cwd-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::filesystem::canonical(tmpl);
  spec_.cwd = dir;
  auto exit = Run({"pwd", "-P"});
  rmdir(tmpl);
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_EQ(sink_.out, dir + "\n");
}

TEST_F(PosixProcessRunnerTest, MissingProgramIsAnErrorNamingIt) {
  auto exit = Run({"gantry-no-such-program-x1"});
  EXPECT_EQ(exit.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(exit.status().message(), HasSubstr("'gantry-no-such-program-x1'"));
  EXPECT_THAT(exit.status().message(), HasSubstr("not found in PATH"));
}

TEST_F(PosixProcessRunnerTest, MissingProgramPathIsAnErrorNamingIt) {
  auto exit = Run({"/nonexistent/gantry-prog"});
  EXPECT_EQ(exit.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(exit.status().message(), HasSubstr("'/nonexistent/gantry-prog'"));
}

// The signal mask and the dispositions of /proc/self/status's line `name`, as a number.
uint64_t SignalLine(const std::string& status, const std::string& name) {
  const size_t at = status.find(name + ":\t");
  if (at == std::string::npos) return ~uint64_t{0};
  return std::stoull(status.substr(at + name.size() + 2, 16), nullptr, 16);
}

uint64_t Bit(int sig) { return uint64_t{1} << (sig - 1); }

void CountSignal(int) {}

TEST_F(PosixProcessRunnerTest, ChildStartsWithNoBlockedSignalsAndTheStopSignalsAtDefault) {
  // The host blocks, ignores and catches signals; the child must not inherit the mask nor
  // the ignored stop signals (an ignored SIGTERM would make a stop never land).
  struct sigaction ignore {}, count {}, old_pipe {}, old_term {}, old_usr2 {};
  ignore.sa_handler = SIG_IGN;
  count.sa_handler = CountSignal;
  sigaction(SIGPIPE, &ignore, &old_pipe);
  sigaction(SIGTERM, &ignore, &old_term);
  sigaction(SIGUSR2, &count, &old_usr2);
  sigset_t block, old_mask;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigaddset(&block, SIGINT);
  pthread_sigmask(SIG_BLOCK, &block, &old_mask);
  auto exit = Run({"cat", "/proc/self/status"});
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  sigaction(SIGPIPE, &old_pipe, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  sigaction(SIGUSR2, &old_usr2, nullptr);
  ASSERT_TRUE(exit.ok() && exit->ok()) << exit.status() << sink_.err;
  EXPECT_EQ(SignalLine(sink_.out, "SigBlk"), 0u) << sink_.out;
  const uint64_t ignored = SignalLine(sink_.out, "SigIgn");
  EXPECT_EQ(ignored & (Bit(SIGPIPE) | Bit(SIGTERM)), 0u) << sink_.out;
  EXPECT_EQ(SignalLine(sink_.out, "SigCgt"), 0u) << sink_.out;
}

TEST_F(PosixProcessRunnerTest, NonExecutableFileIsPermissionDenied) {
  char tmpl[] = "/tmp/gantry-exec-noexec-XXXXXX";
  const int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "#!/bin/sh\n", 10), 10);
  close(fd);
  auto exit = Run({tmpl});
  unlink(tmpl);
  EXPECT_EQ(exit.status().code(), absl::StatusCode::kPermissionDenied) << exit.status();
  EXPECT_THAT(exit.status().message(), HasSubstr(tmpl));
}

TEST_F(PosixProcessRunnerTest, BadCwdIsAnErrorNamingTheDirectory) {
  spec_.cwd = "/nonexistent/gantry-dir";
  auto exit = Run({"true"});
  EXPECT_EQ(exit.status().code(), absl::StatusCode::kNotFound) << exit.status();
  EXPECT_THAT(exit.status().message(), HasSubstr("'true'"));
  EXPECT_THAT(exit.status().message(), HasSubstr("working directory '/nonexistent/gantry-dir'"));
}

TEST_F(PosixProcessRunnerTest, CwdThatIsAFileIsAnError) {
  spec_.cwd = "/etc/hostname";
  auto exit = Run({"true"});
  EXPECT_FALSE(exit.ok());
  EXPECT_THAT(exit.status().message(), HasSubstr("working directory"));
}

TEST_F(PosixProcessRunnerTest, BadSpecsAreRejected) {
  EXPECT_EQ(Run({}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Run({""}).status().code(), absl::StatusCode::kInvalidArgument);
  spec_.env_overrides = {"NOT_AN_ASSIGNMENT"};
  EXPECT_EQ(Run({"true"}).status().code(), absl::StatusCode::kInvalidArgument);
  spec_.env_overrides.clear();
  spec_.timeout = absl::ZeroDuration();
  EXPECT_EQ(Run({"true"}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(PosixProcessRunnerTest, ManyConcurrentRunsAreAllCorrect) {
  constexpr int kThreads = 8;
  constexpr int kRunsPerThread = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kRunsPerThread; ++i) {
        const std::string id = absl::StrCat(t, "-", i);
        const int code = (t * kRunsPerThread + i) % 7;
        ProcessSpec spec;
        spec.argv = {"sh", "-c", "echo out-$1; echo err-$1 >&2; exit $2", "sh", id,
                     absl::StrCat(code)};
        CollectingSink sink;
        auto exit = runner_.Run(spec, sink, token_);
        ASSERT_TRUE(exit.ok()) << exit.status();
        EXPECT_EQ(exit->exit_code, code) << id;
        EXPECT_EQ(sink.out, absl::StrCat("out-", id, "\n"));
        EXPECT_EQ(sink.err, absl::StrCat("err-", id, "\n"));
      }
    });
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace
}  // namespace gantry::exec
