// gantry_host.spawn with real children, through the real host table, ComponentCallContext,
// PosixProcessRunner and ComponentStream (console + log, masked): stdin from bytes or a
// file, line mode, per-spawn stop timeout, capture, and requests from plugins built
// against the 0.1 header. Most tests go through the C++ helper (plugin.hpp) as a plugin
// does; the ABI-level ones fill gantry_spawn_request by hand.
#include <signal.h>

#include <cstddef>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/exec/posix_process_runner.h"
#include "core/plugin/host_api.h"
#include "core/run/component_call_context.h"
#include "core/stream/component_stream.h"
#include "gantry/plugin.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stream/recording_console.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// Lines as the plugin's on_line got them, per stream.
struct Lines {
  std::vector<std::string> out, err;
  std::function<void(int32_t, std::string_view)> Callback() {
    return [this](int32_t stream, std::string_view line) {
      (stream == GANTRY_STREAM_STDOUT ? out : err).emplace_back(line);
    };
  }
};

class HostSpawnTest : public ::testing::Test {
 protected:
  HostSpawnTest() : secrets_({"hunter2"}) {
    component_.name = "app";
    component_.work_dir = dir_.path();
    auto stream = stream::ComponentStream::Open("app", dir_ / "app.log", secrets_, console_);
    EXPECT_TRUE(stream.ok()) << stream.status();
    stream_ = std::move(*stream);
    context_ = std::make_unique<ComponentCallContext>(component_, runner_, cancel_, *stream_,
                                                      absl::InfiniteFuture(),
                                                      CallSecrets{&secrets_, {}});
    raw_.emplace(context_.get());
  }

  // The helper a plugin uses, on the real host table.
  Call call() { return Call(plugin::HostApi(), raw_->get()); }

