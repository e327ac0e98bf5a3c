// The host refuses every kind of bad plugin file with a message naming the file and the
// reason, and a registry keeps loading the good plugins when some fail.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/plugin/plugin_loader.h"
#include "core/plugin/plugin_registry.h"
#include "core/plugin/private_group.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/temp_plugin_dir.h"
#include "tests/testing/build_paths.h"

namespace gantry::plugin {
namespace {

using ::testing::AllOf;
using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class SdkRefusalTest : public ::testing::Test {
 protected:
  // Loads a copy of `fixture` from a private directory; expects a refusal and returns
  // its message, which must name the copied file.
  std::string RefusalOf(const std::string& fixture, mode_t mode = 0755) {
    const std::string path = dir_.Add(fixture, "", mode);
    absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded = LoadPlugin(path);
    EXPECT_FALSE(loaded.ok()) << path << " loaded but should have been refused";
    if (loaded.ok()) return "";
    const std::string message(loaded.status().message());
    EXPECT_THAT(message, HasSubstr(path));
    return message;
  }

  TempPluginDir dir_;
};

TEST_F(SdkRefusalTest, TextFileIsNotASharedLibrary) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_NOT_A_LIBRARY, 0644),
              AnyOf(HasSubstr("not a shared library"), HasSubstr("cannot be loaded")));
}

TEST_F(SdkRefusalTest, LibraryWithoutEntrySymbol) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_NO_ENTRY),
              AllOf(HasSubstr("entry symbol"), HasSubstr("gantry_plugin_entry")));
}

TEST_F(SdkRefusalTest, AbiVersionOutsideHostRange) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_ABI99), AllOf(HasSubstr("ABI"), HasSubstr("99")));
}

TEST_F(SdkRefusalTest, EntryReturningNull) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_NULL_ENTRY), HasSubstr("returned NULL"));
}

TEST_F(SdkRefusalTest, MalformedOutputsDeclaration) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_BAD_OUTPUTS),
              HasSubstr("its output 'id' is declared twice; fix the plugin's outputs declaration"));
}

TEST_F(SdkRefusalTest, MissingFile) {
  const std::string path = dir_.path() + "/missing.so";
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded = LoadPlugin(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()), HasSubstr(path));
}

TEST_F(SdkRefusalTest, GroupWritableFile) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_C_PLUGIN, 0666), HasSubstr("writable by group or others"));
}

TEST_F(SdkRefusalTest, OthersWritableFile) {
  EXPECT_THAT(RefusalOf(GANTRY_FIXTURE_C_PLUGIN, 0757), HasSubstr("writable by group or others"));
}

TEST(PrivateGroupTest, GroupWriteIsOnlyFineInTheOwnersPrivateGroup) {
  const auto private_to_7 = [](uid_t uid, gid_t gid) { return uid == 7 && gid == 70; };
  EXPECT_EQ(WritableByOthers(0755, 7, 70, 7, private_to_7), "");
  EXPECT_EQ(WritableByOthers(0775, 7, 70, 7, private_to_7), "");
  EXPECT_EQ(WritableByOthers(0757, 7, 70, 7, private_to_7), "writable by others");
  EXPECT_EQ(WritableByOthers(0777, 7, 70, 7, private_to_7), "writable by others");
  // Someone else's file, or a group shared with others: refused.
  EXPECT_THAT(WritableByOthers(0775, 8, 70, 7, private_to_7), HasSubstr("not yours alone"));
  EXPECT_THAT(WritableByOthers(0775, 7, 71, 7, private_to_7), HasSubstr("not yours alone"));
}

TEST_F(SdkRefusalTest, AGroupWritableBuildOfOnesOwnPrivateGroupLoads) {
  // A developer building under umask 002 (user-private groups) loads from the build dir.
  if (!IsUserPrivateGroup(::geteuid(), ::getegid()))
    GTEST_SKIP() << "this user's primary group is shared or not named after the user, so "
                    "a group-writable plugin is refused here (the case tested below)";
  const std::string path = dir_.Add(GANTRY_FIXTURE_C_PLUGIN, "", 0775);
  dir_.Chmod(0775);
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded = LoadPlugin(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
}

TEST_F(SdkRefusalTest, AGroupWritablePluginOfASharedGroupIsRefused) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give the file another group";
  const std::string path = dir_.Add(GANTRY_FIXTURE_C_PLUGIN, "", 0775);
  ASSERT_EQ(::chown(path.c_str(), 0, 100), 0);  // group "users" (gid 100), not root's own
  ASSERT_EQ(::chmod(path.c_str(), 0775), 0);
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded = LoadPlugin(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()),
              HasSubstr("the file is writable by its group, which is not yours alone"));
}

