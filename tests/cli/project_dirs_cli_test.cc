// The project and cache directories every hook is given (gantry_component project_dir
// and cache_dir), through the real binary run from a subdirectory of the project, and
// the cache's persistence. Uses the test plugin probe.
#include <sys/stat.h>

#include <filesystem>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/cli/plugin_cli_test.h"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Json = nlohmann::json;

class ProjectDirsCliTest : public PluginCliTest {
 protected:
  void SetUp() override {
    dir_.Write("gantry.toml", "[components.app]\ntype = \"probe\"\nshow_dirs = true\n");
    fs::create_directories(dir_ / "sub/deeper");
  }

  // Run from a subdirectory: gantry.toml is found upwards, and the project is still its
  // directory, not the current one.
  gantry::testing::CliResult Run(std::vector<std::string> args) {
    return Gantry(std::move(args), {}, dir_ / "sub/deeper");
  }

  std::string Project() const { return fs::canonical(dir_.path()).string(); }
  std::string Cache() const { return Project() + "/.gantry/cache/probe"; }
};

TEST_F(ProjectDirsCliTest, ValidateAndDiscoverSeeTheProjectAndTheCache) {
  const std::string dirs = "project_dir=" + Project() + " cache_dir=" + Cache();
  const auto validate = Run({"validate"});
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
  EXPECT_THAT(validate.out + validate.err, HasSubstr("'show_dirs': validate sees " + dirs));
  EXPECT_THAT(validate.out + validate.err, HasSubstr("discover of app sees " + dirs));
}

TEST_F(ProjectDirsCliTest, ExecuteFindsTheCacheMadeAndItOutlivesCleaning) {
  const auto r = Run({"apply", "--summary", dir_ / "s.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const Json app = Json::parse(Read(dir_ / "s.json"))["components"][0];
  EXPECT_EQ(app["outputs"]["project_dir"], Project());
  EXPECT_EQ(app["outputs"]["cache_dir"], Cache());
  EXPECT_EQ(app["outputs"]["cache_dir_exists"], "yes");
  struct stat st{};
  ASSERT_EQ(stat(Cache().c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(st.st_mode & 0700, 0700u);  // made as the other .gantry directories: 0755

  // A crashed run's workspaces are cleaned; the cache stays, whatever its age.
  fs::create_directories(dir_ / ".gantry/workspaces/0f8e2c4a-dead-4e3f-9a7b-2c5d8e1f0a3b/app");
  const auto clean = Run({"workspaces", "clean"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_FALSE(fs::exists(dir_ / ".gantry/workspaces/0f8e2c4a-dead-4e3f-9a7b-2c5d8e1f0a3b"));
  EXPECT_TRUE(fs::exists(Cache() + "/app.seen"));
  const auto older = Run({"workspaces", "clean", "--older-than", "1ms"});
  EXPECT_EQ(older.exit_code, 0) << older.out << older.err;
  EXPECT_TRUE(fs::exists(Cache() + "/app.seen"));
  // A second run finds it as it was.
  ASSERT_EQ(Run({"apply"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(Cache() + "/app.seen"));
}

}  // namespace
}  // namespace gantry::cli