  // Everything that reached the log file (after flushing unfinished lines).
  std::string Log() {
    stream_->Close();
    std::ifstream in(dir_ / "app.log", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  gantry::testing::TempDir dir_;
  plugin::ComponentData component_;
  stream::SecretSet secrets_;
  stream::RecordingConsole console_;
  std::unique_ptr<stream::ComponentStream> stream_;
  exec::PosixProcessRunner runner_;
  exec::CancelToken cancel_;
  std::unique_ptr<ComponentCallContext> context_;
  std::optional<plugin::OpenCall> raw_;  // closed before context_ goes
};

TEST_F(HostSpawnTest, StdinTextReachesTheChild) {
  SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_text = "first line\nsecond, unterminated";
  const Captured captured = call().Capture(options);
  EXPECT_TRUE(captured.ok());
  EXPECT_EQ(captured.out, "first line\nsecond, unterminated");
  EXPECT_THAT(context_->errors(), IsEmpty());
}

TEST_F(HostSpawnTest, EmptyStdinTextIsEndOfFile) {
  SpawnOptions options;
  options.argv = {"sh", "-c", "cat; echo done"};
  options.stdin_text = "";
  EXPECT_EQ(call().Capture(options).out, "done\n");
}

TEST_F(HostSpawnTest, WithoutStdinTheChildReadsDevNull) {
  SpawnOptions options;
  options.argv = {"sh", "-c", "readlink /proc/$$/fd/0; cat; echo done"};
  EXPECT_EQ(call().Capture(options).out, "/dev/null\ndone\n");
}

TEST_F(HostSpawnTest, StdinFileIsReadFromTheWorkDir) {
  dir_.Write("input.txt", "from a file\n");
  SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_file = "input.txt";  // relative: from the child's cwd, the work_dir
  const Captured captured = call().Capture(options);
  EXPECT_TRUE(captured.ok());
  EXPECT_EQ(captured.out, "from a file\n");
}

TEST_F(HostSpawnTest, MissingStdinFileIsAReportedErrorNamingIt) {
  SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_file = dir_ / "no-such-input";
  const SpawnResult result = call().Spawn(options);
  EXPECT_FALSE(result.started);
  EXPECT_THAT(context_->errors(),
              ElementsAre(HasSubstr("stdin file '" + (dir_ / "no-such-input") + "'")));
}

TEST_F(HostSpawnTest, StdinTextAndFileTogetherAreRefused) {
  dir_.Write("input.txt", "x");
  SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_text = "y";
  options.stdin_file = "input.txt";
  EXPECT_FALSE(call().Spawn(options).started);
  EXPECT_THAT(context_->errors(),
              ElementsAre(HasSubstr("sets both stdin_data and stdin_path")));
}

// 4 MiB through cat: the child writes back as it reads, more than both pipes hold, so
// feeding and reading must go on together.
TEST_F(HostSpawnTest, LargeStdinThroughCatDoesNotDeadlock) {
  std::string big(std::size_t{4} << 20, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('a' + i % 26);
  SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_text = big;
  const Captured captured = call().Capture(options);
  EXPECT_TRUE(captured.ok());
  EXPECT_EQ(captured.out.size(), big.size());
  EXPECT_TRUE(captured.out == big);
}

// A child that writes 3 MB before it reads its stdin at all.
TEST_F(HostSpawnTest, ChildWritingBeforeReadingStillGetsAllItsStdin) {
  SpawnOptions options;
  options.argv = {"sh", "-c", "head -c 3000000 /dev/zero; wc -c"};
  options.stdin_text = std::string(std::size_t{4} << 20, 'x');
  const Captured captured = call().Capture(options);
  EXPECT_TRUE(captured.ok());
  ASSERT_EQ(captured.out.size(), 3000000u + 8u);
  EXPECT_EQ(captured.out.substr(3000000), "4194304\n");
}

// The rest of its stdin is dropped; the host is not killed by SIGPIPE.
TEST_F(HostSpawnTest, ChildThatReadsNoStdinEndsNormally) {
  SpawnOptions options;
  options.argv = {"true"};
  options.stdin_text = std::string(std::size_t{4} << 20, 'x');
  const SpawnResult result = call().Spawn(options);
  EXPECT_TRUE(result.ok());
}

TEST_F(HostSpawnTest, OnLineGetsWholeLinesAcrossWritesAndTheLastUnterminatedOne) {
  // Each printf is its own write: lines are cut across them.
  const std::string script =
      "printf 'al'; printf 'pha\\nbe'; printf 'ta\\r\\n\\n'; printf 'err 1\\n' >&2; "
      "printf 'last'; printf 'err 2' >&2";
  Lines lines;
  SpawnOptions options;
  options.argv = {"sh", "-c", script};
  options.on_line = lines.Callback();
  EXPECT_TRUE(call().Spawn(options).ok());
  EXPECT_THAT(lines.out, ElementsAre("alpha", "beta", "", "last"));
  EXPECT_THAT(lines.err, ElementsAre("err 1", "err 2"));
  // The console and the log show the output as always, by whole lines.
  const std::string log = Log();
  EXPECT_THAT(log, HasSubstr("alpha\n"));
  EXPECT_THAT(log, HasSubstr("last\n"));
  EXPECT_THAT(console_.Text(GANTRY_STREAM_STDOUT), HasSubstr("beta"));
}

TEST_F(HostSpawnTest, EnvVarsReachTheChildAndWinOverEnv) {
  SpawnOptions options;
  options.argv = {"sh", "-c", "echo \"$SPAWN_A $SPAWN_B\""};
  options.env = {"SPAWN_A=list", "SPAWN_B=list"};
  options.env_vars = {{"SPAWN_A", "map"}};
  EXPECT_EQ(call().Capture(options).out, "map list\n");
}

// Captured stdout is the plugin's alone: nothing of it on the console or in the log,
// while stderr is shown and logged, masked.
TEST_F(HostSpawnTest, CapturedStdoutReachesNeitherConsoleNorLog) {
  SpawnOptions options;
  options.argv = {"sh", "-c", "echo 'token=hunter2 captured-out'; echo 'warn hunter2' >&2"};
  const Captured captured = call().Capture(options);
  EXPECT_EQ(captured.out, "token=hunter2 captured-out\n");  // the plugin's own business
  const std::string log = Log();
  EXPECT_THAT(log, Not(HasSubstr("captured-out")));
  EXPECT_THAT(log, HasSubstr("warn ***"));
  EXPECT_THAT(log, Not(HasSubstr("hunter2")));
  EXPECT_THAT(console_.Text(), Not(HasSubstr("captured-out")));
  EXPECT_THAT(console_.Text(GANTRY_STREAM_STDERR), HasSubstr("warn ***"));
  EXPECT_THAT(console_.Text(), Not(HasSubstr("hunter2")));
}

// Line mode and stdin change nothing about masking of what is shown.
TEST_F(HostSpawnTest, ShownOutputIsMaskedInLineMode) {
  Lines lines;
  SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_text = "pass hunter2\n";
  options.on_line = lines.Callback();
  EXPECT_TRUE(call().Spawn(options).ok());
  EXPECT_THAT(lines.out, ElementsAre("pass hunter2"));  // the plugin's own
  EXPECT_THAT(Log(), HasSubstr("pass ***"));
  EXPECT_THAT(console_.Text(), Not(HasSubstr("hunter2")));
}

// A child that traps the stop signal, then needs a while before it prints and exits:
// cancelled once it said "ready".
class StopTimeoutTest : public HostSpawnTest {
 protected:
  std::pair<SpawnResult, Lines> RunCancelled(std::chrono::milliseconds stop_timeout) {
    Lines lines;
    SpawnOptions options;
    options.argv = {"sh", "-c",
                    "trap 'sleep 0.5; echo finished; exit 0' INT TERM; echo ready; "
                    "while :; do sleep 0.05; done"};
    options.stop_timeout = stop_timeout;
    options.on_line = [&](int32_t stream, std::string_view line) {
      lines.Callback()(stream, line);
      if (line == "ready") cancel_.RequestCancel();
    };
    const SpawnResult result = call().Spawn(options);
    return {result, lines};
  }
};

TEST_F(StopTimeoutTest, LongStopTimeoutLetsTheChildFinish) {
  const auto [result, lines] = RunCancelled(std::chrono::milliseconds(5000));
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.term_signal, 0);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(lines.out, ElementsAre("ready", "finished"));
}

TEST_F(StopTimeoutTest, ShortStopTimeoutKillsTheChildFirst) {
  const auto [result, lines] = RunCancelled(std::chrono::milliseconds(1));
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.term_signal, SIGKILL);
  EXPECT_THAT(lines.out, ElementsAre("ready"));
}

// A component whose timeout passes while its child runs: the child is asked to stop with
// SIGTERM, or SIGINT when the plugin set stop_with_sigint (GANTRY_SPAWN_STOP_WITH_SIGINT).
class TimeoutSignalTest : public HostSpawnTest {
 protected:
  // What the child said it got, or the signal it died of before its traps were set.
  std::string StopSignalSeen(bool stop_with_sigint) {
    ComponentCallContext context(component_, runner_, cancel_, *stream_,
                                 absl::Now() + absl::Milliseconds(300),
                                 CallSecrets{&secrets_, {}});
    const plugin::OpenCall raw(&context);
    SpawnOptions options;
    options.argv = {"sh", "-c",
                    "trap 'echo got INT; exit 0' INT; trap 'echo got TERM; exit 0' TERM; "
                    "while :; do sleep 0.05; done"};
    options.stop_with_sigint = stop_with_sigint;
    Lines lines;
    options.on_line = lines.Callback();
    const SpawnResult result = Call(plugin::HostApi(), raw.get()).Spawn(options);
    EXPECT_TRUE(result.cancelled);  // a timed-out child reads as cancelled to the plugin
    EXPECT_TRUE(context.timed_out());
    if (result.term_signal == SIGINT || lines.out == std::vector<std::string>{"got INT"})
      return "INT";
    if (result.term_signal == SIGTERM || lines.out == std::vector<std::string>{"got TERM"})
      return "TERM";
    return "none";
  }
};

TEST_F(TimeoutSignalTest, ATimeoutSendsSigtermUnlessThePluginAskedForSigint) {
  EXPECT_EQ(StopSignalSeen(/*stop_with_sigint=*/false), "TERM");
  EXPECT_EQ(StopSignalSeen(/*stop_with_sigint=*/true), "INT");
}

TEST(HostSpawnAbiTest, TheHostTableAnnouncesStopWithSigint) {
  // The rule plugins rely on: a table with report_changes honours the flag.
  EXPECT_TRUE(GANTRY_STRUCT_HAS(plugin::HostApi(), gantry_host, report_changes));
  const gantry_host* host = plugin::HostApi();
  EXPECT_TRUE(Call(host, nullptr).HostHasChanges());
}

// --- The ABI level: what a plugin built against an older header sends -------------------

struct Collected {
  std::string out;
  static void Take(void* self, int32_t stream, const char* data, uint64_t size) {
    if (stream == GANTRY_STREAM_STDOUT) static_cast<Collected*>(self)->out.append(data, size);
  }
};

// A 0.1 request ends before stdin_data: whatever lies beyond struct_size must not be read.
TEST_F(HostSpawnTest, RequestOfThe01SizeStillSpawnsAndIgnoresWhatLiesBeyond) {
  const char* const argv[] = {"sh", "-c", "cat; echo done", nullptr};
  Collected collected;
  gantry_spawn_request request{};
  request.struct_size = offsetof(gantry_spawn_request, stdin_data);
  request.abi_version = 1;
  request.argv = argv;
  request.flags = GANTRY_SPAWN_CAPTURE_STDOUT;
  request.on_output = &Collected::Take;
  request.user_data = &collected;
  // Beyond struct_size: poison a host must not read.
  request.stdin_data = "poison";
  request.stdin_size = 6;
  request.stdin_path = "/nonexistent/poison";
  request.stop_timeout_ms = 1;
  gantry_spawn_result result{};
  result.struct_size = sizeof result;
  EXPECT_EQ(plugin::HostApi()->spawn(raw_->get(), &request, &result), GANTRY_STATUS_OK);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(collected.out, "done\n");
  EXPECT_THAT(context_->errors(), IsEmpty());
}

TEST_F(HostSpawnTest, NullStdinDataWithASizeIsNoStdin) {
  const char* const argv[] = {"sh", "-c", "readlink /proc/$$/fd/0", nullptr};
  Collected collected;
  gantry_spawn_request request{};
  request.struct_size = sizeof request;
  request.abi_version = GANTRY_ABI_VERSION;
  request.argv = argv;
  request.flags = GANTRY_SPAWN_CAPTURE_STDOUT;
  request.on_output = &Collected::Take;
  request.user_data = &collected;
  request.stdin_size = 42;  // ignored: stdin_data is NULL
  gantry_spawn_result result{};
  result.struct_size = sizeof result;
  EXPECT_EQ(plugin::HostApi()->spawn(raw_->get(), &request, &result), GANTRY_STATUS_OK);
  EXPECT_EQ(collected.out, "/dev/null\n");
}

TEST(HostSpawnAbiTest, TheHostTableAnnouncesThe02SpawnMembers) {
  // The rule plugins rely on: a table with report_diagnostic reads the 0.2 spawn members.
  EXPECT_TRUE(GANTRY_STRUCT_HAS(plugin::HostApi(), gantry_host, report_diagnostic));
}

}  // namespace
}  // namespace gantry::run
