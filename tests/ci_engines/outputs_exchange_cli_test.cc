// `--outputs-to DIR` publishes each component's outputs, sensitive ones sealed with
// $GANTRY_OUTPUTS_KEY; `--outputs-from DIR` reads dependencies' outputs from there, never
// from the local store: what every exported CI job runs.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kExchangeKey[] = "GANTRY_OUTPUTS_KEY=test-key-0123456789abcdef";
constexpr char kToken[] = "tok-9f3e1a77";

// db publishes an endpoint and a sensitive token; app prints what it read.
constexpr char kExchangeProject[] = R"([components.db]
type = "custom"
shell = true
commands.apply = """
echo "endpoint=db.internal:5432" >> "$GANTRY_OUTPUT"
echo "token=tok-9f3e1a77" >> "$GANTRY_OUTPUT"
"""
sensitive = ["token"]

[components.app]
type = "custom"
shell = true
vars = { ENDPOINT = "${db.endpoint}", TOKEN = "${db.token}" }
commands.apply = """
echo "app: endpoint=$ENDPOINT token-length=${#TOKEN}"
test "$TOKEN" = tok-9f3e1a77
"""
)";

class OutputsExchangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "project");
    std::ofstream(dir_ / "project/gantry.toml") << kExchangeProject;
  }
  gantry::testing::CliResult Gantry(std::vector<std::string> args,
                                    std::vector<std::string> env = {}) {
    env.insert(env.begin(), {"GANTRY_MAX_CONCURRENCY=", "GANTRY_OUTPUTS_KEY="});
    return gantry::testing::RunGantry(args, dir_ / "project", env);
  }
  gantry::testing::TempDir dir_;
};

TEST_F(OutputsExchangeTest, AJobReadsWhatAnotherPublishedSealed) {
  auto db = Gantry({"apply", "db", "--outputs-to", "../published"}, {kExchangeKey});
  ASSERT_EQ(db.exit_code, 0) << db.err << db.out;
  const std::string file = ReadText(dir_ / "published/db.json");
  EXPECT_THAT(file, HasSubstr("db.internal:5432"));
  EXPECT_THAT(file, HasSubstr("\"sealed\""));
  EXPECT_THAT(file, Not(HasSubstr(kToken)));
  // Another job: a fresh checkout, nothing in .gantry, only the published file.
  fs::remove_all(dir_ / "project/.gantry");
  auto app =
      Gantry({"apply", "app", "--outputs-from", "../published", "--outputs-to", "../published"},
             {kExchangeKey});
  ASSERT_EQ(app.exit_code, 0) << app.err << app.out;
  EXPECT_THAT(app.out, HasSubstr("app: endpoint=db.internal:5432 token-length=12"));
  EXPECT_TRUE(fs::exists(dir_ / "published/app.json")) << "a job without outputs publishes too";
}

TEST_F(OutputsExchangeTest, WithoutAKeyASecretIsWithheldAndItsReaderFailsSayingWhy) {
  auto db = Gantry({"apply", "db", "--outputs-to", "../published"});
  ASSERT_EQ(db.exit_code, 0) << db.err;
  EXPECT_THAT(ReadText(dir_ / "published/db.json"), Not(HasSubstr(kToken)));
  fs::remove_all(dir_ / "project/.gantry");
  auto app = Gantry({"apply", "app", "--outputs-from", "../published"}, {kExchangeKey});
  EXPECT_EQ(app.exit_code, 2);
  EXPECT_THAT(app.err, HasSubstr("published output db.token cannot be read: the job that "
                                 "published it had no $GANTRY_OUTPUTS_KEY"));
  EXPECT_THAT(app.err, HasSubstr("db.token (needed by app"));
}

TEST_F(OutputsExchangeTest, AReaderWithoutTheKeyIsToldToSetIt) {
  ASSERT_EQ(Gantry({"apply", "db", "--outputs-to", "../published"}, {kExchangeKey}).exit_code, 0);
  auto app = Gantry({"apply", "app", "--outputs-from", "../published"});
  EXPECT_EQ(app.exit_code, 2);
  EXPECT_THAT(app.err, HasSubstr("it is sealed and $GANTRY_OUTPUTS_KEY is not set in this job"));
}

TEST_F(OutputsExchangeTest, TheLocalStoreIsNotReadWithOutputsFrom) {
  ASSERT_EQ(Gantry({"apply", "db"}).exit_code, 0);  // recorded in .gantry/state only
  auto app = Gantry({"apply", "app", "--outputs-from", "../published"}, {kExchangeKey});
  EXPECT_EQ(app.exit_code, 2);
  EXPECT_THAT(app.err, HasSubstr("db.endpoint (needed by app"));
  EXPECT_THAT(app.err, HasSubstr("--outputs-from ../published holds no published value"));
}

TEST_F(OutputsExchangeTest, OutputsOfAnotherTargetAreRefused) {
  ASSERT_EQ(Gantry({"apply", "db", "--outputs-to", "../published"}, {kExchangeKey}).exit_code, 0);
  std::ofstream(dir_ / "project/gantry.toml", std::ios::app) << "\n[targets.prod]\n";
  auto app =
      Gantry({"apply", "app", "-t", "prod", "--outputs-from", "../published"}, {kExchangeKey});
  EXPECT_EQ(app.exit_code, 2);
  EXPECT_THAT(app.err, HasSubstr("were published for target 'default', this run is for 'prod'"));
}

TEST_F(OutputsExchangeTest, AShortKeyIsRefusedBeforeAnythingRuns) {
  auto db = Gantry({"apply", "db", "--outputs-to", "../published"}, {"GANTRY_OUTPUTS_KEY=short"});
  EXPECT_EQ(db.exit_code, 2);
  EXPECT_THAT(db.err, HasSubstr("$GANTRY_OUTPUTS_KEY: the outputs key is 5 characters long"));
  EXPECT_FALSE(fs::exists(dir_ / "project/.gantry/runs"));
}

}  // namespace
}  // namespace gantry
