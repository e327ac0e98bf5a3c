#include "core/record/event_json.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/record/sample_run.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::At;
using testing::SampleEvents;
using testing::SampleRun;

using Json = nlohmann::json;

// Every field of every record the events hold, whether or not their kind writes it: a
// builder puts nothing in an event that its line would lose.
void ExpectSameEvent(const RunEvent& got, const RunEvent& want) {
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.time, want.time);
  EXPECT_EQ(got.run, want.run);
  EXPECT_EQ(got.component, want.component);
  EXPECT_EQ(got.attempt, want.attempt);
}

RunEvent RoundTrip(const RunEvent& event) {
  const std::string line = EventToJson(event);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  absl::StatusOr<RunEvent> parsed = EventFromJson(line);
  EXPECT_TRUE(parsed.ok()) << parsed.status() << "\n" << line;
  return parsed.ok() ? *parsed : RunEvent();
}

TEST(EventJsonTest, EventNamesRoundTrip) {
  for (RunEvent::Kind kind :
       {RunEvent::Kind::kRunStarted, RunEvent::Kind::kComponentStarted,
        RunEvent::Kind::kComponentRetrying, RunEvent::Kind::kComponentFinished,
        RunEvent::Kind::kComponentSkipped, RunEvent::Kind::kComponentReused,
        RunEvent::Kind::kRunFinished}) {
    RunEvent::Kind parsed = RunEvent::Kind::kRunStarted;
    ASSERT_TRUE(ParseEventName(EventName(kind), &parsed)) << EventName(kind);
    EXPECT_EQ(parsed, kind);
  }
  RunEvent::Kind kind;
  EXPECT_FALSE(ParseEventName("component_exploded", &kind));
}

TEST(EventJsonTest, RunStartedRoundTrip) {
  RunRecord run = SampleRun();
  run.resumed_from = "0badc0de-0000-4000-8000-000000000000";
  const RunEvent event = RunStartedEvent(run);
  ASSERT_EQ(event.run.components.size(), 4u);
  ExpectSameEvent(RoundTrip(event), event);
}

TEST(EventJsonTest, RunStartedCarriesDependenciesOnlyWhenThereAreSome) {
  RunRecord run = SampleRun();
  run.components[3].needs = {"app", "base"};  // web
  const RunEvent event = RunStartedEvent(run);
  const std::string line = EventToJson(event);
  EXPECT_THAT(line, HasSubstr(R"({"name":"web","type":"custom","needs":["app","base"]})"));
  EXPECT_THAT(line, HasSubstr(R"({"name":"app","type":"custom"})"));
  EXPECT_EQ(RoundTrip(event).run.components[3].needs, (std::vector<std::string>{"app", "base"}));
}

TEST(EventJsonTest, RunStartedWithoutDependenciesStillReads) {
  // As gantry wrote it before dependencies were journaled.
  const std::string line =
      R"({"schema":1,"event":"run_started","time":"2024-05-01T12:00:00Z","run_id":"r",)"
      R"("operation":"apply","target":"","total":1,"components":[{"name":"a","type":"custom"}]})";
  absl::StatusOr<RunEvent> event = EventFromJson(line);
  ASSERT_TRUE(event.ok()) << event.status();
  ASSERT_EQ(event->run.components.size(), 1u);
  EXPECT_TRUE(event->run.components[0].needs.empty());
}

TEST(EventJsonTest, EveryKindOfTheSampleRunRoundTrips) {
  for (const RunEvent& event : SampleEvents(SampleRun())) {
    SCOPED_TRACE(EventName(event.kind));
    RunEvent want = event;
    // Sensitive values never leave the process: they come back masked.
    for (auto& [key, output] : want.component.outputs)
      if (output.sensitive()) output.value = kMaskedValue;
    ExpectSameEvent(RoundTrip(event), want);
  }
}

TEST(EventJsonTest, ComponentFinishedWithEverythingRoundTrips) {
  RunEvent event;
  event.kind = RunEvent::Kind::kComponentFinished;
  event.time = At(1234);
  event.run.run_id = "r";
  event.component.name = "net/vpc";
  event.component.status = ComponentStatus::kCancelled;
  event.component.attempts = 3;
  event.component.error = "interrupted \"quoted\" \n twice";
  event.component.nothing_to_do = true;
  event.component.changes = Changes{true, 1, 0, 3, {}};
  event.component.workspace = "/tmp/ws/net/vpc";
  event.component.outputs["plain"] = OutputValue{"x", 0};
  event.component.outputs["doc"] = OutputValue{R"({"k":[1,2]})", GANTRY_OUTPUT_JSON};
  ExpectSameEvent(RoundTrip(event), event);
}

