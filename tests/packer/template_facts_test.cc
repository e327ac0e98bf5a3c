// Reading packer templates without packer: their kind, builds (counted for plans),
// manifests and custom_data keys, and which builds -only/-except select.
#include "packer/template_facts.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "packer/discovery.h"
#include "tests/testing/temp_dir.h"

namespace gantry::packer {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kHcl = R"(
packer {
  required_plugins {
    docker = { version = ">= 1.0", source = "github.com/hashicorp/docker" }
  }
}
source "null" "one" { communicator = "none" }
source "null" "two" { communicator = "none" }
build {
  name    = "b"
  sources = ["source.null.one", "source.null.two"]
  post-processor "manifest" {
    output      = "out/manifest.json"
    custom_data = { greeting = var.greeting, "image.tag" = "x" }
  }
}
build {
  source "source.null.one" {
    name = "renamed"
  }
  source "null.two" {}
  post-processors {
    post-processor "manifest" {}
  }
}
)";

class TemplateFactsTest : public ::testing::Test {
 protected:
  gantry::testing::TempDir dir_;
};

TEST_F(TemplateFactsTest, ADirectoryOfHclFiles) {
  dir_.Write("src/main.pkr.hcl", kHcl);
  dir_.Write("src/vars.auto.pkrvars.hcl", "greeting = \"x\"\n");
  const TemplatePlace place = PlaceTemplate(dir_ / "src", "");
  EXPECT_EQ(place.error, "");
  EXPECT_EQ(place.kind, TemplateKind::kHclDirectory);
  EXPECT_EQ(place.run_dir, dir_ / "src");
  EXPECT_EQ(place.argument, ".");
  const TemplateFacts facts = ReadTemplate(place);
  EXPECT_THAT(facts.problems, IsEmpty());
  EXPECT_TRUE(facts.builds_known);
  EXPECT_THAT(facts.builds, ElementsAre("b.null.one", "b.null.two", "null.renamed", "null.two"));
  EXPECT_THAT(facts.manifests, ElementsAre("out/manifest.json", "packer-manifest.json"));
  EXPECT_TRUE(facts.manifests_known);
  EXPECT_THAT(facts.custom_data_keys, ElementsAre("greeting", "image.tag"));
  EXPECT_TRUE(facts.wants_init);
  EXPECT_THAT(facts.files, ElementsAre(dir_ / "src/main.pkr.hcl"));
}

TEST_F(TemplateFactsTest, ALegacyJsonTemplate) {
  dir_.Write("src/images/ubuntu.json", R"({
    "variables": {"greeting": "hi"},
    "builders": [{"type": "null", "communicator": "none"}, {"type": "null", "name": "second"}],
    "post-processors": ["compress", [{"type": "manifest", "output": "m.json",
                                      "custom_data": {"g": "{{user `greeting`}}"}}]]
  })");
  const TemplatePlace place = PlaceTemplate(dir_ / "src", "images/ubuntu.json");
  EXPECT_EQ(place.kind, TemplateKind::kLegacyJson);
  EXPECT_EQ(place.run_dir, dir_ / "src/images");
  EXPECT_EQ(place.argument, "ubuntu.json");
  const TemplateFacts facts = ReadTemplate(place);
  EXPECT_THAT(facts.builds, ElementsAre("null", "second"));
  EXPECT_THAT(facts.manifests, ElementsAre("m.json"));
  EXPECT_THAT(facts.custom_data_keys, ElementsAre("g"));
  EXPECT_FALSE(facts.wants_init);
}

TEST_F(TemplateFactsTest, WhatCannotBeReadIsSaidNotGuessed) {
  dir_.Write("src/a.pkr.hcl", R"(
build {
  name = "${local.n}"
  sources = ["source.null.x"]
}
build {
  sources = ["source.null.y"]
  post-processor "manifest" { output = "${path.root}/m.json" }
}
)");
  TemplateFacts facts = ReadTemplate(PlaceTemplate(dir_ / "src", ""));
  EXPECT_FALSE(facts.builds_known);
  EXPECT_FALSE(facts.manifests_known);
  dir_.Write("src/b.pkr.json", "{}");
  facts = ReadTemplate(PlaceTemplate(dir_ / "src", ""));
  EXPECT_FALSE(facts.custom_data_known) << ".pkr.json is not read";
  dir_.Write("bad/t.json", "{\"builders\": [");
  facts = ReadTemplate(PlaceTemplate(dir_ / "bad", "t.json"));
  EXPECT_FALSE(facts.builds_known);
  ASSERT_EQ(facts.problems.size(), 1u);
  EXPECT_THAT(facts.problems[0], HasSubstr("t.json"));
  dir_.Write("broken/x.pkr.hcl", "build {\n  sources = [\n");
  facts = ReadTemplate(PlaceTemplate(dir_ / "broken", ""));
  EXPECT_FALSE(facts.builds_known);
  EXPECT_THAT(facts.problems, Not(IsEmpty()));
}

