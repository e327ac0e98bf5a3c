#include "core/config/config_loader.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace gantry::config {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class ConfigLoaderTest : public ::testing::Test {
 protected:
  absl::StatusOr<Deployment> Load(const std::string& text) {
    return LoadDeployment(dir_.Write("gantry.toml", text));
  }
  std::string Errors(const std::string& text) {
    absl::StatusOr<Deployment> d = Load(text);
    EXPECT_FALSE(d.ok());
    return d.ok() ? "" : std::string(d.status().message());
  }
  gantry::testing::TempDir dir_;
};

TEST_F(ConfigLoaderTest, ParsesSettingsLimitsTargetsAndComponents) {
  absl::StatusOr<Deployment> d = Load(R"(
[gantry]
max_concurrency = 4
plugin_paths = ["plugins", "/opt/gantry/plugins"]

[limits]
packer = 1

[targets.dev]
vars = { region = "eu-west-1" }

[components."network/vpc"]
type = "custom"
source = "components/vpc"
vars = { cidr = "10.0.0.0/16", count = 3 }
commands.apply = ["./apply.sh"]
timeout = "10m"
retries = 2
on_failure = "skip-dependents"
sensitive = ["cidr"]

[components.app]
type = "custom"
depends_on = ["network/vpc"]
)");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->max_concurrency, 4);
  EXPECT_EQ(d->plugin_paths[0], dir_ / "plugins");
  EXPECT_EQ(d->plugin_paths[1], "/opt/gantry/plugins");
  EXPECT_EQ(d->limits.at("packer").max, 1);
  EXPECT_FALSE(d->limits.at("packer").adaptive);
  EXPECT_EQ(d->targets.at("dev")["vars"]["region"], "eu-west-1");
  ASSERT_THAT(d->components, SizeIs(2));
  const ComponentConfig& vpc = *d->Find("network/vpc");
  EXPECT_EQ(vpc.type, "custom");
  EXPECT_EQ(vpc.source_dir, dir_ / "components/vpc");
  EXPECT_EQ(vpc.vars["count"], 3);
  EXPECT_EQ(vpc.settings["commands"]["apply"][0], "./apply.sh");
  EXPECT_FALSE(vpc.settings.contains("vars")) << "common keys are not plugin settings";
  EXPECT_EQ(vpc.timeout, absl::Minutes(10));
  EXPECT_EQ(vpc.retries, 2);
  EXPECT_EQ(vpc.on_failure, OnFailure::kSkipDependents);
  EXPECT_EQ(d->Find("app")->depends_on, std::vector<std::string>{"network/vpc"});
  EXPECT_EQ(d->components[0].name, "app") << "components are sorted by name";
}

TEST_F(ConfigLoaderTest, AutoConcurrencyIsZero) {
  absl::StatusOr<Deployment> d = Load("[gantry]\nmax_concurrency = \"auto\"\n");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->max_concurrency, 0);
}

TEST_F(ConfigLoaderTest, SyntaxErrorNamesFileLineAndColumn) {
  const std::string errors = Errors("[gantry]\nmax_concurrency = = 2\n");
  EXPECT_THAT(errors, HasSubstr(dir_ / "gantry.toml:2:"));
  EXPECT_THAT(errors, HasSubstr("TOML syntax"));
}

TEST_F(ConfigLoaderTest, UnknownKeysSuggestTheClosestKnownOne) {
  const std::string errors = Errors("[gantry]\nmax_concurrancy = 2\n[compnents.a]\ntype = \"x\"\n");
  EXPECT_THAT(errors, AllOf(HasSubstr("gantry.toml:2:1: error: unknown key in [gantry] "
                                      "'max_concurrancy' (did you mean 'max_concurrency'?)"),
                            HasSubstr("'compnents' (did you mean 'components'?)")));
}

TEST_F(ConfigLoaderTest, ReportsEveryProblemNotOnlyTheFirst) {
  const std::string errors = Errors(R"(
[components.a]
retries = -1
[components.b]
type = "custom"
timeout = "soon"
on_failure = "explode"
)");
  EXPECT_THAT(errors, AllOf(HasSubstr("'retries' must be a whole number from 0 to 100"),
                            HasSubstr("component 'a' has no 'type'"),
                            HasSubstr("timeout: 'soon' is not a duration"),
                            HasSubstr("on_failure must be")));
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 3) << errors;
}

