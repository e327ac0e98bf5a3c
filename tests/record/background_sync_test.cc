// BackgroundSync: what is queued gets synced once Flush returns; errors name the path
// and are reported once; nothing blocks on special files.
#include "core/record/background_sync.h"

#include <sys/stat.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/record/event_log.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;

TEST(BackgroundSyncTest, FlushReportsTheFirstErrorOnceNamingThePath) {
  testing::TempDir dir;
  const std::string file = dir.Write("plain", "x");
  BackgroundSync sync;
  sync.Sync(file);
  sync.Sync(dir.path());                 // a directory
  sync.Sync(dir / "gone");               // absent: nothing to make durable
  sync.Sync(file + "/under-a-file");     // ENOTDIR: a real error
  const absl::Status first = sync.Flush();
  EXPECT_FALSE(first.ok());
  EXPECT_THAT(first.message(), HasSubstr(file + "/under-a-file"));
  EXPECT_TRUE(sync.Flush().ok()) << "reported once";
  sync.Sync(file);
  EXPECT_TRUE(sync.Flush().ok());
}

TEST(BackgroundSyncTest, FlushAndShutdownDoNotWaitForTheGatherWindow) {
  // With a window of an hour, only a Flush (or the destructor) can end a gathering:
  // were it ignored, this test would hang until ctest's timeout.
  testing::TempDir dir;
  const std::string file = dir.Write("plain", "x");
  {
    BackgroundSync sync(std::chrono::hours(1));
    sync.Sync(file);
    EXPECT_TRUE(sync.Flush().ok());
    sync.Sync(file);
    EXPECT_TRUE(sync.Flush().ok());
    sync.Sync(file + "/under-a-file");
  }  // the destructor flushes what is queued, then stops
  BackgroundSync sync(std::chrono::hours(1));
  sync.Sync(file + "/under-a-file");
  EXPECT_FALSE(sync.Flush().ok()) << "a gathered request is still synced and reported";
}

TEST(BackgroundSyncTest, AFifoIsSkippedWithoutBlocking) {
  testing::TempDir dir;
  ASSERT_EQ(mkfifo((dir / "fifo").c_str(), 0600), 0);
  BackgroundSync sync;
  sync.Sync(dir / "fifo");  // opening it for reading must not wait for a writer
  EXPECT_TRUE(sync.Flush().ok());
}

TEST(BackgroundSyncTest, ManyThreadsQueueAndFlushConcurrently) {
  testing::TempDir dir;
  std::vector<std::string> files;
  for (int i = 0; i < 8; ++i) files.push_back(dir.Write(absl::StrCat("f", i), "data"));
  BackgroundSync sync;
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(8);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        sync.Sync(files[static_cast<size_t>((t + i) % 8)]);
        if (i % 10 == 9) {
          absl::Status s = sync.Flush();
          if (!s.ok()) results[static_cast<size_t>(t)] = s;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  EXPECT_TRUE(sync.Flush().ok());
}

TEST(BackgroundSyncTest, AJournalHandsItsCompletionSyncsOver) {
  testing::TempDir dir;
  BackgroundSync sync;
  EventLogOptions options = EventLogOptions::Journal();
  options.background_sync = &sync;
  absl::StatusOr<std::unique_ptr<EventLog>> log = EventLog::Open(dir / "runs/r/journal.jsonl", options);
  ASSERT_TRUE(log.ok()) << log.status();
  RunEvent event;
  event.kind = RunEvent::Kind::kRunStarted;
  EXPECT_TRUE((*log)->Append(event).ok());
  EXPECT_TRUE(sync.Flush().ok());
  EXPECT_TRUE((*log)->Close().ok());
}

}  // namespace
}  // namespace gantry::record
