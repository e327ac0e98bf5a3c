#include "core/state/duration_store.h"

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class DurationStoreTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  const fs::path path_ = fs::path(dir_.path()) / "durations/dev.json";
};

TEST_F(DurationStoreTest, NoFileIsNotFound) {
  EXPECT_TRUE(absl::IsNotFound(ReadDurations(path_).status()));
}

TEST_F(DurationStoreTest, RecordsMergeAndDropUnknownComponents) {
  const std::vector<std::string> known = {"a", "b", "c"};
  ASSERT_TRUE(RecordDurations(path_, {{"a", absl::Seconds(2)}, {"gone", absl::Seconds(9)}}, known).ok());
  ASSERT_TRUE(RecordDurations(path_, {{"b", absl::Milliseconds(1500)}}, known).ok());
  ASSERT_TRUE(RecordDurations(path_, {{"a", absl::Seconds(3)}}, known).ok());

  absl::StatusOr<Durations> read = ReadDurations(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, (Durations{{"a", absl::Seconds(3)}, {"b", absl::Milliseconds(1500)}}));
  EXPECT_FALSE(fs::exists(absl::StrCat(path_.string(), ".tmp")));
}

TEST_F(DurationStoreTest, ConcurrentRecordersLoseNothing) {
  std::vector<std::string> known;
  for (int i = 0; i < 16; ++i) known.push_back(absl::StrCat("c", i));
  std::vector<std::thread> threads;
  std::vector<absl::Status> results(known.size());
  for (size_t i = 0; i < known.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = RecordDurations(path_, {{known[i], absl::Seconds(static_cast<double>(i))}}, known);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  absl::StatusOr<Durations> read = ReadDurations(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->size(), known.size());
}

TEST_F(DurationStoreTest, CorruptFilesAreNamedAndThenReplaced) {
  for (const char* text : {"not json", "[]", R"({"schema":1})", R"({"schema":1,"seconds":{"a":-1}})",
                           R"({"schema":1,"seconds":{"a":"x"}})"}) {
    dir_.Write("durations/dev.json", text);
    absl::StatusOr<Durations> read = ReadDurations(path_);
    ASSERT_FALSE(read.ok()) << text;
    EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss) << text;
    EXPECT_THAT(read.status().message(), HasSubstr(path_.string()));
  }
  dir_.Write("durations/dev.json", R"({"schema":7,"seconds":{}})");
  EXPECT_EQ(ReadDurations(path_).status().code(), absl::StatusCode::kFailedPrecondition);

  ASSERT_TRUE(RecordDurations(path_, {{"a", absl::Seconds(1)}}, std::vector<std::string>{"a"}).ok());
  absl::StatusOr<Durations> read = ReadDurations(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, (Durations{{"a", absl::Seconds(1)}}));
}

}  // namespace
}  // namespace gantry::state
