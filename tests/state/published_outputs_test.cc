#include "core/state/published_outputs.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/state/output_seal.h"
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
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kKey[] = "k3y-for-the-tests-0123456789abcdef";
constexpr char kSecret[] = "s3cr3t-db-pass";

OutputSeal Seal(const char* key = kKey) { return *OutputSeal::FromKey(key); }

PublishedOutputs Database() {
  PublishedOutputs data;
  data.component = "db/main";
  data.target = "prod";
  data.operation = "apply";
  data.run_id = "run-1";
  data.outputs["endpoint"] = {"db:5432", 0};
  data.outputs["password"] = {kSecret, GANTRY_OUTPUT_SENSITIVE};
  data.outputs["config"] = {R"({"tls":true})", GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON};
  data.outputs["blob"] = {std::string("\xff\x00\x01", 3), 0};
  return data;
}

// ReadPublishedOutputs of a file holding `text` (one written by hand, not by gantry).
absl::StatusOr<PublishedOutputs> ReadWritten(const std::string& text, const OutputSeal* seal) {
  gantry::testing::TempDir dir;
  const fs::path file = fs::path(dir.path()) / "x.json";
  std::ofstream(file) << text;
  return ReadPublishedOutputs(file, seal);
}

TEST(OutputSealTest, OpensWhatItSealedForThatPlaceOnly) {
  const OutputSeal seal = Seal();
  const std::string sealed = seal.Seal(kSecret, "a");
  EXPECT_THAT(sealed, Not(HasSubstr(kSecret)));
  EXPECT_NE(sealed, seal.Seal(kSecret, "a")) << "every value gets a fresh nonce";
  EXPECT_EQ(*seal.Open(sealed, "a"), kSecret);
  EXPECT_FALSE(seal.Open(sealed, "b").ok()) << "moved to another output";
  EXPECT_FALSE(Seal("another-key-of-enough-length").Open(sealed, "a").ok());
  std::string altered = sealed;
  altered[10] = altered[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(seal.Open(altered, "a").ok());
  EXPECT_FALSE(seal.Open("not base64!", "a").ok());
}

TEST(OutputSealTest, RefusesAShortKey) {
  absl::StatusOr<OutputSeal> seal = OutputSeal::FromKey("short");
  ASSERT_FALSE(seal.ok());
  EXPECT_THAT(seal.status().message(), HasSubstr("at least 16"));
}

TEST(PublishedOutputsTest, RoundTripsWithSensitiveValuesSealed) {
  gantry::testing::TempDir dir;
  const OutputSeal seal = Seal();
  ASSERT_TRUE(WritePublishedOutputs(dir.path(), Database(), &seal).ok());
  const fs::path file = PublishedOutputsPath(dir.path(), "db/main");
  EXPECT_EQ(file, fs::path(dir.path()) / "db" / "main.json");
  const std::string text = ReadText(file.string());
  EXPECT_THAT(text, Not(HasSubstr(kSecret)));
  EXPECT_THAT(text, Not(HasSubstr("tls")));
  EXPECT_THAT(text, HasSubstr("db:5432"));
  struct stat info {};
  ASSERT_EQ(stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  absl::StatusOr<PublishedOutputs> read = ReadPublishedOutputs(file, &seal);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs, Database().outputs);
  EXPECT_EQ(read->target, "prod");
  EXPECT_EQ(read->operation, "apply");
  EXPECT_TRUE(read->withheld.empty());
}

TEST(PublishedOutputsTest, WithoutAKeySensitiveValuesAreWithheldNeverWritten) {
  gantry::testing::TempDir dir;
  ASSERT_TRUE(WritePublishedOutputs(dir.path(), Database(), nullptr).ok());
  const fs::path file = PublishedOutputsPath(dir.path(), "db/main");
  EXPECT_THAT(ReadText(file.string()), Not(HasSubstr(kSecret)));
  const OutputSeal seal = Seal();
  absl::StatusOr<PublishedOutputs> read = ReadPublishedOutputs(file, &seal);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs.size(), 2u);
  ASSERT_EQ(read->withheld.count("password"), 1u);
  EXPECT_THAT(read->withheld.at("password"), HasSubstr("had no $GANTRY_OUTPUTS_KEY"));
}

