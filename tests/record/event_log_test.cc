#include "core/record/event_log.h"

#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/record/event_json.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/record/sample_run.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::SizeIs;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  EXPECT_EQ(lines.back(), "") << "the file must end with a newline";
  lines.pop_back();
  return lines;
}

RunEvent Retrying(const std::string& component, int attempt) {
  RunEvent event;
  event.kind = RunEvent::Kind::kComponentRetrying;
  event.time = testing::At(attempt);
  event.run.run_id = "r";
  event.component.name = component;
  event.attempt.number = attempt;
  event.attempt.error = "boom";
  return event;
}

TEST(EventLogTest, WritesOneLinePerEvent) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "journal.jsonl";
  absl::StatusOr<std::unique_ptr<EventLog>> log = EventLog::Open(path, EventLogOptions::Journal());
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ((*log)->path(), path);
  const std::vector<RunEvent> events = testing::SampleEvents(testing::SampleRun());
  for (const RunEvent& event : events) ASSERT_TRUE((*log)->Append(event).ok());
  ASSERT_TRUE((*log)->Close().ok());

  const std::vector<std::string> lines = Lines(ReadText(path));
  ASSERT_THAT(lines, SizeIs(events.size()));
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i], EventToJson(events[i]));
    EXPECT_TRUE(EventFromJson(lines[i]).ok()) << lines[i];
  }
}

TEST(EventLogTest, AppendsToWhatIsThereUnlessTruncating) {
  gantry::testing::TempDir dir;
  const std::string path = dir.Write("events.jsonl", "old line\n");
  {
    auto log = EventLog::Open(path, EventLogOptions::Journal());
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE((*log)->Append(Retrying("a", 1)).ok());
  }  // closed by the destructor
  EXPECT_THAT(Lines(ReadText(path)), SizeIs(2));
  {
    auto log = EventLog::Open(path, EventLogOptions::EventsFile());
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE((*log)->Append(Retrying("b", 1)).ok());
    ASSERT_TRUE((*log)->Close().ok());
  }
  const std::vector<std::string> lines = Lines(ReadText(path));
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], HasSubstr("\"component\":\"b\""));
}

TEST(EventLogTest, JournalOptionsCreateTheRunDirectory) {
  gantry::testing::TempDir dir;
  const std::string path = dir / ".gantry/runs/abc/journal.jsonl";
  auto log = EventLog::Open(path, EventLogOptions::Journal());
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_TRUE((*log)->Append(Retrying("a", 1)).ok());
  ASSERT_TRUE((*log)->Close().ok());
  EXPECT_THAT(Lines(ReadText(path)), SizeIs(1));
}

TEST(EventLogTest, MissingDirectoryIsAnErrorNamingThePath) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "no/such/dir/events.jsonl";
  auto log = EventLog::Open(path, EventLogOptions::EventsFile());
  ASSERT_FALSE(log.ok());
  EXPECT_THAT(log.status().message(), HasSubstr(path));
}

TEST(EventLogTest, ClosedLogRefusesAppends) {
  gantry::testing::TempDir dir;
  auto log = EventLog::Open(dir / "e.jsonl", EventLogOptions::EventsFile());
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE((*log)->Close().ok());
  EXPECT_TRUE((*log)->Close().ok());  // idempotent
  const absl::Status status = (*log)->Append(Retrying("a", 1));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(EventLogTest, WriteFailureIsStickySoNoLineFollowsACutOne) {
  // /dev/full accepts open(2) and fails every write with ENOSPC.
  struct stat info;
  if (::stat("/dev/full", &info) != 0) GTEST_SKIP() << "no /dev/full";
  auto log = EventLog::Open("/dev/full", EventLogOptions::EventsFile());
  ASSERT_TRUE(log.ok()) << log.status();
  const absl::Status first = (*log)->Append(Retrying("a", 1));
  ASSERT_FALSE(first.ok());
  EXPECT_THAT(first.message(), HasSubstr("/dev/full"));
  EXPECT_EQ((*log)->Append(Retrying("a", 2)), first);
  EXPECT_EQ((*log)->Close(), first);
}

TEST(EventLogTest, ConcurrentAppendsNeverInterleave) {
  gantry::testing::TempDir dir;
  const std::string path = dir / "journal.jsonl";
  auto log = EventLog::Open(path, EventLogOptions::EventsFile());
  ASSERT_TRUE(log.ok());
  constexpr int kThreads = 8;
  constexpr int kEach = 100;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&log, t] {
      // A long error makes each line bigger than a pipe buffer's atomic size.
      RunEvent event = Retrying(absl::StrCat("component-", t), 1);
      event.attempt.error = std::string(8192, static_cast<char>('a' + t));
      for (int i = 1; i <= kEach; ++i) {
        event.attempt.number = i;
        ASSERT_TRUE((*log)->Append(event).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE((*log)->Close().ok());

  const std::vector<std::string> lines = Lines(ReadText(path));
  ASSERT_THAT(lines, SizeIs(kThreads * kEach));
  std::set<std::pair<std::string, int>> seen;
  for (const std::string& line : lines) {
    absl::StatusOr<RunEvent> event = EventFromJson(line);
    ASSERT_TRUE(event.ok()) << event.status();
    EXPECT_EQ(event->attempt.error.size(), 8192u);
    seen.emplace(event->component.name, event->attempt.number);
  }
  EXPECT_THAT(seen, SizeIs(kThreads * kEach));
}

}  // namespace
}  // namespace gantry::record
