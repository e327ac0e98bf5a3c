#include "core/record/chrome_trace.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/record/sample_run.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::testing::UnorderedElementsAre;
using testing::At;
using testing::SampleRun;

using Json = nlohmann::json;

// The events of `trace` with phase `ph`, by name (the metadata name or component).
std::multimap<std::string, Json> Events(const Json& trace, const std::string& ph) {
  std::multimap<std::string, Json> events;
  for (const Json& event : trace["traceEvents"])
    if (event["ph"] == ph) events.emplace(event["name"].get<std::string>(), event);
  return events;
}

TEST(ChromeTraceTest, TopLevelShape) {
  const Json trace = ChromeTraceJson(SampleRun());
  ASSERT_TRUE(trace.is_object());
  EXPECT_TRUE(trace["traceEvents"].is_array());
  EXPECT_EQ(trace["displayTimeUnit"], "ms");
  for (const Json& event : trace["traceEvents"]) {
    EXPECT_TRUE(event.contains("name") && event["name"].is_string()) << event;
    EXPECT_TRUE(event.contains("ph") && event["ph"].is_string()) << event;
    EXPECT_EQ(event["pid"], 1) << event;
    EXPECT_TRUE(event["tid"].is_number_integer()) << event;
    EXPECT_TRUE(event["ts"].is_number_integer()) << event;
  }
}

TEST(ChromeTraceTest, OneCompleteEventPerComponentThatRan) {
  const auto complete = Events(ChromeTraceJson(SampleRun()), "X");
  ASSERT_EQ(complete.size(), 3u);  // web was skipped

  const Json& base = complete.find("base")->second;
  EXPECT_EQ(base["ts"], 100 * 1000);
  EXPECT_EQ(base["dur"], 2400 * 1000);
  EXPECT_EQ(base["tid"], 1);  // slot 0
  EXPECT_EQ(base["cat"], "custom");
  EXPECT_EQ(base["args"]["status"], "ok");
  EXPECT_EQ(base["args"]["attempts"], 1);
  EXPECT_EQ(base["args"]["type"], "custom");

  const Json& db = complete.find("db")->second;
  EXPECT_EQ(db["ts"], 200 * 1000);
  EXPECT_EQ(db["dur"], 4800 * 1000);  // spans both attempts
  EXPECT_EQ(db["tid"], 2);            // slot 1
  EXPECT_EQ(db["args"]["attempts"], 2);

  const Json& app = complete.find("app")->second;
  EXPECT_EQ(app["ts"], 5100 * 1000);
  EXPECT_EQ(app["dur"], 1900 * 1000);
  EXPECT_EQ(app["tid"], 1);
  EXPECT_EQ(app["args"]["status"], "failed");
  EXPECT_EQ(app["args"]["error"], "exit status 1");
}

TEST(ChromeTraceTest, RowsAreNamedBySlotAndSkippedHaveTheirOwn) {
  const Json trace = ChromeTraceJson(SampleRun());
  const auto metadata = Events(trace, "M");
  std::map<int, std::string> rows;
  for (auto [it, end] = metadata.equal_range("thread_name"); it != end; ++it)
    rows[it->second["tid"].get<int>()] = it->second["args"]["name"].get<std::string>();
  EXPECT_EQ(rows, (std::map<int, std::string>{{1, "slot 0"}, {2, "slot 1"}, {3, "skipped"}}));
  EXPECT_EQ(metadata.count("thread_sort_index"), 3u);
  ASSERT_EQ(metadata.count("process_name"), 1u);
  EXPECT_EQ(metadata.find("process_name")->second["args"]["name"], "gantry apply dev");

  const auto instants = Events(trace, "i");
  ASSERT_EQ(instants.size(), 1u);
  const Json& web = instants.find("web")->second;
  EXPECT_EQ(web["tid"], 3);
  EXPECT_EQ(web["s"], "t");
  EXPECT_EQ(web["ts"], 7000 * 1000);
  EXPECT_EQ(web["args"]["skip_cause"], "app");
}

TEST(ChromeTraceTest, UnfinishedComponentEndsAtTheLastKnownTime) {
  RunRecord run = SampleRun();
  run.finished = absl::InfinitePast();
  run.components[2].status = ComponentStatus::kRunning;  // db
  run.components[2].finished = absl::InfinitePast();
  const auto complete = Events(ChromeTraceJson(run), "X");
  const Json& db = complete.find("db")->second;
  EXPECT_EQ(db["dur"], (7000 - 200) * 1000);  // app's end is the last time known
}

TEST(ChromeTraceTest, ReusedAndUnstartedComponentsHaveNoEvents) {
  RunRecord run = SampleRun();
  run.components[1].reused_from = "earlier";
  run.components[1].started = absl::InfinitePast();
  run.components[1].finished = absl::InfinitePast();
  run.components[1].slot = -1;
  run.components[1].attempts = 0;
  const auto complete = Events(ChromeTraceJson(run), "X");
  std::vector<std::string> names;
  for (const auto& [name, event] : complete) names.push_back(name);
  EXPECT_THAT(names, UnorderedElementsAre("app", "db"));
}

TEST(ChromeTraceTest, EachLimitedGroupIsACounterTrackOfItsLimitAndInFlight) {
  RunRecord run = SampleRun();
  run.group_loads = {{At(100), "aws", 4, 1}, {At(200), "aws", 2, 2}, {At(300), "gcp", 1, 0}};
  const auto counters = Events(ChromeTraceJson(run), "C");
  ASSERT_EQ(counters.size(), 3u);
  auto aws = counters.equal_range("group aws");
  ASSERT_EQ(std::distance(aws.first, aws.second), 2);
  const Json& cut = std::next(aws.first)->second;
  EXPECT_EQ(cut["ts"], 200 * 1000);
  EXPECT_EQ(cut["args"], (Json{{"limit", 2}, {"in_flight", 2}}));
  EXPECT_EQ(counters.find("group gcp")->second["args"]["in_flight"], 0);
}

TEST(ChromeTraceTest, WrittenFileIsValidJson) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "trace.json";
  ASSERT_TRUE(WriteChromeTrace(path, SampleRun()).ok());
  std::ifstream in(path);
  const Json parsed = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed, ChromeTraceJson(SampleRun()));
}

}  // namespace
}  // namespace gantry::record
