// The plugin host layer alone: the wire encoding, and a plugin run in a gantry-plugin-host
// through a recording context — its host calls relayed, a crash, a hook past its time
// limit and an execute that ignores cancellation each ending only the hooks in flight,
// and a fresh host for the next hook.
#include <signal.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/plugin/host_process.h"
#include "core/plugin/host_protocol.h"
#include "core/plugin/plugin_loader.h"
#include "core/plugin/process_hooks.h"
#include "core/plugin/wire.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/recording_call_context.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/processes.h"
#include "tests/testing/temp_dir.h"

namespace gantry::plugin {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The faulty plugin's file in this build.
std::string Faulty() { return GANTRY_FAULTY_PLUGIN; }

TEST(WireTest, FieldsComeBackInOrder) {
  wire::Writer w;
  w.U8(7).U32(70000).U64(1ull << 40).I32(-3).I64(-(1ll << 40)).Bool(true);
  w.Str(std::string("a\0b", 3)).Strs({"x", "", "yz"});
  wire::Reader r(w.bytes());
  EXPECT_EQ(r.U8(), 7);
  EXPECT_EQ(r.U32(), 70000u);
  EXPECT_EQ(r.U64(), 1ull << 40);
  EXPECT_EQ(r.I32(), -3);
  EXPECT_EQ(r.I64(), -(1ll << 40));
  EXPECT_TRUE(r.Bool());
  EXPECT_EQ(r.Str(), std::string("a\0b", 3));
  EXPECT_THAT(r.Strs(), ElementsAre("x", "", "yz"));
  EXPECT_TRUE(r.ok());
}

TEST(WireTest, ATruncatedFrameReadsAsZerosAndIsNoticed) {
  wire::Writer w;
  w.Str("hello").U64(5);
  const std::string cut = w.bytes().substr(0, 10);  // the length, and 2 of 5 bytes
  wire::Reader r(cut);
  EXPECT_EQ(r.Str(), "");
  EXPECT_EQ(r.U64(), 0u);
  EXPECT_FALSE(r.ok());
  // A list claiming 4 billion strings in a few bytes allocates no more than it holds.
  wire::Writer liar;
  liar.U32(0xffffffffu);
  wire::Reader lies(liar.bytes());
  EXPECT_LE(lies.Strs().size(), liar.bytes().size());
  EXPECT_FALSE(lies.ok());
}

TEST(WireTest, PluginInfoAndSpawnRequestsSurviveTheTrip) {
  PluginInfo info;
  info.path = "/p/x.so";
  info.name = "x";
  info.types = {"a", "b"};
  info.settings = std::vector<SettingSpec>{{"region", GANTRY_SETTING_STRING, 0,
                                            GANTRY_SETTING_REQUIRED, "\"eu\"", {"eu", "us"}, "d"}};
  info.outputs = std::vector<OutputSpec>{{"id", true, "the id"}};
  info.has_execute = true;
  SpawnRequest spawn;
  spawn.argv = {"tf", "apply"};
  spawn.stdin_data = "";  // an empty stdin is not no stdin
  spawn.stop_timeout_ms = 1500;
  wire::Writer w;
  protocol::Put(w, info);
  protocol::Put(w, spawn);
  wire::Reader r(w.bytes());
  PluginInfo info_back;
  SpawnRequest spawn_back;
  protocol::Get(r, info_back);
  protocol::Get(r, spawn_back);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(info_back.name, "x");
  EXPECT_THAT(info_back.types, ElementsAre("a", "b"));
  ASSERT_TRUE(info_back.settings.has_value());
  EXPECT_EQ((*info_back.settings)[0].allowed, (std::vector<std::string>{"eu", "us"}));
  EXPECT_TRUE((*info_back.settings)[0].required());
  EXPECT_EQ(info_back.outputs, info.outputs);
  EXPECT_TRUE(info_back.has_execute);
  EXPECT_FALSE(info_back.has_validate);
  EXPECT_THAT(spawn_back.argv, ElementsAre("tf", "apply"));
  ASSERT_TRUE(spawn_back.stdin_data.has_value());
  EXPECT_EQ(*spawn_back.stdin_data, "");
  EXPECT_EQ(spawn_back.stop_timeout_ms, 1500u);
}

// Answers spawn by handing "hello\n" to the plugin's on_output, as a child would.
class EchoingContext : public RecordingCallContext {
 public:
  SpawnOutcome Spawn(const SpawnRequest& request, SpawnOutputFn on_output,
                     void* user_data) override {
    argv = request.argv;
    if (on_output != nullptr) on_output(user_data, GANTRY_STREAM_STDOUT, "hello\n", 6);
    return SpawnOutcome{true, 0, 0, false};
  }
  std::vector<std::string> argv;
};

class HostProcessTest : public ::testing::Test {
 protected:
  static ComponentData Component(const std::string& fault, const std::string& in = "execute") {
    ComponentData c;
    c.name = "bad";
    c.type = "faulty";
    c.settings_json = "{\"fault\": \"" + fault + "\", \"fault_in\": \"" + in + "\"}";
    return c;
  }

