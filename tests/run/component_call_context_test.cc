#include "core/run/component_call_context.h"

#include <memory>
#include <sstream>
#include <string>

#include "core/exec/posix_process_runner.h"
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

}  // namespace
}  // namespace gantry::run