TEST_F(ConfigLoaderTest, WrongValueTypesSayWhatWasExpected) {
  const std::string errors = Errors("[components.a]\ntype = 3\ndepends_on = \"b\"\n");
  EXPECT_THAT(errors, AllOf(HasSubstr("gantry.toml:2:8: error: 'type' must be a string, not an integer"),
                            HasSubstr("'depends_on' must be an array of component names, not a string")));
}

TEST_F(ConfigLoaderTest, UnsafeComponentNamesAreRefused) {
  for (const std::string bad : {"../escape", "a/../b", "/abs", "a//b", "tab\there", "a/"}) {
    SCOPED_TRACE(bad);
    const std::string errors = Errors("[components.\"" + bad + "\"]\ntype = \"custom\"\n");
    EXPECT_THAT(errors, HasSubstr("component name"));
  }
  EXPECT_EQ(CheckComponentName("network/vpc-1.main_a"), "");
}

TEST_F(ConfigLoaderTest, IncludesMergeAndResolveRelativeToTheIncludingFile) {
  dir_.Write("parts/network.toml", "[components.vpc]\ntype = \"custom\"\nsource = \"vpc\"\n");
  absl::StatusOr<Deployment> d = Load("include = [\"parts/network.toml\"]\n"
                                      "[components.app]\ntype = \"custom\"\n");
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_NE(d->Find("vpc"), nullptr);
  EXPECT_EQ(d->Find("vpc")->source_dir, dir_ / "parts/vpc");
  EXPECT_EQ(d->Find("vpc")->location.file, dir_ / "parts/network.toml");
  EXPECT_THAT(d->files, ::testing::ElementsAre(dir_ / "gantry.toml", dir_ / "parts/network.toml"));
}

TEST_F(ConfigLoaderTest, TargetNamesFollowTheComponentNameRules) {
  const std::string errors = Errors(R"([targets."../up"]
[targets."a b"]
[targets.ok-name]
[components.app]
type = "custom"
targets."/abs" = { vars = { A = "1" } }
)");
  const std::string file = dir_ / "gantry.toml";
  EXPECT_THAT(errors, AllOf(HasSubstr(file + ":1:10: error: target name '../up' must not "
                                             "contain '.' or '..' segments"),
                            HasSubstr(file + ":2:10: error: target name 'a b' may hold only"),
                            HasSubstr(file + ":6:9: error: target name '/abs' must not start "
                                             "with '/'"),
                            ::testing::Not(HasSubstr("ok-name"))));
  EXPECT_EQ(CheckTargetName("dev/eu-west-1"), "");
  EXPECT_NE(CheckTargetName(".."), "");
  EXPECT_NE(CheckTargetName(""), "");
}

TEST_F(ConfigLoaderTest, DuplicateComponentsAcrossIncludesNameBothPlaces) {
  dir_.Write("more.toml", "[components.app]\ntype = \"custom\"\n");
  const std::string errors =
      Errors("include = [\"more.toml\"]\n[components.app]\ntype = \"custom\"\n");
  EXPECT_THAT(errors, AllOf(HasSubstr("more.toml:1:1: error: component 'app' is defined twice"),
                            HasSubstr("first at " + (dir_ / "gantry.toml") + ":2")));
}

TEST_F(ConfigLoaderTest, IncludeCyclesAndMissingIncludesAreErrors) {
  dir_.Write("a.toml", "include = [\"gantry.toml\"]\n");
  EXPECT_THAT(Errors("include = [\"a.toml\"]\n"), HasSubstr("includes itself"));
  EXPECT_THAT(Errors("include = [\"missing.toml\"]\n"), HasSubstr("cannot read"));
}

TEST(FindConfigFileTest, WalksUpToTheNearestFile) {
  gantry::testing::TempDir dir;
  dir.Write("gantry.toml", "");
  std::filesystem::create_directories(dir / "a/b/c");
  EXPECT_EQ(*FindConfigFile(dir / "a/b/c"), dir / "gantry.toml");
  gantry::testing::TempDir empty;
  absl::StatusOr<std::string> none = FindConfigFile(empty.path());
  EXPECT_TRUE(absl::IsNotFound(none.status()));
  EXPECT_THAT(std::string(none.status().message()), HasSubstr("pass -f FILE"));
}

}  // namespace
}  // namespace gantry::config