  std::unique_ptr<HostProcess> Start() {
    absl::StatusOr<std::unique_ptr<HostProcess>> host =
        HostProcess::Start(PluginHostProgram(), Faulty(), absl::Seconds(30));
    EXPECT_TRUE(host.ok()) << host.status();
    return host.ok() ? *std::move(host) : nullptr;
  }
};

TEST_F(HostProcessTest, TheHostSaysWhatThePluginDeclares) {
  std::unique_ptr<HostProcess> host = Start();
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(host->info().name, "faulty");
  EXPECT_THAT(host->info().types, ElementsAre("faulty"));
  EXPECT_EQ(host->info().path, Faulty());
  EXPECT_TRUE(host->info().has_validate && host->info().has_execute);
}

TEST_F(HostProcessTest, HostCallsReachTheRealContextAndChildOutputReachesThePlugin) {
  std::unique_ptr<HostProcess> host = Start();
  ASSERT_NE(host, nullptr);
  const ComponentData fail = Component("fail");
  RecordingCallContext failing;
  HostLoss loss;
  EXPECT_EQ(host->Run(failing, {Hook::kExecute, &fail, "apply"}, absl::InfiniteDuration(),
                      absl::Seconds(10), loss),
            GANTRY_STATUS_FAILED);
  EXPECT_FALSE(loss.lost);
  EXPECT_THAT(failing.errors(), ElementsAre("injected failure"));

  const ComponentData big = Component("huge_output");
  RecordingCallContext outputs;
  EXPECT_EQ(host->Run(outputs, {Hook::kExecute, &big, "apply"}, absl::InfiniteDuration(),
                      absl::Seconds(10), loss),
            GANTRY_STATUS_OK);
  ASSERT_EQ(outputs.outputs().count("big"), 1u);
  EXPECT_EQ(outputs.outputs().at("big").value, std::string(10u << 20, 'x'));

  const ComponentData echo = Component("echo_back");
  EchoingContext echoing;
  EXPECT_EQ(host->Run(echoing, {Hook::kExecute, &echo, "apply"}, absl::InfiniteDuration(),
                      absl::Seconds(10), loss),
            GANTRY_STATUS_OK);
  EXPECT_THAT(echoing.argv, ElementsAre("echo", "hello"));
  EXPECT_EQ(echoing.stdout_text(), "heard: hello\n");
}

TEST_F(HostProcessTest, ACrashEndsTheHookWithTheSignalAndTheHostIsGone) {
  std::unique_ptr<HostProcess> host = Start();
  ASSERT_NE(host, nullptr);
  const pid_t pid = host->pid();
  const ComponentData crash = Component("segfault");
  RecordingCallContext context;
  HostLoss loss;
  EXPECT_EQ(host->Run(context, {Hook::kExecute, &crash, "apply"}, absl::InfiniteDuration(),
                      absl::Seconds(10), loss),
            GANTRY_STATUS_FAILED);
  EXPECT_TRUE(loss.lost);
  EXPECT_FALSE(loss.killed);
  EXPECT_EQ(loss.why, "crashed (signal 11, Segmentation fault)");
  EXPECT_FALSE(host->alive());
  EXPECT_TRUE(gantry::testing::ProcessGone(pid)) << "reaped";
}

TEST_F(HostProcessTest, AHookPastItsLimitIsStoppedByKillingTheHost) {
  std::unique_ptr<HostProcess> host = Start();
  ASSERT_NE(host, nullptr);
  const ComponentData hang = Component("hang", "validate");
  RecordingCallContext context;
  HostLoss loss;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(host->Run(context, {Hook::kValidate, &hang, ""}, absl::Milliseconds(300),
                      absl::Seconds(10), loss),
            GANTRY_STATUS_FAILED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(loss.lost && loss.killed && loss.culprit);
  EXPECT_EQ(loss.why, "validate for bad did not return within 300ms");
}

TEST_F(HostProcessTest, ACancelledExecuteThatDoesNotReturnIsAbandonedAfterItsGrace) {
  std::unique_ptr<HostProcess> host = Start();
  ASSERT_NE(host, nullptr);
  const ComponentData hang = Component("hang");
  RecordingCallContext context;
  context.set_cancelled(true);
  HostLoss loss;
  EXPECT_EQ(host->Run(context, {Hook::kExecute, &hang, "apply"}, absl::InfiniteDuration(),
                      absl::Milliseconds(300), loss),
            GANTRY_STATUS_CANCELLED);
  EXPECT_TRUE(loss.culprit);
  EXPECT_EQ(loss.why, "execute (apply) for bad did not stop within 300ms of being cancelled");
}

// Its child is gantry's to stop: a plugin waiting for one after a cancel is not hung, and
// its time to return counts from the child's end.
class SlowChildContext : public EchoingContext {
 public:
  SpawnOutcome Spawn(const SpawnRequest& request, SpawnOutputFn on_output,
                     void* user_data) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    return EchoingContext::Spawn(request, on_output, user_data);
  }
};

TEST_F(HostProcessTest, ACancelledExecuteWaitingForItsChildIsNotAbandoned) {
  std::unique_ptr<HostProcess> host = Start();
  ASSERT_NE(host, nullptr);
  const ComponentData echo = Component("echo_back");
  SlowChildContext context;
  context.set_cancelled(true);
  HostLoss loss;
  EXPECT_EQ(host->Run(context, {Hook::kExecute, &echo, "apply"}, absl::InfiniteDuration(),
                      absl::Milliseconds(300), loss),
            GANTRY_STATUS_OK);
  EXPECT_FALSE(loss.lost) << loss.why;
  EXPECT_EQ(context.stdout_text(), "heard: hello\n");
}

TEST_F(HostProcessTest, AShutdownThatNeverReturnsIsEndedWithinSeconds) {
  setenv("FAULTY_HANG_IN_SHUTDOWN", "1", 1);
  std::unique_ptr<HostProcess> host = Start();
  unsetenv("FAULTY_HANG_IN_SHUTDOWN");
  ASSERT_NE(host, nullptr);
  const pid_t pid = host->pid();
  const auto start = std::chrono::steady_clock::now();
  host.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(gantry::testing::ProcessGone(pid));
}

TEST(ProcessHooksTest, TheHookAfterACrashGetsAFreshHost) {
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> plugin = LoadPluginInHost(Faulty());
  ASSERT_TRUE(plugin.ok()) << plugin.status();
  const ComponentData crash = [] {
    ComponentData c;
    c.name = "net/vpc";
    c.settings_json = "{\"fault\": \"abort\"}";
    return c;
  }();
  RecordingCallContext crashed;
  EXPECT_EQ((*plugin)->Execute(crashed, crash, "apply"), GANTRY_STATUS_FAILED);
  EXPECT_THAT(crashed.errors(),
              ElementsAre("plugin faulty crashed (signal 6, Aborted) while applying net/vpc"));
  ComponentData fine;
  fine.name = "db";
  RecordingCallContext after;
  EXPECT_EQ((*plugin)->Execute(after, fine, "plan"), GANTRY_STATUS_OK);
  EXPECT_TRUE(after.errors().empty());
  EXPECT_EQ((*plugin)->runs_in(), "plugin host");
}

TEST(ProcessHooksTest, LoadRefusalsAreTheLoadersOwnWords) {
  gantry::testing::TempDir dir;
  dir.Write("notes.so", "not a library\n");
  const std::string not_a_plugin = dir.path() + "/notes.so";
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> in_host = LoadPluginInHost(not_a_plugin);
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> in_process = LoadPlugin(not_a_plugin);
  ASSERT_FALSE(in_host.ok());
  ASSERT_FALSE(in_process.ok());
  EXPECT_EQ(std::string(in_host.status().message()), std::string(in_process.status().message()));
}

TEST(ProcessHooksTest, AMissingHostProgramSaysHowToFindIt) {
  setenv("GANTRY_PLUGIN_HOST", "/nonexistent/gantry-plugin-host", 1);
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> plugin = LoadPluginInHost(Faulty());
  unsetenv("GANTRY_PLUGIN_HOST");
  ASSERT_FALSE(plugin.ok());
  EXPECT_THAT(plugin.status().message(), HasSubstr("cannot start its plugin host"));
  EXPECT_THAT(plugin.status().message(), HasSubstr("GANTRY_PLUGIN_HOST"));
}

}  // namespace
}  // namespace gantry::plugin
