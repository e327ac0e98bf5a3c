// Every field event_fields.h lists makes the whole trip, found from the list itself: a
// record filled with distinctive values, the builder, EventToJson, EventFromJson and
// the journal replay give each one back. A field added to the list is covered with no
// change here; one of a new type needs a MakeDistinctive overload, or this does not
// compile.
#include "core/record/event_fields.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/record/event_field_access.h"
#include "core/record/event_json.h"
#include "core/record/journal_reader.h"
#include "core/record/run_event.h"
#include "gantry/host.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/record/journal_test_util.h"
#include "tests/record/sample_run.h"

namespace gantry::record {
namespace {

using testing::At;
using testing::JournalText;

constexpr RunEvent::Kind kAllKinds[] = {
    RunEvent::Kind::kRunStarted,        RunEvent::Kind::kComponentStarted,
    RunEvent::Kind::kComponentRetrying, RunEvent::Kind::kComponentFinished,
    RunEvent::Kind::kComponentSkipped,  RunEvent::Kind::kComponentReused,
    RunEvent::Kind::kRunFinished,       RunEvent::Kind::kComponentReady,
    RunEvent::Kind::kComponentDeferred, RunEvent::Kind::kComponentAdmitted,
    RunEvent::Kind::kLimitChanged,
};

constexpr char kRunId[] = "run-of-the-fields";

// A value unlike its record's default, and unlike that of another key (`seed` is the
// key, with its place in a list).
void MakeDistinctive(const std::string& seed, std::string* text) { *text = "value of " + seed; }
void MakeDistinctive(const std::string& seed, int* number) {
  *number = 1000 + static_cast<int>(seed.size());
}
void MakeDistinctive(const std::string&, bool* flag) { *flag = true; }
// A status component_finished accepts.
void MakeDistinctive(const std::string&, ComponentStatus* status) {
  *status = ComponentStatus::kCancelled;
}
// Whole milliseconds: the line's precision.
void MakeDistinctive(const std::string& seed, absl::Duration* duration) {
  *duration = absl::Milliseconds(1000 + static_cast<int64_t>(seed.size()));
}
void MakeDistinctive(const std::string& seed, std::optional<Changes>* changes) {
  *changes = Changes{true, 1, 2, 3, "changes of " + seed};
}
// Not sensitive: those come back masked (event_json_test).
void MakeDistinctive(const std::string& seed, std::map<std::string, OutputValue>* outputs) {
  (*outputs)["plain"] = OutputValue{"output of " + seed, 0};
  (*outputs)["doc"] = OutputValue{R"({"of":")" + seed + R"("})", GANTRY_OUTPUT_JSON};
}
void MakeDistinctive(const std::string& seed, std::vector<std::string>* texts) {
  *texts = {seed + " 1", seed + " 2"};
}
void MakeDistinctive(const std::string& seed, std::vector<ComponentRecord>* components);

// Fills each field `fields` lists in `holder` with a distinctive value.
template <typename Fields, typename Holder>
void FillDistinctive(Fields fields, const std::string& seed, Holder& holder) {
  fields([&](const char* key, auto field, Presence) {
    FieldValue<decltype(field)> value{};
    MakeDistinctive(seed + key, &value);
    SetField(RecordOf<FieldRecord<decltype(field)>>(holder), field, std::move(value));
  });
}

// Entries named in order: the replay keeps components sorted by name.
void MakeDistinctive(const std::string& seed, std::vector<ComponentRecord>* components) {
  components->resize(2);
  for (size_t i = 0; i < components->size(); ++i)
    FillDistinctive(PlannedComponentFields(), seed + "[" + std::to_string(i) + "].",
                    (*components)[i]);
}

template <typename T>
void ExpectSameValue(const std::string& key, const T& got, const T& want) {
  EXPECT_EQ(got, want) << key;
}
void ExpectSameValue(const std::string& key, const std::vector<ComponentRecord>& got,
                     const std::vector<ComponentRecord>& want);

// Expects the fields `fields` lists equal in both holders, and set (a default would
// prove nothing).
template <typename Fields, typename Holder>
void ExpectSameFields(Fields fields, const std::string& prefix, const Holder& got,
                      const Holder& want) {
  fields([&](const char* key, auto field, Presence) {
    using Record = FieldRecord<decltype(field)>;
    const auto& wanted = GetField(RecordOf<Record>(want), field);
    EXPECT_FALSE(wanted == GetField(DefaultRecord<Record>(), field)) << prefix + key;
    ExpectSameValue(prefix + key, GetField(RecordOf<Record>(got), field), wanted);
  });
}

void ExpectSameValue(const std::string& key, const std::vector<ComponentRecord>& got,
                     const std::vector<ComponentRecord>& want) {
  ASSERT_EQ(got.size(), want.size()) << key;
  for (size_t i = 0; i < got.size(); ++i)
    ExpectSameFields(PlannedComponentFields(), key + "[" + std::to_string(i) + "].", got[i],
                     want[i]);
}

// Records to build events from: a run id and the times the builders take.
RunEvent SourceRecords() {
  RunEvent source;
  source.run.run_id = kRunId;
  source.run.started = At(0);
  source.run.finished = At(9);
  source.component.finished = At(5);
  return source;
}

// The event of `kind` its builder makes from the records of `source`.
RunEvent BuiltEvent(RunEvent::Kind kind, const RunEvent& source) {
  const RunRecord& run = source.run;
  const ComponentRecord& component = source.component;
  switch (kind) {
    case RunEvent::Kind::kRunStarted: return RunStartedEvent(run);
    case RunEvent::Kind::kComponentStarted:
      return ComponentStartedEvent(run, component, source.attempt.number, At(1));
    case RunEvent::Kind::kComponentRetrying:
      return ComponentRetryingEvent(run, component, source.attempt.number, source.attempt.error,
                                    source.attempt.retry_delay, At(2));
    case RunEvent::Kind::kComponentFinished: return ComponentFinishedEvent(run, component);
    case RunEvent::Kind::kComponentSkipped: return ComponentSkippedEvent(run, component);
    case RunEvent::Kind::kComponentReused: return ComponentReusedEvent(run, component, At(3));
    case RunEvent::Kind::kRunFinished: return RunFinishedEvent(run);
    case RunEvent::Kind::kComponentReady:
    case RunEvent::Kind::kComponentDeferred:
    case RunEvent::Kind::kComponentAdmitted:
      return ComponentAdmissionEvent(kind, run, component, source.admission, At(4));
    case RunEvent::Kind::kLimitChanged: return LimitChangedEvent(run, source.admission, At(4));
  }
  return RunEvent();
}

// The events a journal holds before one of `kind` about `component` can be replayed.
std::vector<RunEvent> EventsBefore(RunEvent::Kind kind, const ComponentRecord& component) {
  if (kind == RunEvent::Kind::kRunStarted) return {};
  const RunRecord run = SourceRecords().run;
  std::vector<RunEvent> events = {RunStartedEvent(run)};
  if (kind == RunEvent::Kind::kComponentRetrying)  // the attempt it ends
    events.push_back(ComponentStartedEvent(run, component, 1, At(0)));
  return events;
}

// The records the journal of `events` ends with, as an event holds them: the run, the
// component `name` and its last attempt.
RunEvent ReplayedRecords(const std::vector<RunEvent>& events, const std::string& name) {
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "journal.jsonl");
  EXPECT_TRUE(journal.ok()) << journal.status();
  RunEvent replayed;
  if (!journal.ok()) return replayed;
  replayed.run = journal->run;
  for (const ComponentRecord& component : journal->run.components)
    if (component.name == name) replayed.component = component;
  if (const auto attempts = journal->attempts.find(name);
      attempts != journal->attempts.end() && !attempts->second.empty())
    replayed.attempt = attempts->second.back();
  return replayed;
}

// The keys of `line`, in order.
std::vector<std::string> KeysOf(const std::string& line) {
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(line);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  return keys;
}

// "schema", "event", "time", "run_id", then the keys of the fields of `kind` that pass
// `written`.
template <typename Written>
std::vector<std::string> ExpectedKeys(RunEvent::Kind kind, Written written) {
  std::vector<std::string> keys = {"schema", "event", "time", "run_id"};
  VisitEventFields(kind, [&](const char* key, auto, Presence presence) {
    if (written(presence)) keys.push_back(key);
  });
  return keys;
}

TEST(EventFieldsTest, EveryListedFieldMakesTheWholeTrip) {
  for (const RunEvent::Kind kind : kAllKinds) {
    SCOPED_TRACE(EventName(kind));
    RunEvent source = SourceRecords();
    FillDistinctive(EventFieldsOf(kind), "", source);

    const std::string line = EventToJson(BuiltEvent(kind, source));
    EXPECT_EQ(KeysOf(line), ExpectedKeys(kind, [](Presence) { return true; }));

    std::vector<RunEvent> events = EventsBefore(kind, source.component);
    absl::StatusOr<RunEvent> read = EventFromJson(line);
    ASSERT_TRUE(read.ok()) << read.status() << "\n" << line;
    events.push_back(*read);
    RunEvent replayed = ReplayedRecords(events, source.component.name);
    // A journal keeps no admission fields (journals hold no admission events; one read
    // from an --events file is taken as it comes): those come back from the line.
    replayed.admission = read->admission;
    ExpectSameFields(EventFieldsOf(kind), "", replayed, source);
  }
}

TEST(EventFieldsTest, EmptyFieldsAreLeftOutAndReadBackAsTheRecordsDefaults) {
  for (const RunEvent::Kind kind : kAllKinds) {
    SCOPED_TRACE(EventName(kind));
    RunEvent source = SourceRecords();
    source.component.name = "c";
    source.component.status = ComponentStatus::kOk;  // component_finished takes no other

    const std::string line = EventToJson(BuiltEvent(kind, source));
    EXPECT_EQ(KeysOf(line), ExpectedKeys(kind, [](Presence presence) {
                return presence != Presence::kOmitEmpty;
              }));
    absl::StatusOr<RunEvent> read = EventFromJson(line);
    ASSERT_TRUE(read.ok()) << read.status() << "\n" << line;
    VisitEventFields(kind, [&](const char* key, auto field, Presence presence) {
      using Record = FieldRecord<decltype(field)>;
      if (presence == Presence::kOmitEmpty) {
        EXPECT_TRUE(GetField(RecordOf<Record>(*read), field) ==
                    GetField(DefaultRecord<Record>(), field))
            << key;
      }
    });
  }
}

TEST(EventFieldsTest, OnlyARequiredFieldIsMissedWhenRead) {
  for (const RunEvent::Kind kind : kAllKinds) {
    SCOPED_TRACE(EventName(kind));
    RunEvent source = SourceRecords();
    FillDistinctive(EventFieldsOf(kind), "", source);
    const nlohmann::ordered_json line =
        nlohmann::ordered_json::parse(EventToJson(BuiltEvent(kind, source)));
    VisitEventFields(kind, [&](const char* key, auto, Presence presence) {
      nlohmann::ordered_json without = line;
      without.erase(key);
      const absl::StatusOr<RunEvent> read = EventFromJson(without.dump());
      if (presence == Presence::kRequired) {
        ASSERT_FALSE(read.ok()) << key;
        EXPECT_EQ(read.status().message(),
                  std::string(EventName(kind)) + " event: missing \"" + key + "\"");
      } else {
        EXPECT_TRUE(read.ok()) << key << ": " << read.status();
      }
    });
  }
}

}  // namespace
}  // namespace gantry::record