TEST(PublishedOutputsTest, AReaderWithoutTheKeySeesSealedValuesWithheld) {
  gantry::testing::TempDir dir;
  const OutputSeal seal = Seal();
  ASSERT_TRUE(WritePublishedOutputs(dir.path(), Database(), &seal).ok());
  absl::StatusOr<PublishedOutputs> read =
      ReadPublishedOutputs(PublishedOutputsPath(dir.path(), "db/main"), nullptr);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->outputs.count("password"), 0u);
  EXPECT_THAT(read->withheld.at("password"), HasSubstr("not set in this job"));
}

TEST(PublishedOutputsTest, AWrongKeyOrAValueMovedToAnotherComponentIsAnError) {
  gantry::testing::TempDir dir;
  const OutputSeal seal = Seal();
  ASSERT_TRUE(WritePublishedOutputs(dir.path(), Database(), &seal).ok());
  const fs::path file = PublishedOutputsPath(dir.path(), "db/main");
  const OutputSeal other = Seal("another-key-of-enough-length");
  absl::StatusOr<PublishedOutputs> wrong_key = ReadPublishedOutputs(file, &other);
  ASSERT_FALSE(wrong_key.ok());
  EXPECT_THAT(wrong_key.status().message(), HasSubstr("another $GANTRY_OUTPUTS_KEY"));

  nlohmann::json doc = nlohmann::json::parse(ReadText(file.string()));
  doc["component"] = "db/replica";  // the sealed password claims to be another's
  fs::create_directories(fs::path(dir.path()) / "db");
  std::ofstream(fs::path(dir.path()) / "db" / "replica.json") << doc.dump();
  absl::StatusOr<PublishedOutputs> moved =
      ReadPublishedOutputs(fs::path(dir.path()) / "db" / "replica.json", &seal);
  ASSERT_FALSE(moved.ok());
  EXPECT_THAT(moved.status().message(), HasSubstr("cannot be opened"));
}

TEST(PublishedOutputsTest, AClearSensitiveValueIsRefused) {
  absl::StatusOr<PublishedOutputs> read = ReadWritten(
      R"({"schema":1,"component":"x","target":"default","operation":"apply",
          "outputs":{"p":{"value":"clear","sensitive":true}}})",
      nullptr);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("sensitive but not sealed"));
}

TEST(PublishedOutputsTest, ReadsADirectoryAndRefusesAFileInTheWrongPlace) {
  gantry::testing::TempDir dir;
  const OutputSeal seal = Seal();
  ASSERT_TRUE(WritePublishedOutputs(dir.path(), Database(), &seal).ok());
  PublishedOutputs vpc;
  vpc.component = "vpc";
  vpc.target = "prod";
  vpc.operation = "plan";
  vpc.outputs["id"] = {"vpc-1", 0};
  ASSERT_TRUE(WritePublishedOutputs(dir.path(), vpc, &seal).ok());
  absl::StatusOr<std::map<std::string, PublishedOutputs>> all = ReadPublishedDir(dir.path(), &seal);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at("vpc").operation, "plan");
  EXPECT_EQ(all->at("db/main").outputs.at("password").value, kSecret);

  EXPECT_TRUE(ReadPublishedDir(fs::path(dir.path()) / "none", &seal)->empty());
  fs::copy_file(PublishedOutputsPath(dir.path(), "vpc"), fs::path(dir.path()) / "copy.json");
  absl::StatusOr<std::map<std::string, PublishedOutputs>> misplaced =
      ReadPublishedDir(dir.path(), &seal);
  ASSERT_FALSE(misplaced.ok());
  EXPECT_THAT(misplaced.status().message(), HasSubstr("belong in"));
}

TEST(PublishedOutputsTest, OddFlagsAreNotACrash) {
  const OutputSeal seal = Seal();
  absl::StatusOr<PublishedOutputs> read = ReadWritten(
      R"({"schema":1,"component":"x","target":"default","operation":"apply",
          "outputs":{"a":{"withheld":"yes","value":"v"},"b":{"sealed":"AAAA","json":"no"}}})",
      &seal);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("not one gantry wrote"));
}

TEST(PublishedOutputsTest, ANewerSchemaSaysToUseOneGantry) {
  absl::StatusOr<PublishedOutputs> read =
      ReadWritten(R"({"schema":9,"component":"x","outputs":{}})", nullptr);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("same gantry in every job"));
}

}  // namespace
}  // namespace gantry::state
