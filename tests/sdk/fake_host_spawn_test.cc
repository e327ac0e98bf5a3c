// The spawn helpers of plugin.hpp (Capture, on_line, stdin, env_vars, stop_timeout)
// driven through FakeHost by a C++ plugin linked into the test: the kit honours and
// records every 0.2 spawn member, for real and scripted children; against a host older
// than 0.2 the helper refuses what it cannot do instead of ignoring it.
#include <signal.h>

#include <chrono>
#include <cstddef>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "gantry/plugin.hpp"
#include "gantry/testing/fake_host.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/temp_plugin_dir.h"

namespace {

using ::gantry::testing::CallRecord;
using ::gantry::testing::FakeComponent;
using ::gantry::testing::FakeHost;
using ::gantry::testing::ScriptedChild;
using ::gantry::testing::SpawnSeen;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// What the plugin's Execute does: set by each test.
std::function<gantry::Status(gantry::Call&, const gantry::Component&)> g_execute;

class SpawnPlugin : public gantry::Plugin {
 public:
  SpawnPlugin() { ++constructed; }
  static inline int constructed = 0;
  static gantry::PluginInfo Info() { return {"spawner", "1.0.0", "", {"spawner"}, {"*"}, 0}; }
  gantry::Status Execute(gantry::Call& call, const gantry::Component& component,
                         std::string_view) override {
    return g_execute(call, component);
  }
};

// Lines per stream, as on_line got them.
struct Lines {
  std::vector<std::string> out, err;
  void Add(int32_t stream, std::string_view line) {
    (stream == GANTRY_STREAM_STDOUT ? out : err).emplace_back(line);
  }
};

class FakeHostSpawnTest : public ::testing::Test {
 protected:
  FakeHostSpawnTest() : host_(&gantry::detail::Entry<SpawnPlugin>, "spawner") {}
  ~FakeHostSpawnTest() override { g_execute = nullptr; }

  CallRecord Execute(std::function<gantry::Status(gantry::Call&, const gantry::Component&)> body) {
    g_execute = std::move(body);
    return host_.Execute(FakeComponent("app", "spawner").WithWorkDir(dir_.path()), "apply");
  }

  gantry::plugin::TempPluginDir dir_;
  FakeHost host_;
};

TEST_F(FakeHostSpawnTest, CaptureReturnsStdoutAndShowsOnlyStderr) {
  gantry::Captured captured;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"sh", "-c", "echo '{\"id\": 7}'; echo note >&2"};
    captured = call.Capture(options);
    return gantry::Status::kOk;
  });
  EXPECT_TRUE(captured.ok());
  EXPECT_EQ(captured.out, "{\"id\": 7}\n");
  EXPECT_EQ(r.stdout_text, "");  // never shown
  EXPECT_EQ(r.stderr_text, "note\n");
  ASSERT_EQ(r.spawns.size(), 1u);
  EXPECT_TRUE(r.spawns[0].Has(GANTRY_SPAWN_CAPTURE_STDOUT));
}

TEST_F(FakeHostSpawnTest, StdinTextIsFedAndRecorded) {
  gantry::Captured captured;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"cat"};
    options.stdin_text = std::string(std::size_t{2} << 20, 'z') + "end";
    captured = call.Capture(options);
    return gantry::Status::kOk;
  });
  EXPECT_TRUE(captured.ok());
  EXPECT_EQ(captured.out.size(), (std::size_t{2} << 20) + 3);
  EXPECT_EQ(captured.out.substr(captured.out.size() - 3), "end");
  ASSERT_EQ(r.spawns.size(), 1u);
  ASSERT_TRUE(r.spawns[0].stdin_data.has_value());
  EXPECT_EQ(r.spawns[0].stdin_data->size(), (std::size_t{2} << 20) + 3);
  EXPECT_EQ(r.spawns[0].stdin_path, "");
}

TEST_F(FakeHostSpawnTest, StdinFileIsReadFromTheWorkDirAndRecorded) {
  std::ofstream(dir_.path() + "/in.txt") << "file input\n";
  gantry::Captured captured;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"cat"};
    options.stdin_file = "in.txt";
    captured = call.Capture(options);
    return gantry::Status::kOk;
  });
  EXPECT_EQ(captured.out, "file input\n");
  EXPECT_EQ(r.spawns.at(0).stdin_path, "in.txt");
  EXPECT_FALSE(r.spawns.at(0).stdin_data.has_value());
}

