#include "core/run/component_call_context.h"

#include <cstddef>
#include <memory>
#include <sstream>
#include <string>

#include "core/exec/posix_process_runner.h"
#include "core/plugin/host_api.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"

namespace gantry::run {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct NullSink : exec::OutputSink {
  void OnOutput(int, std::string_view) override {}
};

// A plugin's log messages (gantry_host.log) are masked like its output.
TEST(ComponentCallContextTest, LogMessagesAreMasked) {
  std::ostringstream logged;
  const std::shared_ptr<spdlog::logger> previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged)));
  plugin::ComponentData component;
  component.name = "db";
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  NullSink sink;
  const stream::SecretMasker masker({"hunter2-pw"});
  ComponentCallContext context(component, runner, cancel, sink, absl::InfiniteFuture(), &masker);
  context.Log(GANTRY_LOG_WARN, "connecting with hunter2-pw");
  ComponentCallContext unmasked(component, runner, cancel, sink);
  unmasked.Log(GANTRY_LOG_WARN, "no masker: plain");
  spdlog::set_default_logger(previous);
  EXPECT_THAT(logged.str(), HasSubstr("[db] connecting with ***"));
  EXPECT_THAT(logged.str(), Not(HasSubstr("hunter2-pw")));
  EXPECT_THAT(logged.str(), HasSubstr("[db] no masker: plain"));
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
TEST(ComponentCallContextTest, ReportChangesKeepsTheLastReport) {
  plugin::ComponentData component;
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  NullSink sink;
  ComponentCallContext context(component, runner, cancel, sink);
  gantry_call call{&context};
  EXPECT_FALSE(context.changes().has_value());
  const gantry_changes first = RawChanges(1, 5, 5, 5);
  EXPECT_EQ(plugin::HostApi()->report_changes(&call, &first), GANTRY_STATUS_OK);
  const gantry_changes last = RawChanges(1, 2, -1, -7);
  EXPECT_EQ(plugin::HostApi()->report_changes(&call, &last), GANTRY_STATUS_OK);
  EXPECT_EQ(context.changes(), (record::Changes{true, 2, -1, -1}));
  // A struct shorter than the counts is refused, and the last report stays.
  gantry_changes short_one = RawChanges(0, 0, 0, 0);
  short_one.struct_size = offsetof(gantry_changes, destroy);
  EXPECT_EQ(plugin::HostApi()->report_changes(&call, &short_one), GANTRY_STATUS_FAILED);
  EXPECT_EQ(plugin::HostApi()->report_changes(&call, nullptr), GANTRY_STATUS_FAILED);
  EXPECT_EQ(context.changes(), (record::Changes{true, 2, -1, -1}));
}

}  // namespace
}  // namespace gantry::run
