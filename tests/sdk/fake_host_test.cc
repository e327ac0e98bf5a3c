// The SDK test kit: gantry::testing::FakeHost loads the "kit" fixture module (which uses
// every host function) and records what it does; refused modules give clear errors.
#include "gantry/testing/fake_host.hpp"

#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/temp_plugin_dir.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/temp_dir.h"

namespace {

using ::gantry::testing::CallRecord;
using ::gantry::testing::FakeComponent;
using ::gantry::testing::FakeHost;
using ::gantry::testing::FakeHostError;
using ::gantry::testing::ScriptedChild;
using ::gantry::testing::SpawnSeen;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class FakeHostTest : public ::testing::Test {
 protected:
  FakeHostTest() : host_(FakeHost::Load(GANTRY_FIXTURE_KIT)) {}

  // A "kit" component whose command file (one argv entry per line) is `argv`.
  FakeComponent WithCommand(const std::vector<std::string>& argv) {
    std::ofstream file(dir_.path() + "/command");
    for (const std::string& arg : argv) file << arg << "\n";
    return FakeComponent("app", "kit").WithSourceDir(dir_.path()).WithTarget("dev");
  }

  gantry::plugin::TempPluginDir dir_;
  FakeHost host_;
};

TEST_F(FakeHostTest, DescribesThePlugin) {
  EXPECT_EQ(host_.name(), "kit");
  EXPECT_EQ(host_.version(), "1.2.3");
  EXPECT_THAT(host_.description(), HasSubstr("FakeHost fixture"));
  EXPECT_THAT(host_.component_types(), ElementsAre("kit"));
  EXPECT_THAT(host_.operations(), ElementsAre("*"));
  EXPECT_EQ(host_.capabilities(), GANTRY_CAP_CONCURRENT);
  EXPECT_EQ(host_.abi_version(), GANTRY_ABI_VERSION);
  EXPECT_EQ(host_.descriptor_size(), sizeof(gantry_plugin));
  EXPECT_TRUE(host_.has_validate());
  EXPECT_TRUE(host_.has_discover());
  EXPECT_TRUE(host_.has_execute());
  EXPECT_TRUE(host_.SupportsOperation("anything"));
  EXPECT_EQ(host_.GetExtension("gantry.outputs.v1"), nullptr);
  EXPECT_EQ(host_.path(), GANTRY_FIXTURE_KIT);
}

TEST_F(FakeHostTest, ValidateRecordsEveryError) {
  const CallRecord r =
      host_.Validate(FakeComponent("app", "kit").WithSettings(R"({"a": "bad", "b": "worse"})"));
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("\"bad\""), HasSubstr("\"worse\"")));
}