TEST_F(SdkRefusalTest, WorldWritableDirectory) {
  const std::string path = dir_.Add(GANTRY_FIXTURE_C_PLUGIN);
  dir_.Chmod(0777);
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded = LoadPlugin(path);
  ASSERT_FALSE(loaded.ok()) << "loaded from a world-writable directory";
  EXPECT_THAT(std::string(loaded.status().message()),
              AllOf(HasSubstr(dir_.path()), HasSubstr("writable by group or others")));
}

TEST_F(SdkRefusalTest, SafeCopyOfTheSamePluginLoads) {
  // The control for the permission cases: the same file with safe modes loads.
  absl::StatusOr<std::unique_ptr<LoadedPlugin>> loaded =
      LoadPlugin(dir_.Add(GANTRY_FIXTURE_C_PLUGIN));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ((*loaded)->name(), "c-echo");
}

TEST_F(SdkRefusalTest, SecondPluginClaimingATypeIsRefused) {
  const std::string a = dir_.Add(GANTRY_FIXTURE_DUP_A);
  const std::string b = dir_.Add(GANTRY_FIXTURE_DUP_B);
  PluginRegistry registry;
  registry.AddFile(a);
  registry.AddFile(b);
  ASSERT_THAT(registry.plugins(), SizeIs(1));
  ASSERT_NE(registry.ForType("dup"), nullptr);
  EXPECT_EQ(registry.ForType("dup")->name(), "dup-a");
  ASSERT_THAT(registry.errors(), SizeIs(1));
  EXPECT_EQ(registry.errors()[0].path, b);
  EXPECT_THAT(registry.errors()[0].message,
              AllOf(HasSubstr("already provided by"), HasSubstr("dup")));
}

// Returns the error recorded for the file named `name`, or nullptr.
const LoadError* ErrorFor(const PluginRegistry& registry, const std::string& name) {
  for (const LoadError& error : registry.errors()) {
    if (error.path.size() >= name.size() &&
        error.path.compare(error.path.size() - name.size(), name.size(), name) == 0) {
      return &error;
    }
  }
  return nullptr;
}

TEST_F(SdkRefusalTest, RegistryKeepsLoadingAfterFailures) {
  dir_.Add(GANTRY_FIXTURE_NOT_A_LIBRARY, "", 0644);
  dir_.Add(GANTRY_FIXTURE_NO_ENTRY);
  dir_.Add(GANTRY_FIXTURE_ABI99);
  dir_.Add(GANTRY_FIXTURE_NULL_ENTRY);
  dir_.Add(GANTRY_FIXTURE_C_PLUGIN);
  dir_.Add(GANTRY_FIXTURE_OLD_SDK);
  dir_.Add(GANTRY_FIXTURE_C_PLUGIN, "unsafe.so", 0666);
  TempPluginDir missing;  // a directory that no longer exists is skipped
  const std::string gone = missing.path() + "/gone";

  std::unique_ptr<PluginRegistry> registry = PluginRegistry::Load({gone, dir_.path()});
  ASSERT_NE(registry, nullptr);

  std::vector<std::string> names;
  for (const auto& plugin : registry->plugins()) names.push_back(plugin->name());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"c-echo", "old-sdk"}));
  ASSERT_NE(registry->ForType("c-echo"), nullptr);
  EXPECT_EQ(registry->ForType("c-echo")->path(), dir_.path() + "/c_plugin.so");
  EXPECT_NE(registry->ForType("old-sdk"), nullptr);
  EXPECT_EQ(registry->ForType("abi99"), nullptr);

  EXPECT_THAT(registry->errors(), SizeIs(5));
  struct Expected {
    const char* file;
    const char* reason;
  };
  for (const Expected& expected : {Expected{"not-a-library.so", ""},
                                   Expected{"no_entry.so", "entry symbol"},
                                   Expected{"abi99.so", "ABI"},
                                   Expected{"null_entry.so", "returned NULL"},
                                   Expected{"unsafe.so", "writable by group or others"}}) {
    const LoadError* error = ErrorFor(*registry, std::string("/") + expected.file);
    ASSERT_NE(error, nullptr) << "no error recorded for " << expected.file;
    EXPECT_EQ(error->path, dir_.path() + "/" + expected.file);
    EXPECT_THAT(error->message, HasSubstr(expected.reason));
  }
  EXPECT_THAT(ErrorFor(*registry, "/not-a-library.so")->message,
              AnyOf(HasSubstr("not a shared library"), HasSubstr("cannot be loaded")));
}

TEST_F(SdkRefusalTest, RegistryOfAnEmptyDirectoryHasNoErrors) {
  std::unique_ptr<PluginRegistry> registry = PluginRegistry::Load({dir_.path()});
  ASSERT_NE(registry, nullptr);
  EXPECT_THAT(registry->plugins(), IsEmpty());
  EXPECT_THAT(registry->errors(), IsEmpty());
}

}  // namespace
}  // namespace gantry::plugin