TEST_F(FakeHostSpawnTest, MissingStdinFileFailsTheSpawnNamingIt) {
  bool started = true;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"cat"};
    options.stdin_file = "missing.txt";
    started = call.Spawn(options).started;
    return gantry::Status::kOk;
  });
  EXPECT_FALSE(started);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("stdin file 'missing.txt'")));
}

TEST_F(FakeHostSpawnTest, StdinTextAndFileTogetherAreRefusedAsByTheHost) {
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"cat"};
    options.stdin_text = "a";
    options.stdin_file = "b";
    return call.Spawn(options).started ? gantry::Status::kOk : gantry::Status::kFailed;
  });
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("sets both stdin_data and stdin_path")));
  EXPECT_EQ(r.spawns.size(), 1u);
}

TEST_F(FakeHostSpawnTest, OnLineGetsLinesOfARealChild) {
  Lines lines;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"sh", "-c", "printf 'o'; printf 'ne\\r\\ntw'; printf 'o\\n\\nx' ; echo e >&2"};
    options.on_line = [&](int32_t stream, std::string_view line) { lines.Add(stream, line); };
    return call.Spawn(options).ok() ? gantry::Status::kOk : gantry::Status::kFailed;
  });
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_THAT(lines.out, ElementsAre("one", "two", "", "x"));
  EXPECT_THAT(lines.err, ElementsAre("e"));
  EXPECT_EQ(r.stdout_text, "one\r\ntwo\n\nx");  // shown as the child wrote it
  EXPECT_TRUE(r.spawns.at(0).Has(GANTRY_SPAWN_LINES));
}

TEST_F(FakeHostSpawnTest, ScriptedChildSeesStdinAndIsCutIntoLines) {
  std::string script_stdin;
  host_.OnSpawn([&](const SpawnSeen& seen) {
    script_stdin = seen.stdin_data.value_or("<none>");
    return ScriptedChild{0, "a\nb\n\nc", "w1\nw2", 0};
  });
  Lines lines;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"terraform", "apply", "-auto-approve"};
    options.stdin_text = "yes\n";
    options.on_line = [&](int32_t stream, std::string_view line) { lines.Add(stream, line); };
    return call.Spawn(options).ok() ? gantry::Status::kOk : gantry::Status::kFailed;
  });
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(script_stdin, "yes\n");
  EXPECT_THAT(lines.out, ElementsAre("a", "b", "", "c"));
  EXPECT_THAT(lines.err, ElementsAre("w1", "w2"));
}

TEST_F(FakeHostSpawnTest, ScriptedChildWithAMissingStdinFileFailsAsForReal) {
  host_.OnSpawn([](const SpawnSeen&) { return ScriptedChild{}; });
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"terraform"};
    options.stdin_file = "plan.bin";
    return call.Spawn(options).started ? gantry::Status::kOk : gantry::Status::kFailed;
  });
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("stdin file 'plan.bin'")));
}

TEST_F(FakeHostSpawnTest, EnvVarsReachTheChildAfterEnv) {
  gantry::Captured captured;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"sh", "-c", "echo \"$KIT_A $KIT_B\""};
    options.env = {"KIT_A=list", "KIT_B=list"};
    options.env_vars = {{"KIT_B", "map"}};
    captured = call.Capture(options);
    return gantry::Status::kOk;
  });
  EXPECT_EQ(captured.out, "list map\n");
  EXPECT_THAT(r.spawns.at(0).env, ElementsAre("KIT_A=list", "KIT_B=list", "KIT_B=map"));
}

TEST_F(FakeHostSpawnTest, OnOutputAndOnLineTogetherAreAPluginError) {
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"true"};
    options.on_output = [](int32_t, std::string_view) {};
    options.on_line = [](int32_t, std::string_view) {};
    (void)call.Spawn(options);
    return gantry::Status::kOk;
  });
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("set on_output or on_line, not both")));
  EXPECT_THAT(r.spawns, IsEmpty());
}

