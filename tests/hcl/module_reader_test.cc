// Reading a module directory: which files, in which order, overrides and errors.
#include "hcl/module_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hcl/hcl_test_support.h"
#include "tests/testing/temp_dir.h"

namespace gantry::terraform::hcl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

TEST(ModuleReaderTest, ReadsTfAndTfJsonFilesSortedByName) {
  gantry::testing::TempDir dir;
  dir.Write("b.tf", "variable \"b\" {}\n");
  dir.Write("a.tf.json", R"({"variable": {"a": {}}})");
  dir.Write("c.tf", "variable \"c\" {}\n");
  dir.Write("notes.txt", "variable \"no\" {}\n");
  dir.Write("x.tf.yaml", "");
  const Module module = ReadModule(dir.path());
  EXPECT_THAT(module.problems, IsEmpty()) << ProblemsText(module.problems);
  EXPECT_THAT(module.files, ElementsAre(dir / "a.tf.json", dir / "b.tf", dir / "c.tf"));
  ASSERT_THAT(module.blocks, SizeIs(3));
  EXPECT_THAT(module.blocks[0].labels, ElementsAre("a"));
  EXPECT_EQ(module.blocks[1].where.file, dir / "b.tf");
  EXPECT_THAT(module.blocks[2].labels, ElementsAre("c"));
}

TEST(ModuleReaderTest, SkipsSubdirectoriesHiddenAndEditorFiles) {
  gantry::testing::TempDir dir;
  dir.Write("main.tf", "locals {}\n");
  dir.Write("modules/child/main.tf", "variable \"child\" {}\n");
  dir.Write(".hidden.tf", "variable \"hidden\" {}\n");
  dir.Write("main.tf~", "variable \"backup\" {}\n");
  dir.Write("#main.tf#", "variable \"lock\" {}\n");
  std::filesystem::create_directory(dir / "dir.tf");
  const Module module = ReadModule(dir.path());
  EXPECT_THAT(module.files, ElementsAre(dir / "main.tf"));
  EXPECT_THAT(module.blocks, SizeIs(1));
  EXPECT_THAT(module.problems, IsEmpty());
}

TEST(ModuleReaderTest, MarksBlocksOfOverrideFiles) {
  gantry::testing::TempDir dir;
  dir.Write("main.tf", "provider \"aws\" {}\n");
  dir.Write("override.tf", "provider \"aws\" {}\n");
  dir.Write("region_override.tf.json", R"({"provider": {"aws": {}}})");
  dir.Write("overrides.tf", "provider \"aws\" {}\n");
  const Module module = ReadModule(dir.path());
  ASSERT_THAT(module.blocks, SizeIs(4));
  // Sorted: main.tf, override.tf, overrides.tf, region_override.tf.json.
  EXPECT_FALSE(module.blocks[0].from_override);
  EXPECT_TRUE(module.blocks[1].from_override);
  EXPECT_FALSE(module.blocks[2].from_override);
  EXPECT_TRUE(module.blocks[3].from_override);
}

TEST(ModuleReaderTest, CollectsEveryFilesProblems) {
  gantry::testing::TempDir dir;
  dir.Write("a.tf", "variable \"a\" {\n");
  dir.Write("b.tf.json", "{");
  dir.Write("c.tf", "stray = 1\nlocals {}\n");
  dir.Write("d.tf.json", R"({"bogus": 1})");
  const Module module = ReadModule(dir.path());
  ASSERT_THAT(module.problems, SizeIs(4)) << ProblemsText(module.problems);
  EXPECT_EQ(module.problems[0].where.file, dir / "a.tf");
  EXPECT_THAT(module.problems[0].message, HasSubstr("never closed"));
  EXPECT_EQ(module.problems[1].where.file, dir / "b.tf.json");
  EXPECT_EQ(ToString(module.problems[2].where), dir / "c.tf" + ":1:9");
  EXPECT_THAT(module.problems[2].message, HasSubstr("outside any block"));
  EXPECT_THAT(module.problems[3].message, HasSubstr("'bogus' is not a Terraform block type"));
  EXPECT_THAT(module.blocks, SizeIs(2));  // variable "a" (unclosed) and locals
}

TEST(ModuleReaderTest, AMissingDirectoryIsAProblem) {
  const Module module = ReadModule("/nonexistent/gantry/module");
  ASSERT_THAT(module.problems, SizeIs(1));
  EXPECT_EQ(module.problems[0].where.file, "/nonexistent/gantry/module");
  EXPECT_EQ(module.problems[0].where.line, 0);
  EXPECT_THAT(module.problems[0].message, HasSubstr("cannot read the module directory"));
  EXPECT_THAT(module.files, IsEmpty());
}

TEST(ModuleReaderTest, AnUnreadableFileIsAProblem) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  gantry::testing::TempDir dir;
  const std::string path = dir.Write("secret.tf", "locals {}\n");
  ::chmod(path.c_str(), 0);
  const Module module = ReadModule(dir.path());
  ASSERT_THAT(module.problems, SizeIs(1));
  EXPECT_EQ(module.problems[0].where.file, path);
  EXPECT_THAT(module.problems[0].message, HasSubstr("cannot read the file"));
}

TEST(ModuleReaderTest, NamesTerraformReadsAndOverrides) {
  EXPECT_TRUE(IsConfigurationFile("main.tf"));
  EXPECT_TRUE(IsConfigurationFile("main.tf.json"));
  EXPECT_FALSE(IsConfigurationFile("main.tfvars"));
  EXPECT_FALSE(IsConfigurationFile("tf"));
  EXPECT_FALSE(IsConfigurationFile(".tf"));
  EXPECT_TRUE(IsOverrideFile("override.tf"));
  EXPECT_TRUE(IsOverrideFile("override.tf.json"));
  EXPECT_TRUE(IsOverrideFile("x_override.tf"));
  EXPECT_FALSE(IsOverrideFile("xoverride.tf"));
  EXPECT_FALSE(IsOverrideFile("override_x.tf"));
}

}  // namespace
}  // namespace gantry::terraform::hcl
