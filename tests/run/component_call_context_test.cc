#include "core/run/component_call_context.h"

#include <cstddef>
#include <memory>
#include <sstream>
#include <string>

#include "core/exec/posix_process_runner.h"
#include "core/plugin/host_api.h"
#include "core/stream/component_stream.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"
#include "tests/stream/recording_console.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

struct NullSink : exec::OutputSink {
  void OnOutput(int, std::string_view) override {}
};

/// What spdlog's default logger writes while it lives.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged_)));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string Text() const { return logged_.str(); }

 private:
  std::ostringstream logged_;
  std::shared_ptr<spdlog::logger> previous_;
};

class ComponentCallContextTest : public ::testing::Test {
 protected:
  ComponentCallContextTest() {
    component_.name = "db";
    component_.work_dir = dir_.path();
  }

  gantry::testing::TempDir dir_;
  plugin::ComponentData component_;
  exec::PosixProcessRunner runner_;
  exec::CancelToken cancel_;
  NullSink sink_;
  stream::SecretSet secrets_;
};

// A plugin's log messages (gantry_host.log) are masked like its output, with the secrets
// as they are when it logs: an output it set a moment ago included.
TEST_F(ComponentCallContextTest, LogMessagesAreMasked) {
  CapturedLog log;
  secrets_.Add({"hunter2-pw"});
  ComponentCallContext context(component_, runner_, cancel_, sink_, absl::InfiniteFuture(),
                               CallSecrets{&secrets_, {}});
  context.Log(GANTRY_LOG_WARN, "connecting with hunter2-pw");
  EXPECT_EQ(context.SetOutput("key", "key-set-just-now", GANTRY_OUTPUT_SENSITIVE), "");
  context.Log(GANTRY_LOG_WARN, "the key is key-set-just-now");
  ComponentCallContext unmasked(component_, runner_, cancel_, sink_);
  unmasked.Log(GANTRY_LOG_WARN, "no secrets: plain");
  EXPECT_THAT(log.Text(), HasSubstr("[db] connecting with ***"));
  EXPECT_THAT(log.Text(), HasSubstr("[db] the key is ***"));
  EXPECT_THAT(log.Text(), AllOf(Not(HasSubstr("hunter2-pw")), Not(HasSubstr("key-set-just-now"))));
  EXPECT_THAT(log.Text(), HasSubstr("[db] no secrets: plain"));
}

// A sensitive output is a secret of the run before set_output returns: what the
// component writes afterwards is masked, the line pending then and a child's output too.
TEST_F(ComponentCallContextTest, ASensitiveOutputIsMaskedFromTheMomentItIsSet) {
  stream::RecordingConsole console;
  auto stream = stream::ComponentStream::Open("db", dir_ / "db.log", secrets_, console);
  ASSERT_TRUE(stream.ok()) << stream.status();
  ComponentCallContext context(component_, runner_, cancel_, **stream, absl::InfiniteFuture(),
                               CallSecrets{&secrets_, {}});
  context.Write(GANTRY_STREAM_STDOUT, "before tok-own-77\npending tok-own");
  EXPECT_EQ(context.SetOutput("token", "tok-own-77", GANTRY_OUTPUT_SENSITIVE), "");
  EXPECT_EQ(context.SetOutput("creds", R"({"password": "pw-json-9", "port": 5432})",
                              GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON),
            "");
  context.Write(GANTRY_STREAM_STDOUT, "-77 end\n");
  plugin::SpawnRequest child;
  child.argv = {"sh", "-c", "echo child tok-own-77; echo password pw-json-9 >&2"};
  EXPECT_TRUE(context.Spawn(child, nullptr, nullptr).started);
  (*stream)->Close();
  EXPECT_EQ(console.Text(1), "before tok-own-77\npending *** end\nchild ***\n");
  EXPECT_EQ(console.Text(2), "password ***\n");
}

TEST_F(ComponentCallContextTest, AnOutputDeclaredSensitiveIsASecretWithoutTheFlag) {
  ComponentCallContext context(component_, runner_, cancel_, sink_, absl::InfiniteFuture(),
                               CallSecrets{&secrets_, {"token"}});
  EXPECT_EQ(context.SetOutput("token", "tok-declared-5", 0), "");
  EXPECT_EQ(context.SetOutput("url", "db.local", 0), "");
  EXPECT_TRUE(context.outputs().at("token").sensitive());
  EXPECT_FALSE(context.outputs().at("url").sensitive());
  EXPECT_EQ(secrets_.Snapshot()->Mask("tok-declared-5 db.local"), "*** db.local");
}

gantry_changes RawChanges(int32_t has_changes, int64_t add, int64_t change, int64_t destroy) {
  gantry_changes raw{};
  raw.struct_size = sizeof raw;
  raw.abi_version = GANTRY_ABI_VERSION;
  raw.has_changes = has_changes;
  raw.add = add;
  raw.change = change;
  raw.destroy = destroy;
  return raw;
}

// Through the real host table, as a plugin calls it: execute takes the report, a later
// one replaces an earlier, and a count below zero reads as not known.
TEST(ComponentCallContextChangesTest, ReportChangesKeepsTheLastReport) {
  plugin::ComponentData component;
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  NullSink sink;
  ComponentCallContext context(component, runner, cancel, sink);
  const plugin::OpenCall call(&context);
  EXPECT_FALSE(context.changes().has_value());
  const gantry_changes first = RawChanges(1, 5, 5, 5);
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), &first), GANTRY_STATUS_OK);
  const gantry_changes last = RawChanges(1, 2, -1, -7);
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), &last), GANTRY_STATUS_OK);
  EXPECT_EQ(context.changes(), (record::Changes{true, 2, -1, -1, {}}));
  // A struct shorter than the counts is refused, and the last report stays.
  gantry_changes short_one = RawChanges(0, 0, 0, 0);
  short_one.struct_size = offsetof(gantry_changes, destroy);
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), &short_one), GANTRY_STATUS_FAILED);
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), nullptr), GANTRY_STATUS_FAILED);
  EXPECT_EQ(context.changes(), (record::Changes{true, 2, -1, -1, {}}));
}

// 0.3: the plugin's own words, kept to one short line; a 0.2 plugin's struct ends before
// them and is read no further (its garbage past struct_size is never taken for words).
TEST(ComponentCallContextChangesTest, ThePluginsWordsAreOneShortLine) {
  plugin::ComponentData component;
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  NullSink sink;
  ComponentCallContext context(component, runner, cancel, sink);
  const plugin::OpenCall call(&context);
  gantry_changes raw = RawChanges(1, 2, -1, -1);
  raw.summary = "2 images\nto build";
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), &raw), GANTRY_STATUS_OK);
  EXPECT_EQ(context.changes()->summary, "2 images to build");
  const std::string long_words(500, 'x');
  raw.summary = long_words.c_str();
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), &raw), GANTRY_STATUS_OK);
  EXPECT_EQ(context.changes()->summary.size(), 200u);
  raw.summary = "not mine";
  raw.struct_size = offsetof(gantry_changes, summary);
  EXPECT_EQ(plugin::HostApi()->report_changes(call.get(), &raw), GANTRY_STATUS_OK);
  EXPECT_EQ(context.changes()->summary, "");
}

}  // namespace
}  // namespace gantry::run
