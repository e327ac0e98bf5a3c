#include "terraform/state_keys.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::terraform {
namespace {

using ::testing::HasSubstr;

KeyContext Context(const std::string& component = "app") {
  KeyContext context;
  context.project_dir = "/p";
  context.component = component;
  context.state_dir = "/p/.gantry/state/default/" + component;
  context.workspace = "default";
  context.string_vars = {{"bucket", "acme-state"}, {"root", "/shared/states"}};
  return context;
}

RemoteStateUse Use(const std::string& backend, std::map<std::string, ConfigValue> config) {
  return RemoteStateUse{"net", backend, std::move(config), "", "main.tf:3"};
}

TEST(StateKeysTest, GantrysOwnBackendProvidesTheStateDirectorysFile) {
  ModuleFacts facts;
  EXPECT_EQ(ProvidedKey(facts, Context("network")),
            "terraform.state:local:/p/.gantry/state/default/network/terraform.tfstate");
}

TEST(StateKeysTest, AReaderOfThatFileNeedsTheSameKey) {
  std::string why;
  // From the workspace (.gantry/workspaces/<run>/app) three levels up is .gantry.
  const auto relative = NeededKey(
      Use("local", {{"path", {"../../../state/default/network/terraform.tfstate", false}}}),
      Context(), why);
  EXPECT_EQ(relative, "terraform.state:local:/p/.gantry/state/default/network/terraform.tfstate");
  const auto absolute = NeededKey(
      Use("local", {{"path", {"/p/.gantry/state/default/network/terraform.tfstate", false}}}),
      Context(), why);
  EXPECT_EQ(absolute, relative);
  const auto other_workspace = NeededKey(
      Use("local", {{"path", {"/p/.gantry/state/dev/network/terraform.tfstate.d/dev/terraform.tfstate",
                              false}}}),
      Context(), why);
  EXPECT_EQ(other_workspace, "terraform.state:local:/p/.gantry/state/dev/network/terraform.tfstate");
}

TEST(StateKeysTest, RemoteBackendsMatchOnWhereTheStateIsStored) {
  std::string why;
  ModuleFacts writer;
  writer.has_backend = true;
  writer.backend_type = "s3";
  writer.backend_config = {{"bucket", {"acme-state", false}}, {"key", {"net/terraform.tfstate", false}},
                           {"region", {"eu-west-1", false}}};
  const auto provided = ProvidedKey(writer, Context("network"));
  EXPECT_EQ(provided, "terraform.state:s3:acme-state/net/terraform.tfstate");
  const auto needed = NeededKey(
      Use("s3", {{"bucket", {"${var.bucket}", true}}, {"key", {"net/terraform.tfstate", false}}}),
      Context(), why);
  EXPECT_EQ(needed, provided);
  writer.backend_type = "gcs";
  writer.backend_config = {{"bucket", {"b", false}}, {"prefix", {"net", false}}};
  EXPECT_EQ(ProvidedKey(writer, Context()), "terraform.state:gcs:b/net");
  writer.backend_type = "azurerm";
  writer.backend_config = {{"storage_account_name", {"acct", false}},
                           {"container_name", {"tfstate", false}}, {"key", {"net.tfstate", false}}};
  EXPECT_EQ(ProvidedKey(writer, Context()), "terraform.state:azurerm:acct/tfstate/net.tfstate");
}

TEST(StateKeysTest, KnownReferencesAreSubstitutedOthersLeaveNoKey) {
  std::string why;
  EXPECT_EQ(NeededKey(Use("local", {{"path", {"${var.root}/${terraform.workspace}/net.tfstate", true}}}),
                      Context(), why),
            "terraform.state:local:/shared/states/default/net.tfstate");
  EXPECT_EQ(NeededKey(Use("local", {{"path", {"${path.module}/../net/terraform.tfstate", true}}}),
                      Context(), why),
            "terraform.state:local:/p/.gantry/workspaces/@run/net/terraform.tfstate");
  EXPECT_FALSE(NeededKey(Use("s3", {{"bucket", {"${local.bucket}", true}}, {"key", {"k", false}}}),
                         Context(), why));
  EXPECT_THAT(why, HasSubstr("bucket is computed (${local.bucket})"));
  EXPECT_FALSE(NeededKey(Use("s3", {{"bucket", {"b", false}}}), Context(), why));
  EXPECT_THAT(why, HasSubstr("no key"));
  EXPECT_FALSE(NeededKey(Use("consul", {{"path", {"x", false}}}), Context(), why));
  EXPECT_THAT(why, HasSubstr("'consul' is not one gantry matches"));
}

TEST(StateKeysTest, NormalizePathResolvesDotsTextually) {
  EXPECT_EQ(NormalizePath("a/./b/../c", "/base"), "/base/a/c");
  EXPECT_EQ(NormalizePath("/x//y/", "/base"), "/x/y");
  EXPECT_EQ(NormalizePath("../../../..", "/a/b"), "/");
}

}  // namespace
}  // namespace gantry::terraform