namespace gantry::config {
namespace {

class TargetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.Write("gantry.toml", R"(
[targets.dev]
vars = { region = "eu-west-1", size = "small" }
timeout = "5m"

[targets.prod]
vars = { region = "us-east-1" }

[components.app]
type = "custom"
vars = { region = "local", size = "tiny", name = "app" }
commands.apply = ["deploy"]
targets.prod.vars = { size = "huge" }
targets.prod.commands.apply = ["deploy", "--careful"]
targets.qa.vars = { size = "qa" }
)");
  }
  gantry::testing::TempDir dir_;
  std::string path_;
};

TEST_F(TargetTest, NoTargetMeansTheBaseSettings) {
  absl::StatusOr<Deployment> d = LoadDeployment(path_);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->target, "default");
  EXPECT_EQ(d->Find("app")->vars, nlohmann::json::parse(R"({"region":"local","size":"tiny","name":"app"})"));
  EXPECT_FALSE(d->Find("app")->timeout.has_value());
}

TEST_F(TargetTest, GlobalOverlayThenComponentOverlayDeepMerge) {
  absl::StatusOr<Deployment> dev = LoadDeployment(path_, "dev");
  ASSERT_TRUE(dev.ok()) << dev.status();
  EXPECT_EQ(dev->Find("app")->vars,
            nlohmann::json::parse(R"({"region":"eu-west-1","size":"small","name":"app"})"));
  EXPECT_EQ(dev->Find("app")->timeout, absl::Minutes(5));

  absl::StatusOr<Deployment> prod = LoadDeployment(path_, "prod");
  ASSERT_TRUE(prod.ok()) << prod.status();
  EXPECT_EQ(prod->Find("app")->vars,
            nlohmann::json::parse(R"({"region":"us-east-1","size":"huge","name":"app"})"));
  EXPECT_EQ(prod->Find("app")->settings["commands"]["apply"],
            nlohmann::json::parse(R"(["deploy","--careful"])"));
}

TEST_F(TargetTest, AComponentOnlyTargetIsKnown) {
  absl::StatusOr<Deployment> qa = LoadDeployment(path_, "qa");
  ASSERT_TRUE(qa.ok()) << qa.status();
  EXPECT_EQ(qa->Find("app")->vars["size"], "qa");
}

TEST_F(TargetTest, AnUnknownTargetSuggestsTheDefinedOnes) {
  absl::StatusOr<Deployment> d = LoadDeployment(path_, "prd");
  ASSERT_FALSE(d.ok());
  EXPECT_THAT(std::string(d.status().message()),
              HasSubstr("unknown target 'prd' (did you mean 'prod'?); the file defines: default, dev, prod, qa"));
}

TEST_F(TargetTest, AnOverlayWithAWrongTypeIsReported) {
  dir_.Write("gantry.toml", "[targets.dev]\ntimeout = 5\n[components.a]\ntype = \"custom\"\n");
  absl::StatusOr<Deployment> d = LoadDeployment(dir_ / "gantry.toml", "dev");
  ASSERT_FALSE(d.ok());
  EXPECT_THAT(std::string(d.status().message()), HasSubstr("'timeout' must be a string, not an integer"));
}

TEST_F(ConfigLoaderTest, ALimitMayBeAnAdaptiveTable) {
  absl::StatusOr<Deployment> d = Load(R"([limits]
aws = { max = 16, min = 2, start = 8, adaptive = true, throttle_on = ["SlowDown"] }
terraform = 4
[components.app]
type = "custom"
throttle_on = ["quota exceeded"]
)");
  ASSERT_TRUE(d.ok()) << d.status();
  const GroupLimit& aws = d->limits.at("aws");
  EXPECT_TRUE(aws.adaptive);
  EXPECT_EQ(aws.max, 16);
  EXPECT_EQ(aws.min, 2);
  EXPECT_EQ(aws.start, 8);
  EXPECT_THAT(aws.throttle_on, ::testing::ElementsAre("SlowDown"));
  EXPECT_EQ(d->limits.at("terraform").max, 4);
  EXPECT_FALSE(d->limits.at("terraform").adaptive);
  EXPECT_THAT(d->Find("app")->throttle_on, ::testing::ElementsAre("quota exceeded"));
}

