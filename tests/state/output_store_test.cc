#include "core/state/output_store.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/state/layout.h"
#include "gantry/host.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::state {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using record::OutputValue;
using ::testing::HasSubstr;

constexpr char kStoreRun[] = "0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b";

OutputValue Value(std::string value, uint32_t flags = 0) {
  OutputValue v;
  v.value = std::move(value);
  v.flags = flags;
  return v;
}

StoredOutputs Sample() {
  StoredOutputs data;
  data.outputs["vpc_id"] = Value("vpc-123");
  data.outputs["db_password"] = Value("hunter2", GANTRY_OUTPUT_SENSITIVE);
  data.outputs["config"] = Value(R"({"a":[1,2]})", GANTRY_OUTPUT_JSON);
  data.outputs["binary"] = Value(std::string("\x00\xff\xfe\x80ok", 6), GANTRY_OUTPUT_SENSITIVE);
  data.outputs["unicode"] = Value("gr\xc3\xbc\xc3\x9f dich \xf0\x9f\x91\x8b");
  data.outputs["empty"] = Value("");
  data.run_id = kStoreRun;
  data.operation = "apply";
  data.time = absl::FromUnixSeconds(1'700'000'000) + absl::Milliseconds(250);
  data.duration = absl::Milliseconds(12'500);
  return data;
}

class OutputStoreTest : public ::testing::Test {
 protected:
  OutputStoreTest()
      : layout_(Layout::ForDeployment(tmp_.path())), path_(layout_.OutputsPath("dev", "db")) {}

  void WriteRaw(const std::string& text) {
    fs::create_directories(path_.parent_path());
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
  }

  testing::TempDir tmp_;
  const Layout layout_;
  const fs::path path_;
};

TEST_F(OutputStoreTest, RoundTripsOutputsAndMetadata) {
  const StoredOutputs written = Sample();
  ASSERT_TRUE(WriteOutputs(path_, written).ok());
  absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs, written.outputs);
  EXPECT_EQ(read->run_id, kStoreRun);
  EXPECT_EQ(read->operation, "apply");
  EXPECT_EQ(read->time, written.time);
  ASSERT_TRUE(read->duration.has_value());
  EXPECT_EQ(*read->duration, absl::Milliseconds(12'500));
}

TEST_F(OutputStoreTest, FileIsPrivateAndInTheDocumentedFormat) {
  ASSERT_TRUE(WriteOutputs(path_, Sample()).ok());
  struct stat st;
  ASSERT_EQ(stat(path_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(path_.parent_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);

  const nlohmann::json doc = nlohmann::json::parse(ReadText(path_));
  EXPECT_EQ(doc["schema"], 1);
  EXPECT_EQ(doc["run_id"], kStoreRun);
  EXPECT_EQ(doc["operation"], "apply");
  EXPECT_EQ(doc["time"], "2023-11-14T22:13:20.25+00:00");
  EXPECT_EQ(doc["duration_seconds"], 12.5);
  EXPECT_EQ(doc["outputs"]["vpc_id"]["value"], "vpc-123");
  EXPECT_EQ(doc["outputs"]["vpc_id"]["sensitive"], false);
  EXPECT_EQ(doc["outputs"]["db_password"]["value"], "hunter2");
  EXPECT_EQ(doc["outputs"]["db_password"]["sensitive"], true);
  EXPECT_EQ(doc["outputs"]["config"]["json"], true);
  EXPECT_FALSE(doc["outputs"]["binary"].contains("value"));
  EXPECT_TRUE(doc["outputs"]["binary"].contains("value_base64"));
}

TEST_F(OutputStoreTest, DurationIsOptional) {
  StoredOutputs data = Sample();
  data.duration.reset();
  data.outputs.clear();
  ASSERT_TRUE(WriteOutputs(path_, data).ok());
  absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_FALSE(read->duration.has_value());
  EXPECT_TRUE(read->outputs.empty());
}

TEST_F(OutputStoreTest, RewriteReplacesTheWholeFile) {
  ASSERT_TRUE(WriteOutputs(path_, Sample()).ok());
  StoredOutputs next;
  next.outputs["only"] = Value("one");
  next.run_id = kStoreRun;
  next.operation = "plan";
  ASSERT_TRUE(WriteOutputs(path_, next).ok());
  absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs, next.outputs);
  EXPECT_EQ(read->operation, "plan");
  EXPECT_NE(read->time, absl::InfinitePast());  // "now" was filled in
}

TEST_F(OutputStoreTest, AbsentFileIsNotFound) {
  absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(read.status().message(), HasSubstr(path_.string()));
}

TEST_F(OutputStoreTest, LeftoverTemporaryFromACrashedWriteDoesNotCorrupt) {
  ASSERT_TRUE(WriteOutputs(path_, Sample()).ok());
  const fs::path stale = path_.string() + ".tmp-Ab12Cd";
  std::ofstream(stale, std::ios::binary) << "{\"schema\":1,\"outp";  // torn, never renamed

  absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs, Sample().outputs);

  StoredOutputs next = Sample();
  next.outputs["added"] = Value("yes");
  ASSERT_TRUE(WriteOutputs(path_, next).ok());
  read = ReadOutputs(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs, next.outputs);
  EXPECT_FALSE(fs::exists(stale));  // cleaned up by the next write
  for (const auto& entry : fs::directory_iterator(path_.parent_path())) {
    EXPECT_EQ(entry.path(), path_) << "stray file " << entry.path();
  }
}

TEST_F(OutputStoreTest, KillingTheWriterLeavesTheOldOrTheNewFileWhole) {
  StoredOutputs small = Sample();
  StoredOutputs large = Sample();
  for (int i = 0; i < 2000; ++i) {
    large.outputs[absl::StrCat("key", i)] =
        Value(std::string(100, static_cast<char>('a' + i % 26)));
  }
  ASSERT_TRUE(WriteOutputs(path_, small).ok());

  for (int round = 0; round < 5; ++round) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(ready[0]);
      for (int i = 0;; ++i) {
        if (!WriteOutputs(path_, i % 2 == 0 ? large : small).ok()) _exit(1);
        if (i == 0) (void)!write(ready[1], "x", 1);
      }
    }
    close(ready[1]);
    char c;
    ASSERT_EQ(read(ready[0], &c, 1), 1);  // at least one whole write happened
    close(ready[0]);
    kill(child, SIGKILL);
    int wstatus;
    waitpid(child, &wstatus, 0);
    ASSERT_TRUE(WIFSIGNALED(wstatus)) << "the writer failed";

    absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
    ASSERT_TRUE(read.ok()) << read.status();
    EXPECT_TRUE(read->outputs == small.outputs || read->outputs == large.outputs);
  }
}

TEST_F(OutputStoreTest, CorruptFileIsAnErrorNamingIt) {
  const std::string valid_head =
      R"({"schema":1,"run_id":"r","operation":"apply","time":"2023-11-14T22:13:20+00:00",)";
  const struct {
    const char* text;
    const char* why;
  } cases[] = {
      {"", "not valid JSON"},
      {"{\"schema\":1,\"outputs\":{", "not valid JSON"},
      {"[1,2]", "not a JSON object"},
      {R"({"outputs":{}})", "schema"},
      {R"({"schema":1,"operation":"a","time":"2023-11-14T22:13:20+00:00","outputs":{}})",
       "\"run_id\" is missing"},
      {R"({"schema":1,"run_id":"r","operation":"a","time":"yesterday","outputs":{}})", "\"time\""},
      {R"({"schema":1,"run_id":"r","operation":"a","time":"2023-11-14T22:13:20+00:00"})",
       "\"outputs\""},
  };
  for (const auto& c : cases) {
    WriteRaw(c.text);
    absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
    ASSERT_FALSE(read.ok()) << c.text;
    EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss) << c.text;
    EXPECT_THAT(read.status().message(), HasSubstr(path_.string())) << c.text;
    EXPECT_THAT(read.status().message(), HasSubstr(c.why)) << c.text;
  }
  const struct {
    std::string tail;
    const char* why;
  } entries[] = {
      {R"("outputs":{"k":"v"}})", "output \"k\" is not an object"},
      {R"("outputs":{"k":{"value":1}}})", "\"value\" is not a string"},
      {R"("outputs":{"k":{"sensitive":true}}})", "output \"k\" needs exactly one"},
      {R"("outputs":{"k":{"value":"v","sensitive":"yes"}}})", "\"sensitive\""},
      {R"("outputs":{"k":{"value_base64":"!!!"}}})", "invalid base64"},
      {R"("duration_seconds":-1,"outputs":{}})", "duration_seconds"},
  };
  for (const auto& e : entries) {
    WriteRaw(valid_head + e.tail);
    absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
    ASSERT_FALSE(read.ok()) << e.tail;
    EXPECT_EQ(read.status().code(), absl::StatusCode::kDataLoss) << e.tail;
    EXPECT_THAT(read.status().message(), HasSubstr(path_.string())) << e.tail;
    EXPECT_THAT(read.status().message(), HasSubstr(e.why)) << e.tail;
  }
}

TEST_F(OutputStoreTest, NewerSchemaIsRefusedAsSuch) {
  WriteRaw(R"({"schema":2,"whatever":true})");
  absl::StatusOr<StoredOutputs> read = ReadOutputs(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(read.status().message(), HasSubstr(path_.string()));
}

TEST_F(OutputStoreTest, UnwritableDirectoryIsAnErrorNamingIt) {
  const fs::path blocked = fs::path(tmp_.path()) / "file-not-dir";
  std::ofstream(blocked) << "x";
  absl::Status s = WriteOutputs(blocked / "outputs.json", Sample());
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.message(), HasSubstr(blocked.string()));
}

}  // namespace
}  // namespace gantry::state