// Cancelled once the child is up; it traps SIGTERM and needs a while to finish.
class FakeHostStopTimeoutTest : public FakeHostSpawnTest {
 protected:
  CallRecord RunCancelled(std::chrono::milliseconds stop_timeout, gantry::SpawnResult* result,
                          Lines* lines) {
    return Execute([this, stop_timeout, result, lines](gantry::Call& call,
                                                       const gantry::Component&) {
      gantry::SpawnOptions options;
      options.argv = {"sh", "-c",
                      "trap 'sleep 0.5; echo finished; exit 0' TERM; echo ready; "
                      "while :; do sleep 0.05; done"};
      options.stop_timeout = stop_timeout;
      options.on_line = [this, lines](int32_t stream, std::string_view line) {
        lines->Add(stream, line);
        if (line == "ready") host_.Cancel();
      };
      *result = call.Spawn(options);
      return gantry::Status::kOk;
    });
  }
};

TEST_F(FakeHostStopTimeoutTest, LongStopTimeoutLetsTheChildFinish) {
  gantry::SpawnResult result;
  Lines lines;
  const CallRecord r = RunCancelled(std::chrono::milliseconds(5000), &result, &lines);
  EXPECT_EQ(r.spawns.at(0).stop_timeout_ms, 5000u);
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.term_signal, 0);
  EXPECT_THAT(lines.out, ElementsAre("ready", "finished"));
}

TEST_F(FakeHostStopTimeoutTest, ShortStopTimeoutKillsTheChildFirst) {
  gantry::SpawnResult result;
  Lines lines;
  const CallRecord r = RunCancelled(std::chrono::milliseconds(1), &result, &lines);
  EXPECT_EQ(r.spawns.at(0).stop_timeout_ms, 1u);
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.term_signal, SIGKILL);
  EXPECT_THAT(lines.out, ElementsAre("ready"));
}

// A plugin built against the 0.1 header: its request ends before stdin_data, and the kit
// reads nothing beyond (the poison there would fail or feed the child).
TEST_F(FakeHostSpawnTest, RequestOfThe01SizeIsReadOnlyUpToItsSize) {
  struct Out {
    std::string text;
    static void Take(void* self, int32_t, const char* data, uint64_t size) {
      static_cast<Out*>(self)->text.append(data, size);
    }
  } out;
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    const char* const argv[] = {"sh", "-c", "cat; echo done", nullptr};
    gantry_spawn_request request{};
    request.struct_size = offsetof(gantry_spawn_request, stdin_data);
    request.abi_version = 1;
    request.argv = argv;
    request.on_output = &Out::Take;
    request.user_data = &out;
    request.stdin_data = "poison";
    request.stdin_size = 6;
    request.stdin_path = "/nonexistent/poison";
    request.stop_timeout_ms = 1;
    gantry_spawn_result result{};
    result.struct_size = sizeof result;
    return call.host()->spawn(call.raw(), &request, &result) == GANTRY_STATUS_OK
               ? gantry::Status::kOk
               : gantry::Status::kFailed;
  });
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(out.text, "done\n");
  EXPECT_FALSE(r.spawns.at(0).stdin_data.has_value());
  EXPECT_EQ(r.spawns.at(0).stdin_path, "");
  EXPECT_EQ(r.spawns.at(0).stop_timeout_ms, 0u);
}

// --- Against a host older than 0.2 (its table ends before report_diagnostic) -----------

std::vector<std::string> g_old_errors;
int g_old_spawns = 0;

void OldReportError(gantry_call*, const char* message) { g_old_errors.emplace_back(message); }
gantry_status OldSpawn(gantry_call*, const gantry_spawn_request*, gantry_spawn_result*) {
  ++g_old_spawns;
  return GANTRY_STATUS_OK;
}

// The kit's table as an older host's: it ends before `member_offset`.
gantry_host TableEndingAt(size_t member_offset) {
  gantry_host host = *FakeHost::host_table();
  host.struct_size = static_cast<uint32_t>(member_offset);
  return host;
}

gantry_host OldHost() {
  gantry_host host = TableEndingAt(offsetof(gantry_host, report_diagnostic));
  host.report_error = &OldReportError;
  host.spawn = &OldSpawn;
  return host;
}