TEST_F(ConfigLoaderTest, ABadAdaptiveLimitIsNamedWithItsPlace) {
  EXPECT_THAT(Errors("[limits]\naws = { min = 2, adaptive = true }\n"),
              HasSubstr("gantry.toml:2:7: error: [limits] entry 'aws' needs max (the most at once)"));
  EXPECT_THAT(Errors("[limits]\naws = { max = 2, min = 4, adaptive = true }\n"),
              HasSubstr("[limits] entry 'aws' needs min (4) <= start (2) <= max (2)"));
  EXPECT_THAT(Errors("[limits]\naws = { max = 4, min = 2 }\n"),
              HasSubstr("min and start apply to an adaptive limit; add adaptive = true"));
  EXPECT_THAT(Errors("[limits]\naws = { max = 4, adaptve = true }\n"),
              HasSubstr("unknown key in [limits] entry 'aws' 'adaptve'"));
  EXPECT_THAT(Errors("[limits]\naws = { max = 4, adaptive = true, throttle_on = [\"(\"] }\n"),
              HasSubstr("aws.throttle_on: '(' is not a valid regular expression"));
  EXPECT_THAT(Errors("[limits]\naws = { max = 0, adaptive = true }\n"),
              HasSubstr("'aws.max' must be a whole number of at least 1"));
}

// A name in `sensitive` that is a near miss of a var is most likely a typo, and the var's
// secret would be shown in clear. Not an error: the list names outputs too.
TEST_F(ConfigLoaderTest, ASensitiveNameNearAVarIsWarnedOf) {
  absl::StatusOr<Deployment> d = LoadDeployment(dir_.Write("gantry.toml", R"([components.p]
type = "custom"
vars.PASS = "hunter2"
sensitive = ["PAS", "token"]
)"), "", /*keep_component_problems=*/true);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->component_problems.empty()) << "a warning, not an error";
  EXPECT_THAT(d->component_problems.warnings(),
              ::testing::ElementsAre(HasSubstr(
                  "gantry.toml:4:13: warning: sensitive: 'PAS' is not a var of component 'p' "
                  "in any target (did you mean 'PASS'?): it masks no var, only an output of "
                  "that name if the component sets one")))
      << "'token' is like no var: an output's name, as the custom type reads the list";
}

// A var may exist in one target only; the list is checked against every target's vars
// (near misses of the base vars would be warned of otherwise).
TEST_F(ConfigLoaderTest, ASensitiveNameMayBeAVarOfAnotherTargetOnly) {
  const std::string text = R"([targets.prod]
vars.region = "eu-west-1"

[components.p]
type = "custom"
vars = { passwd = "old", regions = "all" }
sensitive = ["password", "region"]
targets.staging.vars.password = "hunter2"
)";
  for (const std::string target : {"default", "staging", "prod"}) {
    SCOPED_TRACE(target);
    absl::StatusOr<Deployment> d = LoadDeployment(dir_.Write("gantry.toml", text), target,
                                                  /*keep_component_problems=*/true);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_TRUE(d->component_problems.empty());
    EXPECT_THAT(d->component_problems.warnings(), ::testing::IsEmpty());
  }
}

// Terraform's variable blocks and Atmos write `sensitive = true` beside a value; gantry
// reads no such flag, so the table, value and all, would be passed on in clear.
TEST_F(ConfigLoaderTest, AVarTableFlaggedSensitiveMustBeListedInSensitive) {
  const std::string text = R"([components.p]
type = "custom"
vars.PASS = { value = "hunter2", sensitive = true }
vars.plain = { value = "x", sensitive = false }
)";
  const std::string errors = Errors(text);
  EXPECT_THAT(errors, HasSubstr("gantry.toml:3:6: error: var 'PASS' is a table with "
                                "sensitive = true, a flag gantry does not read"));
  EXPECT_THAT(errors, HasSubstr("sensitive = [\"PASS\"]"));
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 0) << "only PASS: " << errors;
  // Listed, the whole table is a secret (each of its strings masked): nothing to say.
  absl::StatusOr<Deployment> listed = Load(text + "sensitive = [\"PASS\"]\n");
  EXPECT_TRUE(listed.ok()) << listed.status();
}

}  // namespace
}  // namespace gantry::config