TEST_F(TemplateFactsTest, AMissingOrWrongTemplateIsAnError) {
  dir_.Write("src/readme.md", "");
  dir_.Write("src/t.yaml", "");
  EXPECT_THAT(PlaceTemplate(dir_ / "src", "").error, HasSubstr("holds no .pkr.hcl or .pkr.json"));
  EXPECT_THAT(PlaceTemplate(dir_ / "src", "nope.pkr.hcl").error, HasSubstr("does not exist"));
  EXPECT_THAT(PlaceTemplate(dir_ / "src", "t.yaml").error,
              HasSubstr("neither a .pkr.hcl or .pkr.json file nor a legacy .json template"));
  dir_.Write("src/one.pkr.hcl", kHcl);
  const TemplatePlace file = PlaceTemplate(dir_ / "src", "one.pkr.hcl");
  EXPECT_EQ(file.error, "");
  EXPECT_EQ(file.kind, TemplateKind::kHclFile);
  EXPECT_EQ(ReadTemplate(file).builds.size(), 4u);
}

TEST(SelectBuildsTest, OnlyAndExceptMatchAsPackerDoes) {
  const std::vector<std::string> builds{"b.null.one", "b.null.two", "null.renamed"};
  EXPECT_THAT(SelectBuilds(builds, {}, {}, false), ElementsAre("b.null.one", "b.null.two", "null.renamed"));
  EXPECT_THAT(SelectBuilds(builds, {"b.null.one"}, {}, false), ElementsAre("b.null.one"));
  EXPECT_THAT(SelectBuilds(builds, {"*.one", "null.*"}, {}, false), ElementsAre("b.null.one", "null.renamed"));
  EXPECT_THAT(SelectBuilds(builds, {"null.one"}, {}, false), IsEmpty()) << "the whole name";
  EXPECT_THAT(SelectBuilds(builds, {}, {"b.*"}, false), ElementsAre("null.renamed"));
  EXPECT_THAT(SelectBuilds({"null", "second"}, {"sec*"}, {}, true), IsEmpty())
      << "a legacy template's names are exact (packer 1.6.6)";
  EXPECT_THAT(SelectBuilds({"null", "second"}, {}, {"null"}, true), ElementsAre("second"));
}

TEST(SelectBuildsTest, Globs) {
  EXPECT_TRUE(GlobMatches("*", ""));
  EXPECT_TRUE(GlobMatches("a*b*c", "axxbyyc"));
  EXPECT_TRUE(GlobMatches("a?c", "abc"));
  EXPECT_FALSE(GlobMatches("a?c", "ac"));
  EXPECT_FALSE(GlobMatches("a*b", "a.c"));
  EXPECT_TRUE(GlobMatches("**.x", "a.b.x"));
}

TEST_F(TemplateFactsTest, DiscoveryNeedsTheTemplateAndVarFilesAndProvidesOutsideManifests) {
  dir_.Write("p/images/main.pkr.hcl", kHcl);
  std::vector<SettingProblem> problems;
  const PackerSettings settings = ParseSettings(
      R"({"template": "images", "args": {"build": ["-var-file=../vars/gen.pkrvars.hcl"],
          "validate": ["-var-file", "/abs/v.json", "-var-file=../vars/gen.pkrvars.hcl"]}})",
      problems);
  ASSERT_THAT(problems, IsEmpty());
  const TemplatePlace place = PlaceTemplate(dir_ / "p", settings.template_path);
  const std::vector<NeededFile> needed = NeededFiles(dir_ / "p", settings, place);
  ASSERT_EQ(needed.size(), 3u);
  EXPECT_EQ(needed[0].key, "file:" + (dir_ / "p/images"));
  EXPECT_EQ(needed[0].reason, "template images");
  EXPECT_EQ(needed[1].key, "file:/abs/v.json");
  EXPECT_EQ(needed[1].path, "/abs/v.json");
  EXPECT_EQ(needed[2].path, dir_ / "p/vars/gen.pkrvars.hcl");
  EXPECT_EQ(needed[2].key, "file:" + (dir_ / "p/vars/gen.pkrvars.hcl"));
  EXPECT_EQ(needed[2].reason, "-var-file ../vars/gen.pkrvars.hcl in args.validate");

  TemplateFacts facts;
  facts.manifests = {"packer-manifest.json", "../../../../build/m.json", "/abs/m.json", "out/m.json"};
  const std::string workspace = "/proj/.gantry/workspaces/@run/image";
  EXPECT_THAT(ProvidedManifestKeys(workspace, workspace + "/images", facts),
              ElementsAre("file:/proj/.gantry/build/m.json", "file:/abs/m.json"));
}

}  // namespace
}  // namespace gantry::packer