TEST_F(FakeHostTest, ValidateAcceptsGoodSettings) {
  const CallRecord r = host_.Validate(FakeComponent("app", "kit").WithSettings(R"({"a": 1})"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_THAT(r.errors, IsEmpty());
}

TEST_F(FakeHostTest, ValidateMayNotSetOutputsOrSpawn) {
  const CallRecord r = host_.Validate(FakeComponent("app", "kit").WithSettings(R"(["sneaky"])"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_THAT(r.outputs, IsEmpty());
  ASSERT_THAT(r.spawns, SizeIs(1));
  EXPECT_THAT(r.spawns[0].argv, ElementsAre("true"));
  EXPECT_THAT(r.refusals, ElementsAre(HasSubstr("set_output('early') refused")));
  EXPECT_THAT(r.errors, ElementsAre(HasSubstr("spawn of 'true' refused")));
}

TEST_F(FakeHostTest, DiscoverRecordsDependencies) {
  const CallRecord r = host_.Discover(FakeComponent("web", "kit"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  ASSERT_THAT(r.dependencies, SizeIs(2));
  EXPECT_EQ(r.dependencies[0].component, "network/vpc");
  EXPECT_EQ(r.dependencies[0].reason, "remote_state in main.tf:3");
  EXPECT_EQ(r.dependencies[1].component, "db");
  ASSERT_THAT(r.logs, SizeIs(1));
  EXPECT_EQ(r.logs[0].level, GANTRY_LOG_DEBUG);
  EXPECT_EQ(r.logs[0].text, "web");
}

TEST_F(FakeHostTest, ExecuteRecordsWritesOutputsAndLogs) {
  const CallRecord r = host_.Execute(FakeComponent("network/vpc", "kit"), "apply");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.stdout_text, "applying network/vpc\n");
  EXPECT_EQ(r.stderr_text, "careful\n");
  ASSERT_THAT(r.outputs, SizeIs(2));
  EXPECT_EQ(r.outputs.at("id").value, "42");
  EXPECT_EQ(r.outputs.at("id").flags, 0u);
  EXPECT_EQ(r.outputs.at("password").value, "s3cret");
  EXPECT_EQ(r.outputs.at("password").flags, GANTRY_OUTPUT_SENSITIVE);
  ASSERT_THAT(r.logs, SizeIs(1));
  EXPECT_EQ(r.logs[0].level, GANTRY_LOG_WARN);
  EXPECT_EQ(r.logs[0].text, "kit apply");
  // Dependencies come from discover; the host ignores them during execute and says so.
  EXPECT_THAT(r.dependencies, IsEmpty());
  EXPECT_THAT(r.refusals, ElementsAre(HasSubstr("add_dependency('late') during execute")));
  EXPECT_THAT(r.errors, IsEmpty());
  EXPECT_THAT(r.spawns, IsEmpty());
}

TEST_F(FakeHostTest, OutputKeysBreakingTheRuleAreRefused) {
  const CallRecord r = host_.Execute(FakeComponent("app", "kit"), "bad-key");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.outputs, IsEmpty());
  EXPECT_THAT(r.refusals, ElementsAre(HasSubstr("non-empty key"),
                                      HasSubstr("output key 'bad key!' is refused")));
  EXPECT_THAT(r.errors, IsEmpty());
}

TEST_F(FakeHostTest, UnknownOperationIsWhatThePluginSays) {
  EXPECT_EQ(host_.Execute(FakeComponent("app", "kit"), "zap").status, GANTRY_STATUS_UNSUPPORTED);
}

TEST_F(FakeHostTest, RealSpawnRunsTheChild) {
  const CallRecord r =
      host_.Execute(WithCommand({"/bin/sh", "-c", "echo hi; echo err >&2; exit 3"}), "run");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.stdout_text, "hi\n");
  EXPECT_EQ(r.stderr_text, "err\n");
  EXPECT_EQ(r.outputs.at("exit_code").value, "3");
  EXPECT_EQ(r.outputs.at("term_signal").value, "0");
  EXPECT_EQ(r.outputs.at("cancelled").value, "0");
  EXPECT_EQ(r.outputs.at("captured").value, "hi\n");  // on_output saw it too
  ASSERT_THAT(r.spawns, SizeIs(1));
  EXPECT_THAT(r.spawns[0].argv, ElementsAre("/bin/sh", "-c", "echo hi; echo err >&2; exit 3"));
  EXPECT_THAT(r.spawns[0].env, ElementsAre("KIT_VAR=kit", "KIT_EXTRA=dev"));
  EXPECT_EQ(r.spawns[0].cwd, "");
  EXPECT_EQ(r.spawns[0].flags, 0u);
  EXPECT_THAT(r.errors, IsEmpty());
}

TEST_F(FakeHostTest, CapturedStdoutGoesOnlyToThePlugin) {
  const CallRecord r =
      host_.Execute(WithCommand({"/bin/sh", "-c", "echo hi; echo err >&2"}), "run-captured");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.stdout_text, "");
  EXPECT_EQ(r.stderr_text, "err\n");
  EXPECT_EQ(r.outputs.at("captured").value, "hi\n");
  EXPECT_TRUE(r.spawns.at(0).Has(GANTRY_SPAWN_CAPTURE_STDOUT));
}

TEST_F(FakeHostTest, ChildRunsInWorkDirWithAddedEnvironment) {
  gantry::plugin::TempPluginDir work;
  ASSERT_EQ(setenv("FAKEHOST_TEST_MARKER", "inherited", 1), 0);
  const std::string script = "echo \"$KIT_VAR $KIT_EXTRA ${FAKEHOST_TEST_MARKER:-none}\"; pwd -P";
  FakeComponent component = WithCommand({"/bin/sh", "-c", script}).WithWorkDir(work.path());
  const CallRecord r = host_.Execute(component, "run");
  EXPECT_EQ(r.stdout_text, "kit dev inherited\n" + work.path() + "\n");
  const CallRecord clear = host_.Execute(component, "run-clear-env");
  EXPECT_EQ(clear.stdout_text, "kit dev none\n" + work.path() + "\n");
  unsetenv("FAKEHOST_TEST_MARKER");
}

TEST_F(FakeHostTest, ProgramThatCannotStartFailsTheSpawn) {
  const CallRecord r = host_.Execute(WithCommand({"/nonexistent/terraform", "plan"}), "run");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, Contains(HasSubstr("cannot start '/nonexistent/terraform'")));
  EXPECT_THAT(r.spawns, SizeIs(1));
}

TEST_F(FakeHostTest, ScriptedSpawnRunsNoProgram) {
  std::vector<std::string> seen_argv;
  host_.OnSpawn([&](const SpawnSeen& seen) {
    seen_argv = seen.argv;
    return ScriptedChild{7, "Plan: 1 to add\n", "warning\n"};
  });
  const CallRecord r = host_.Execute(WithCommand({"terraform", "plan", "-no-color"}), "run");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_THAT(seen_argv, ElementsAre("terraform", "plan", "-no-color"));
  EXPECT_EQ(r.stdout_text, "Plan: 1 to add\n");
  EXPECT_EQ(r.stderr_text, "warning\n");
  EXPECT_EQ(r.outputs.at("exit_code").value, "7");
  EXPECT_EQ(r.outputs.at("captured").value, "Plan: 1 to add\n");
  EXPECT_THAT(r.errors, IsEmpty());
}

TEST_F(FakeHostTest, CancelEndsALongRealChild) {
  const auto start = std::chrono::steady_clock::now();
  std::thread canceller([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    host_.Cancel();
  });
  const CallRecord r = host_.Execute(WithCommand({"/bin/sh", "-c", "sleep 30; echo never"}), "run");
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(r.status, GANTRY_STATUS_CANCELLED);
  EXPECT_EQ(r.outputs.at("cancelled").value, "1");
  EXPECT_EQ(r.outputs.at("term_signal").value, std::to_string(SIGTERM));
  EXPECT_EQ(r.stdout_text, "");
  EXPECT_TRUE(host_.cancelled());
}

TEST_F(FakeHostTest, CancelAfterSpawnsStopsThePluginBetweenSteps) {
  host_.OnSpawn([](const SpawnSeen&) { return ScriptedChild{}; });
  host_.CancelAfterSpawns(2);
  const CallRecord r = host_.Execute(WithCommand({"step"}), "steps");
  EXPECT_EQ(r.status, GANTRY_STATUS_CANCELLED);
  EXPECT_EQ(r.outputs.at("steps").value, "2");
  EXPECT_THAT(r.spawns, SizeIs(2));

  host_.ResetCancel();
  const CallRecord again = host_.Execute(WithCommand({"step"}), "steps");
  EXPECT_EQ(again.status, GANTRY_STATUS_OK);
  EXPECT_EQ(again.outputs.at("steps").value, "3");
}

TEST_F(FakeHostTest, SpawnAfterCancelStartsNothing) {
  host_.Cancel();
  const CallRecord r = host_.Execute(WithCommand({"/bin/sh", "-c", "echo ran"}), "run");
  EXPECT_EQ(r.status, GANTRY_STATUS_CANCELLED);
  EXPECT_EQ(r.stdout_text, "");
  EXPECT_EQ(r.outputs.at("term_signal").value, std::to_string(SIGTERM));
}

TEST_F(FakeHostTest, CallsFromPluginThreadsAreRecorded) {
  const CallRecord r = host_.Execute(FakeComponent("app", "kit"), "thread");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_EQ(r.stdout_text, "from thread\n");
  EXPECT_EQ(r.outputs.at("thread").value, "yes");
}

TEST_F(FakeHostTest, ConcurrentCallsKeepTheirOwnRecords) {
  std::vector<std::thread> threads;
  std::vector<CallRecord> records(4);
  for (size_t i = 0; i < records.size(); ++i) {
    threads.emplace_back([&, i] {
      records[i] = host_.Execute(FakeComponent("c" + std::to_string(i), "kit"), "apply");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].stdout_text, "applying c" + std::to_string(i) + "\n");
  }
}

TEST_F(FakeHostTest, MovedHostKeepsWorking) {
  FakeHost moved = std::move(host_);
  EXPECT_EQ(moved.name(), "kit");
  EXPECT_EQ(moved.Execute(FakeComponent("app", "kit"), "apply").status, GANTRY_STATUS_OK);
}

// --- Hooks the plugin lacks, refused modules, linked-in entries --------------------------

TEST(FakeHostAbiTest, MissingHooksBehaveAsTheHost) {
  FakeHost host = FakeHost::Load(GANTRY_FIXTURE_OLD_SDK);  // built without discover..
  EXPECT_FALSE(host.has_discover());
  EXPECT_FALSE(host.has_execute());
  EXPECT_EQ(host.descriptor_size(), offsetof(gantry_plugin, discover));
  EXPECT_FALSE(host.declares_outputs()) << "outputs lies past struct_size, poisoned";
  const CallRecord validated = host.Validate(FakeComponent("app", "old-sdk"));
  EXPECT_EQ(validated.status, GANTRY_STATUS_OK);
  ASSERT_THAT(validated.logs, SizeIs(1));
  EXPECT_EQ(validated.logs[0].text, "old-sdk validate");
  const CallRecord discovered = host.Discover(FakeComponent("app", "old-sdk"));
  EXPECT_EQ(discovered.status, GANTRY_STATUS_OK);
  EXPECT_THAT(discovered.dependencies, IsEmpty());
  // execute lies past struct_size: the poisoned hook there must not be called.
  const CallRecord executed = host.Execute(FakeComponent("app", "old-sdk"), "apply");
  EXPECT_EQ(executed.status, GANTRY_STATUS_UNSUPPORTED);
  EXPECT_THAT(executed.errors, IsEmpty());
}

TEST(FakeHostOutputsTest, StaticOutputsAreVisibleAndDiscoverDeclarationsRecorded) {
  FakeHost keeper = FakeHost::Load(GANTRY_TEST_KEEPER);
  EXPECT_TRUE(keeper.declares_outputs());
  ASSERT_THAT(keeper.outputs(), SizeIs(2));
  EXPECT_EQ(keeper.outputs()[0].name, "token");
  EXPECT_TRUE(keeper.outputs()[0].sensitive());
  EXPECT_EQ(keeper.outputs()[0].description, "the API token");
  EXPECT_FALSE(keeper.outputs()[1].sensitive());

  gantry::testing::TempDir dir;
  dir.Write("main.tf", "output \"vpc_id\" {\n}\noutput \"secret_key\" {\n}\n");
  FakeHost tf = FakeHost::Load(GANTRY_TEST_TF);
  EXPECT_TRUE(tf.declares_outputs());
  EXPECT_THAT(tf.outputs(), IsEmpty());
  const CallRecord r = tf.Discover(FakeComponent("net", "tf").WithSourceDir(dir.path()));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  EXPECT_THAT(r.errors, IsEmpty());
  ASSERT_THAT(r.declared_outputs, SizeIs(2));
  EXPECT_EQ(r.declared_outputs[0].name, "vpc_id");
  EXPECT_FALSE(r.declared_outputs[0].sensitive());
  EXPECT_EQ(r.declared_outputs[1].name, "secret_key");
  EXPECT_TRUE(r.declared_outputs[1].sensitive());
}

TEST(FakeHostAbiTest, HostTableIsComplete) {
  const gantry_host* table = FakeHost::host_table();
  // Fails when host.h grows a member the kit does not fill yet (see HostTable()).
  EXPECT_EQ(table->struct_size, sizeof(gantry_host));
  EXPECT_EQ(table->abi_version, GANTRY_ABI_VERSION);
  EXPECT_STREQ(table->name, "gantry");
  EXPECT_NE(table->log, nullptr);
  EXPECT_NE(table->write, nullptr);
  EXPECT_NE(table->spawn, nullptr);
  EXPECT_NE(table->is_cancelled, nullptr);
  EXPECT_NE(table->set_output, nullptr);
  EXPECT_NE(table->report_error, nullptr);
  EXPECT_NE(table->add_dependency, nullptr);
  ASSERT_NE(table->get_extension, nullptr);
  EXPECT_EQ(table->get_extension(table, "gantry.anything.v1"), nullptr);
  // NULL handles are plugin bugs: a failed status, never a crash.
  EXPECT_EQ(table->write(nullptr, GANTRY_STREAM_STDOUT, "x", 1), GANTRY_STATUS_FAILED);
  EXPECT_EQ(table->set_output(nullptr, "k", "v", 0), GANTRY_STATUS_FAILED);
  EXPECT_EQ(table->is_cancelled(nullptr), 0);
}

void ExpectLoadError(const std::string& path, const std::string& reason) {
  try {
    FakeHost::Load(path);
    ADD_FAILURE() << "loaded " << path;
  } catch (const FakeHostError& e) {
    EXPECT_THAT(e.what(), HasSubstr("plugin " + path + ": "));
    EXPECT_THAT(e.what(), HasSubstr(reason));
  }
}

TEST(FakeHostLoadTest, MissingModuleIsAClearError) {
  ExpectLoadError("/nonexistent/dir/my_plugin.so", "cannot be read (does it exist?)");
}

TEST(FakeHostLoadTest, NotALibraryIsAClearError) {
  ExpectLoadError(GANTRY_FIXTURE_NOT_A_LIBRARY, "cannot be loaded as a shared library");
}

TEST(FakeHostLoadTest, MissingEntrySymbolIsAClearError) {
  ExpectLoadError(GANTRY_FIXTURE_NO_ENTRY, "has no entry symbol gantry_plugin_entry");
}

TEST(FakeHostLoadTest, RefusingPluginIsAClearError) {
  ExpectLoadError(GANTRY_FIXTURE_NULL_ENTRY, "its entry returned NULL");
  ExpectLoadError(GANTRY_FIXTURE_ABI99, "it speaks plugin ABI version 99");
}

// A plugin linked into the test binary, with no execute hook.
const gantry_host* g_linked_host = nullptr;
const char* const kLinkedTypes[] = {"linked", nullptr};

gantry_status LinkedValidate(const gantry_plugin*, gantry_call* call, const gantry_component* c) {
  g_linked_host->report_error(call, (std::string("checked ") + c->name + "@" + c->target).c_str());
  return GANTRY_STATUS_FAILED;
}

const gantry_plugin* LinkedEntry(uint32_t min_abi, uint32_t max_abi, const gantry_host* host) {
  static const gantry_plugin plugin = [] {
    gantry_plugin p{};
    p.struct_size = sizeof p;
    p.abi_version = GANTRY_ABI_VERSION;
    p.name = "linked";
    p.version = "0.1";
    p.component_types = kLinkedTypes;
    p.validate = &LinkedValidate;
    return p;
  }();
  if (min_abi > GANTRY_ABI_VERSION || max_abi < GANTRY_ABI_VERSION) return nullptr;
  g_linked_host = host;
  return &plugin;
}

// Proposes, for `gantry init`, what the directory's last letter asks for: 'a' a good
// component, 'b' another plugin's type, 'c' a source outside the directory; 'd' reports
// the directory as a file instead (refused: discover only).
gantry_status LinkedRecognize(const gantry_plugin*, gantry_call* call, const char* dir) {
  const std::string where(dir);
  if (where.back() == 'd') return g_linked_host->report_file(call, dir, nullptr);
  gantry_proposal p{};
  p.struct_size = sizeof p;
  p.abi_version = GANTRY_ABI_VERSION;
  p.type = where.back() == 'b' ? "terraform" : "linked";
  const std::string outside = where + "/../elsewhere";
  p.source_dir = where.back() == 'c' ? outside.c_str() : nullptr;
  p.settings_json = R"({"k": 1})";
  p.note = "seen";
  return g_linked_host->propose_component(call, &p);
}

// Reports the file its component's name says (0.8).
gantry_status LinkedReportFile(const gantry_plugin*, gantry_call* call, const gantry_component* c) {
  return g_linked_host->report_file(call, c->name, "named file");
}

// LinkedEntry with recognize and discover.
const gantry_plugin* RecognizingEntry(uint32_t min_abi, uint32_t max_abi,
                                      const gantry_host* host) {
  const gantry_plugin* linked = LinkedEntry(min_abi, max_abi, host);
  if (linked == nullptr) return nullptr;
  static const gantry_plugin plugin = [linked] {
    gantry_plugin p = *linked;
    p.recognize = &LinkedRecognize;
    p.discover = &LinkedReportFile;
    return p;
  }();
  return &plugin;
}

const gantry_plugin* RefusingEntry(uint32_t, uint32_t, const gantry_host*) { return nullptr; }

TEST(FakeHostLinkedTest, RecognizeRecordsProposalsAndRefusesWhatTheHostWould) {
  FakeHost host(&RecognizingEntry);
  CallRecord r = host.Recognize("/p/a");
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].type, "linked");
  EXPECT_EQ(r.proposals[0].source_dir, "/p/a");
  EXPECT_EQ(r.proposals[0].settings_json, R"({"k": 1})");
  EXPECT_EQ(r.proposals[0].note, "seen");
  r = host.Recognize("/p/b");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.refusals, ElementsAre(HasSubstr("'terraform' is not one of the plugin's types")));
  r = host.Recognize("/p/c");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.refusals, ElementsAre(HasSubstr("is outside /p/c")));
  EXPECT_THAT(r.proposals, IsEmpty());
  // A plugin without the hook recognises nothing.
  FakeHost plain(&LinkedEntry);
  EXPECT_EQ(plain.Recognize("/p/a").status, GANTRY_STATUS_OK);
  EXPECT_THAT(plain.Recognize("/p/a").proposals, IsEmpty());
}