class OldHostTest : public ::testing::Test {
 protected:
  OldHostTest() {
    g_old_errors.clear();
    g_old_spawns = 0;
  }
  const gantry_host host_ = OldHost();
  gantry::Call call_{&host_, nullptr};
};

TEST_F(OldHostTest, StdinFailsTheSpawnWithAClearMessage) {
  gantry::SpawnOptions options;
  options.argv = {"cat"};
  options.stdin_text = "data";
  EXPECT_FALSE(call_.HostHasSpawn02());
  EXPECT_FALSE(call_.Spawn(options).started);
  EXPECT_EQ(g_old_spawns, 0);
  EXPECT_THAT(g_old_errors, ElementsAre("this gantry host predates release 0.2 and cannot give "
                                        "a child stdin; upgrade gantry"));
}

TEST_F(OldHostTest, StopWithSigintIsIgnoredNotRefused) {
  // A timeout then sends SIGTERM, as the flag's comment says; the child still runs.
  gantry::SpawnOptions options;
  options.argv = {"true"};
  options.stop_with_sigint = true;
  EXPECT_FALSE(call_.HostHasChanges());
  EXPECT_TRUE(call_.Capture(options).result.started);
  EXPECT_EQ(g_old_spawns, 1);
  EXPECT_THAT(g_old_errors, IsEmpty());
}

TEST_F(OldHostTest, LinesAndStopTimeoutFailTooButPlainSpawnsRun) {
  gantry::SpawnOptions lines;
  lines.argv = {"true"};
  lines.on_line = [](int32_t, std::string_view) {};
  EXPECT_FALSE(call_.Spawn(lines).started);
  gantry::SpawnOptions stop;
  stop.argv = {"true"};
  stop.stop_timeout = std::chrono::milliseconds(100);
  EXPECT_FALSE(call_.Spawn(stop).started);
  EXPECT_THAT(g_old_errors,
              ElementsAre(HasSubstr("cannot deliver a child's output line by line"),
                          HasSubstr("cannot set a child's stop timeout")));
  gantry::SpawnOptions plain;
  plain.argv = {"true"};
  plain.env_vars = {{"A", "b"}};  // needs nothing of 0.2
  EXPECT_TRUE(call_.Capture(plain).result.started);
  EXPECT_EQ(g_old_spawns, 1);
}

// --- Against a 0.2 host from before report_changes (its table ends at declare_output) ---

int g_newer_calls = 0;

gantry_status CountChanges(gantry_call*, const gantry_changes*) {
  ++g_newer_calls;
  return GANTRY_STATUS_OK;
}
gantry_status CountProvide(gantry_call*, const char*) {
  ++g_newer_calls;
  return GANTRY_STATUS_OK;
}
gantry_status CountNeed(gantry_call*, const char*, const char*) {
  ++g_newer_calls;
  return GANTRY_STATUS_OK;
}

// The members past its struct_size hold functions that count: a plugin must not call them.
gantry_host HostBeforeChanges() {
  gantry_host host = TableEndingAt(offsetof(gantry_host, report_changes));
  host.report_changes = &CountChanges;
  host.provide_key = &CountProvide;
  host.need_key = &CountNeed;
  return host;
}

TEST(HostBeforeChangesTest, ChangesAndKeysAreUnsupportedWithoutCallingTheHost) {
  g_newer_calls = 0;
  const gantry_host host = HostBeforeChanges();
  const gantry::Call call(&host, nullptr);
  EXPECT_TRUE(call.HostHasSpawn02());
  EXPECT_FALSE(call.HostHasChanges());
  EXPECT_EQ(call.ReportChanges(gantry::Changes{true, 1, 2, 3}), gantry::Status::kUnsupported);
  EXPECT_EQ(call.ProvideKey("k"), gantry::Status::kUnsupported);
  EXPECT_EQ(call.NeedKey("k", "why"), gantry::Status::kUnsupported);
  EXPECT_EQ(g_newer_calls, 0);
}

