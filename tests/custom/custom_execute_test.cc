// The custom plugin's execute hook end to end: plugin -> host API -> process runner.
#include <filesystem>
#include <fstream>

#include "absl/synchronization/mutex.h"
#include "core/exec/cancel_token.h"
#include "core/exec/posix_process_runner.h"
#include "core/plugin/plugin_loader.h"
#include "core/run/component_call_context.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace gantry::custom {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

// What the host would show on the console, per stream.
class RecordingStreams : public exec::OutputSink {
 public:
  void OnOutput(int stream, std::string_view chunk) override {
    absl::MutexLock lock(&mu_);
    (stream == GANTRY_STREAM_STDOUT ? out_ : err_).append(chunk);
  }
  std::string out() const { absl::MutexLock lock(&mu_); return out_; }
  std::string err() const { absl::MutexLock lock(&mu_); return err_; }

 private:
  mutable absl::Mutex mu_;
  std::string out_, err_;
};

struct Result {
  gantry_status status;
  std::string out, err;
  std::map<std::string, run::OutputValue> outputs;
  std::vector<std::string> errors;
};

class CustomExecuteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = plugin::LoadPlugin(GANTRY_CUSTOM_PLUGIN);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    plugin_ = loaded->release();
  }
  static void TearDownTestSuite() { delete plugin_; }

  Result Execute(const std::string& settings, const std::string& operation,
                 const std::string& vars = "{}", const std::string& sensitive = "[]") {
    plugin::ComponentData data;
    data.name = "seed";
    data.type = "custom";
    data.target = "dev";
    data.source_dir = dir_ / "src";
    data.work_dir = dir_.path();
    data.state_dir = dir_ / "state";
    data.settings_json = settings;
    data.vars_json = vars;
    data.sensitive_json = sensitive;
    RecordingStreams streams;
    run::ComponentCallContext context(data, runner_, cancel_, streams);
    const gantry_status status = plugin_->Execute(context, data, operation);
    return {status, streams.out(), streams.err(), context.outputs(), context.errors()};
  }

  static plugin::LoadedPlugin* plugin_;
  gantry::testing::TempDir dir_;
  exec::PosixProcessRunner runner_;
  exec::CancelToken cancel_;
};
plugin::LoadedPlugin* CustomExecuteTest::plugin_ = nullptr;

TEST_F(CustomExecuteTest, RunsTheArgvInTheWorkDirWithOutputInjected) {
  Result r = Execute(R"({"commands": {"apply": ["sh", "-c", "pwd; echo oops >&2", "ignored"]}})",
                     "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.out, std::filesystem::canonical(dir_.path()).string() + "\n");
  EXPECT_EQ(r.err, "oops\n");
  EXPECT_THAT(r.errors, IsEmpty());
}

TEST_F(CustomExecuteTest, ArgvIsNotReinterpretedByAShell) {
  Result r = Execute(R"({"commands": {"apply": ["echo", "$HOME && rm -rf /", "*"]}})", "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.out, "$HOME && rm -rf / *\n");
}

TEST_F(CustomExecuteTest, ShellTrueRunsOneStringThroughBinSh) {
  Result r = Execute(R"({"shell": true, "commands": {"plan": "echo a && echo b | tr b c"}})", "plan");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.out, "a\nc\n");
}

TEST_F(CustomExecuteTest, VarsBecomeEnvironmentVariablesAlongsideGantryOnes) {
  Result r = Execute(
      R"({"shell": true, "commands": {"apply": "echo $REGION $COUNT $GANTRY_COMPONENT $GANTRY_OPERATION $GANTRY_TARGET"}})",
      "apply", R"({"REGION": "eu-west-1", "COUNT": 3})");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.out, "eu-west-1 3 seed apply dev\n");
}

TEST_F(CustomExecuteTest, OutputsComeFromTheGantryOutputFile) {
  Result r = Execute(
      R"({"shell": true, "commands": {"apply": "printf '# comment\n\nvpc_id=vpc-1\nurl=http://x/?a=b\ntoken=t0k\n' > \"$GANTRY_OUTPUT\""}})",
      "apply", "{}", R"(["token"])");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK) << ::testing::PrintToString(r.errors);
  EXPECT_THAT(r.outputs, ElementsAre(Pair("token", run::OutputValue{"t0k", GANTRY_OUTPUT_SENSITIVE}),
                                     Pair("url", run::OutputValue{"http://x/?a=b", 0}),
                                     Pair("vpc_id", run::OutputValue{"vpc-1", 0})));
  EXPECT_FALSE(std::filesystem::exists(dir_ / ".gantry-output")) << "the file is consumed";
}

TEST_F(CustomExecuteTest, AMalformedOutputLineFailsWithItsLineNumber) {
  Result r = Execute(
      R"({"shell": true, "commands": {"apply": "printf 'ok=1\nnot a pair\n' > \"$GANTRY_OUTPUT\""}})",
      "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("line 2 is not key=value")));
}

TEST_F(CustomExecuteTest, ANonZeroExitFailsNamingTheProgramAndStatus) {
  Result r = Execute(R"({"commands": {"apply": ["sh", "-c", "echo partial; exit 7"]}})", "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_EQ(r.out, "partial\n");
  EXPECT_THAT(r.errors, ElementsAre("command 'sh' exited with status 7"));
}

TEST_F(CustomExecuteTest, AMissingProgramFailsWithTheRunnersReason) {
  Result r = Execute(R"({"commands": {"apply": ["gantry-no-such-program"]}})", "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("gantry-no-such-program")));
}

TEST_F(CustomExecuteTest, AnOperationWithoutACommandIsUnsupported) {
  Result r = Execute(R"({"commands": {"apply": ["true"]}})", "destroy");
  EXPECT_EQ(r.status, GANTRY_STATUS_UNSUPPORTED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("add commands.destroy")));
}

TEST_F(CustomExecuteTest, CancellationStopsTheCommand) {
  cancel_.RequestKill();
  Result r = Execute(R"({"commands": {"apply": ["sleep", "30"]}})", "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_CANCELLED);
}

}  // namespace
}  // namespace gantry::custom