TEST(EventJsonTest, ComponentFinishedCarriesChangesOnlyWhenReported) {
  RunRecord run = SampleRun();
  EXPECT_FALSE(Json::parse(EventToJson(ComponentFinishedEvent(run, run.components[1])))
                   .contains("changes"));
  run.components[1].changes = Changes{true, 2, -1, 0, {}};
  const RunEvent event = ComponentFinishedEvent(run, run.components[1]);
  EXPECT_EQ(Json::parse(EventToJson(event))["changes"],
            Json::parse(R"({"has_changes": true, "add": 2, "change": null, "destroy": 0})"));
  EXPECT_EQ(RoundTrip(event).component.changes, run.components[1].changes);
}

TEST(EventJsonTest, MalformedChangesAreRefused) {
  const std::string start = R"({"schema":1,"event":"component_finished","time":"2024-05-01T12:00:00.000Z",)"
                            R"("run_id":"r","component":"c","status":"ok","attempt":1,"changes":)";
  for (const char* bad : {R"({"add":1})", R"({"has_changes":1})", R"({"has_changes":true,"add":-1})",
                          R"({"has_changes":true,"destroy":"2"})", R"([true])"}) {
    SCOPED_TRACE(bad);
    const absl::StatusOr<RunEvent> event = EventFromJson(start + bad + "}");
    ASSERT_FALSE(event.ok());
    EXPECT_THAT(event.status().message(), HasSubstr("\"changes\" must be an object"));
  }
  const absl::StatusOr<RunEvent> minimal = EventFromJson(start + R"({"has_changes":false}})");
  ASSERT_TRUE(minimal.ok()) << minimal.status();
  EXPECT_EQ(minimal->component.changes, (Changes{false, -1, -1, -1, {}}));
}

TEST(EventJsonTest, ComponentReusedRoundTrips) {
  RunEvent event;
  event.kind = RunEvent::Kind::kComponentReused;
  event.time = At(5);
  event.run.run_id = "new";
  event.component.name = "base";
  event.component.reused_from = "old";
  event.component.outputs["id"] = OutputValue{"b-1", 0};
  ExpectSameEvent(RoundTrip(event), event);
}

TEST(EventJsonTest, RunFinishedCarriesWriteErrorsOnlyWhenThereAreSome) {
  RunRecord run = SampleRun();
  EXPECT_FALSE(Json::parse(EventToJson(RunFinishedEvent(run))).contains("write_errors"));
  run.write_errors = {"db: cannot write the log /l/db.log: No space left on device"};
  const RunEvent event = RunFinishedEvent(run);
  EXPECT_EQ(Json::parse(EventToJson(event))["write_errors"], Json(run.write_errors));
  EXPECT_EQ(RoundTrip(event).run.write_errors, run.write_errors);
  EXPECT_FALSE(EventFromJson(R"({"schema":1,"event":"run_finished","time":"2024-05-01T12:00:00.000Z",)"
                             R"("run_id":"r","exit_code":1,"write_errors":[1]})")
                   .ok());
}

TEST(EventJsonTest, LineCarriesSchemaKindTimeAndOnlyItsFields) {
  const RunRecord run = SampleRun();
  const Json started = Json::parse(EventToJson(ComponentStartedEvent(run, run.components[1], 1, At(100))));
  EXPECT_EQ(started["schema"], 1) << "a kind of the first version is written as one";
  const Json ready = Json::parse(EventToJson(
      ComponentAdmissionEvent(RunEvent::Kind::kComponentReady, run, run.components[1], {}, At(1))));
  EXPECT_EQ(ready["schema"], 2) << "the admission kinds came with version 2";
  EXPECT_EQ(started["event"], "component_started");
  EXPECT_EQ(started["time"], "2024-05-01T12:00:00.100Z");
  EXPECT_EQ(started["component"], "base");
  EXPECT_EQ(started["slot"], 0);
  EXPECT_EQ(started["attempt"], 1);
  EXPECT_FALSE(started.contains("status"));
  EXPECT_FALSE(started.contains("exit_code"));
  EXPECT_FALSE(started.contains("operation"));

  const Json finished = Json::parse(EventToJson(RunFinishedEvent(run)));
  EXPECT_EQ(finished["exit_code"], 1);
  EXPECT_FALSE(finished.contains("component"));

  const Json ok = Json::parse(EventToJson(ComponentFinishedEvent(run, run.components[1])));
  EXPECT_EQ(ok["status"], "ok");
  EXPECT_FALSE(ok.contains("error"));  // optional fields only when set
  EXPECT_FALSE(ok.contains("nothing_to_do"));
}