TEST(HostBeforeChangesTest, AViewEndingBeforeTheDirectoriesGivesThemEmpty) {
  const FakeComponent fake =
      FakeComponent("app", "spawner").WithProjectDir("/poison").WithCacheDir("/poison");
  gantry_component view = fake.View();
  view.struct_size = offsetof(gantry_component, project_dir);
  const gantry::Component older(view);
  EXPECT_EQ(older.name, "app");
  EXPECT_EQ(older.project_dir, "");
  EXPECT_EQ(older.cache_dir, "");
  view.struct_size = sizeof view;
  EXPECT_EQ(gantry::Component(view).project_dir, "/poison");
  EXPECT_EQ(gantry::Component(view).cache_dir, "/poison");
}

TEST_F(FakeHostSpawnTest, StopWithSigintSetsItsFlag) {
  const CallRecord r = Execute([&](gantry::Call& call, const gantry::Component&) {
    gantry::SpawnOptions options;
    options.argv = {"true"};
    options.stop_with_sigint = true;
    (void)call.Spawn(options);
    options.stop_with_sigint = false;
    (void)call.Spawn(options);
    return gantry::Status::kOk;
  });
  ASSERT_EQ(r.spawns.size(), 2u);
  EXPECT_TRUE(r.spawns[0].Has(GANTRY_SPAWN_STOP_WITH_SIGINT));
  EXPECT_FALSE(r.spawns[1].Has(GANTRY_SPAWN_STOP_WITH_SIGINT));
}

// A plugin author's test binary makes a host per test, in one process: the kit's plugin,
// shut down by one host, serves the next with an instance of its own.
TEST(FakeHostKitPluginTest, ServesEachHostInTurnWithAFreshInstance) {
  g_execute = [](gantry::Call& call, const gantry::Component&) {
    call.Out("ran\n");
    return gantry::Status::kOk;
  };
  for (int host_number = 0; host_number < 3; ++host_number) {
    const int before = SpawnPlugin::constructed;
    FakeHost host(&gantry::detail::Entry<SpawnPlugin>, "spawner");
    // The first host may find the instance an earlier test's host left open.
    if (host_number > 0) {
      EXPECT_EQ(SpawnPlugin::constructed - before, 1) << "host " << host_number;
    }
    const CallRecord r = host.Execute(FakeComponent("app", "spawner"), "apply");
    EXPECT_EQ(r.status, GANTRY_STATUS_OK) << "host " << host_number;
    EXPECT_EQ(r.stdout_text, "ran\n") << "host " << host_number;
  }
  g_execute = nullptr;
}

// As the host does: an output needs a value, and one flagged JSON must be JSON.
TEST(FakeHostKitPluginTest, RefusesANullOutputValueAndJsonThatIsNot) {
  g_execute = [](gantry::Call& call, const gantry::Component&) {
    call.host()->set_output(call.raw(), "none", nullptr, 0);
    (void)call.SetOutput("doc", "{\"unclosed\": [1, 2", GANTRY_OUTPUT_JSON);
    (void)call.SetOutput("cfg", "{\"a\": [1, 2]}", GANTRY_OUTPUT_JSON);
    return gantry::Status::kOk;
  };
  FakeHost host(&gantry::detail::Entry<SpawnPlugin>, "spawner");
  const CallRecord r = host.Execute(FakeComponent("app", "spawner"), "apply");
  g_execute = nullptr;
  EXPECT_THAT(r.refusals,
              ElementsAre("set_output('none'): no value (NULL)",
                          "set_output('doc'): flagged JSON, but the value is not JSON"));
  ASSERT_EQ(r.outputs.size(), 1u);
  EXPECT_EQ(r.outputs.at("cfg").value, "{\"a\": [1, 2]}");
}

// --- Against a 0.7 host, before report_file (its table ends at report_busy) -----------

int g_file_calls = 0;

gantry_status CountFile(gantry_call*, const char*, const char*) {
  ++g_file_calls;
  return GANTRY_STATUS_OK;
}

TEST(HostBeforeFilesTest, ReportFileIsUnsupportedWithoutCallingTheHost) {
  g_file_calls = 0;
  gantry_host host = TableEndingAt(offsetof(gantry_host, report_file));
  host.report_file = &CountFile;  // past struct_size: never called
  const gantry::Call call(&host, nullptr);
  EXPECT_TRUE(call.HostHasChanges());
  EXPECT_EQ(call.ReportFile("../modules/vpc", "module ../modules/vpc"),
            gantry::Status::kUnsupported);
  EXPECT_EQ(g_file_calls, 0);
}

}  // namespace