TEST(FakeHostLinkedTest, ReportFileIsRecordedFromDiscoverAndRefusedElsewhere) {
  FakeHost host(&RecognizingEntry);
  CallRecord r = host.Discover(FakeComponent("../lib", "linked"));
  EXPECT_EQ(r.status, GANTRY_STATUS_OK);
  ASSERT_EQ(r.reported_files.size(), 1u);
  EXPECT_EQ(r.reported_files[0].path, "../lib");
  EXPECT_EQ(r.reported_files[0].reason, "named file");
  r = host.Recognize("/p/d");
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.refusals, ElementsAre("report_file('/p/d') outside discover is refused"));
  EXPECT_THAT(r.reported_files, IsEmpty());
}

TEST(FakeHostLinkedTest, RunsAnEntryLinkedIntoTheTest) {
  FakeHost host(&LinkedEntry);
  EXPECT_EQ(host.name(), "linked");
  EXPECT_THAT(host.operations(), IsEmpty());
  EXPECT_TRUE(host.SupportsOperation("plan"));
  EXPECT_FALSE(host.SupportsOperation("lint"));
  const CallRecord r = host.Validate(FakeComponent("app", "linked").WithTarget("prod"));
  EXPECT_EQ(r.status, GANTRY_STATUS_FAILED);
  EXPECT_THAT(r.errors, ElementsAre("checked app@prod"));
  EXPECT_EQ(host.Execute(FakeComponent("app", "linked"), "apply").status,
            GANTRY_STATUS_UNSUPPORTED);
}

TEST(FakeHostLinkedTest, RefusingEntryThrows) {
  try {
    FakeHost host(&RefusingEntry, "refuser");
    ADD_FAILURE() << "a refusing entry was accepted";
  } catch (const FakeHostError& e) {
    EXPECT_THAT(e.what(), HasSubstr("plugin refuser: its entry returned NULL"));
  }
}

}  // namespace