TEST(EventJsonTest, SensitiveOutputNeverWritten) {
  const RunRecord run = SampleRun();
  const std::string line = EventToJson(ComponentFinishedEvent(run, run.components[2]));
  EXPECT_THAT(line, Not(HasSubstr(testing::kSecret)));
  const Json json = Json::parse(line);
  EXPECT_EQ(json["outputs"]["password"]["value"], "***");
  EXPECT_EQ(json["outputs"]["password"]["sensitive"], true);
  EXPECT_EQ(json["outputs"]["url"]["value"], "db.local:5432");
}

TEST(EventJsonTest, SensitiveFlagInFileAlwaysReadsMasked) {
  const std::string line =
      R"({"schema":1,"event":"component_reused","time":"2024-05-01T12:00:00Z","run_id":"r",)"
      R"("component":"c","reused_from":"o","outputs":{"k":{"value":"leak","sensitive":true}}})";
  absl::StatusOr<RunEvent> event = EventFromJson(line);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->component.outputs.at("k").value, "***");
  EXPECT_TRUE(event->component.outputs.at("k").sensitive());
}

TEST(EventJsonTest, InvalidUtf8IsReplacedNotFatal) {
  RunEvent event;
  event.kind = RunEvent::Kind::kComponentRetrying;
  event.time = At(0);
  event.run.run_id = "r";
  event.component.name = "c";
  event.attempt.error = "bad \xff byte";
  const std::string line = EventToJson(event);
  absl::StatusOr<RunEvent> parsed = EventFromJson(line);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->attempt.error, "bad \xEF\xBF\xBD byte");
}

TEST(EventJsonTest, RefusesNewerSchema) {
  const std::string line = R"({"schema":3,"event":"run_finished","time":"2024-05-01T12:00:00Z",)"
                           R"("run_id":"r","exit_code":0})";
  absl::StatusOr<RunEvent> event = EventFromJson(line);
  ASSERT_FALSE(event.ok());
  EXPECT_EQ(event.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(event.status().message(), HasSubstr("schema version 3 is newer"));
}

TEST(EventJsonTest, AcceptsUnknownFields) {
  const std::string line = R"({"schema":1,"event":"run_finished","time":"2024-05-01T12:00:00.5Z",)"
                           R"("run_id":"r","exit_code":130,"future_field":{"x":1}})";
  absl::StatusOr<RunEvent> event = EventFromJson(line);
  ASSERT_TRUE(event.ok()) << event.status();
  EXPECT_EQ(event->run.exit_code, 130);
  EXPECT_EQ(event->time, At(500));
}

TEST(EventJsonTest, RefusesMalformedLines) {
  const struct {
    const char* line;
    const char* message;
  } cases[] = {
      {R"({"schema":1,"event":"run_fini)", "not a JSON event"},
      {"[1,2]", "not an object"},
      {R"({"event":"run_finished"})", "schema"},
      {R"({"schema":"1","event":"run_finished"})", "schema"},
      {R"({"schema":1,"event":"teleported","time":"2024-05-01T12:00:00Z","run_id":"r"})",
       "unknown event \"teleported\""},
      {R"({"schema":1,"event":"run_finished","time":"2024-05-01T12:00:00Z","run_id":"r"})",
       "run_finished event: missing \"exit_code\""},
      {R"({"schema":1,"event":"component_started","time":"2024-05-01T12:00:00Z","run_id":"r",)"
       R"("component":"c","slot":"one","attempt":1})",
       "\"slot\" must be an integer"},
      {R"({"schema":1,"event":"component_finished","time":"2024-05-01T12:00:00Z","run_id":"r",)"
       R"("component":"c","status":"running","attempt":1})",
       "must be ok, failed, cancelled or blocked"},
      {R"({"schema":1,"event":"component_finished","time":"2024-05-01T12:00:00Z","run_id":"r",)"
       R"("component":"c","status":"great","attempt":1})",
       "\"status\" must be a status"},
      {R"({"schema":1,"event":"run_started","time":"2024-05-01T12:00:00Z","run_id":"r",)"
       R"("operation":"apply","target":"","total":1,)"
       R"("components":[{"name":"a","type":"custom","needs":"b"}]})",
       "\"components\" must be an array of {\"name\": string, \"type\": string, \"needs\": [string]}"},
      {R"({"schema":1,"event":"run_finished","time":"yesterday","run_id":"r","exit_code":0})",
       "bad time \"yesterday\""},
      {R"({"schema":1,"event":"run_finished","time":"2024-05-01T12:00:00Z","run_id":"r",)"
       R"("exit_code":99999999999})",
       "\"exit_code\" must be an integer"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    absl::StatusOr<RunEvent> event = EventFromJson(c.line);
    ASSERT_FALSE(event.ok());
    EXPECT_EQ(event.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(event.status().message(), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace gantry::record
