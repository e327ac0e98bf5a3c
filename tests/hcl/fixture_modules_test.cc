// Whole modules as users write them (testdata/): a network module, an app module reading
// the network's state, and the same app module in JSON.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hcl/module_reader.h"
#include "tests/hcl/hcl_test_support.h"

namespace gantry::terraform::hcl {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

const std::string kTestData = GANTRY_HCL_TESTDATA;

/// The block of `type` with `labels` among `blocks`, or (with a test failure) an empty one.
const Block& Find(const std::vector<Block>& blocks, std::string_view type,
                  const std::vector<std::string>& labels = {}) {
  static const Block kMissing;
  for (const Block& block : blocks) {
    if (block.type == type && block.labels == labels) return block;
  }
  ADD_FAILURE() << "no block " << type << " with " << labels.size() << " labels";
  return kMissing;
}

/// "file:line:col" with the file relative to testdata/.
std::string Place(const Location& where) {
  std::string text = ToString(where);
  return text.rfind(kTestData + "/", 0) == 0 ? text.substr(kTestData.size() + 1) : text;
}

class NetworkModuleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { module_ = new Module(ReadModule(kTestData + "/network")); }
  static void TearDownTestSuite() { delete module_; }
  static const Module* module_;
};
const Module* NetworkModuleTest::module_ = nullptr;

TEST_F(NetworkModuleTest, ReadsTheTopLevelFilesOnly) {
  EXPECT_THAT(module_->problems, IsEmpty()) << ProblemsText(module_->problems);
  const std::string dir = kTestData + "/network/";
  EXPECT_THAT(module_->files, ElementsAre(dir + "main.tf", dir + "outputs.tf", dir + "override.tf",
                                          dir + "variables.tf", dir + "versions.tf"));
  for (const Block& block : module_->blocks)
    EXPECT_NE(block.labels, std::vector<std::string>{"ignored"});
}

TEST_F(NetworkModuleTest, TerraformSettingsAndBackend) {
  const Block& terraform = Find(module_->blocks, "terraform");
  EXPECT_EQ(Place(terraform.where), "network/versions.tf:1:1");
  EXPECT_EQ(AttributeOf(terraform, "required_version").value, ">= 1.5.0");
  EXPECT_EQ(Place(AttributeOf(terraform, "required_version").where), "network/versions.tf:2:22");

  const Block& providers = Find(terraform.blocks, "required_providers");
  ASSERT_THAT(providers.attributes, SizeIs(2));
  const Expression& aws = AttributeOf(providers, "aws");
  ASSERT_EQ(aws.kind, ExprKind::kObject);
  EXPECT_EQ(ItemOf(aws, "source").value, "hashicorp/aws");
  EXPECT_EQ(ItemOf(aws, "version").value, "~> 5.40");
  EXPECT_EQ(ItemOf(AttributeOf(providers, "random"), "version").value, ">= 3.6");

  const Block& backend = Find(terraform.blocks, "backend", {"s3"});
  EXPECT_EQ(Place(backend.where), "network/versions.tf:15:3");
  EXPECT_EQ(AttributeOf(backend, "bucket").value, "acme-terraform-state");
  EXPECT_EQ(AttributeOf(backend, "key").value, "network/terraform.tfstate");
  EXPECT_EQ(AttributeOf(backend, "region").value, "eu-west-1");
  EXPECT_EQ(AttributeOf(backend, "dynamodb_table").value, "acme-terraform-locks");
  EXPECT_EQ(Place(AttributeOf(backend, "dynamodb_table").where), "network/versions.tf:19:22");
  EXPECT_EQ(AttributeOf(backend, "encrypt").kind, ExprKind::kBool);
}

TEST_F(NetworkModuleTest, ProvidersAndTheirOverride) {
  std::vector<const Block*> providers;
  for (const Block& block : module_->blocks) {
    if (block.type == "provider") providers.push_back(&block);
  }
  ASSERT_THAT(providers, SizeIs(2));
  EXPECT_TRUE(providers[0]->from_override);  // override.tf sorts before versions.tf
  EXPECT_EQ(AttributeOf(*providers[0], "region").value, "eu-central-1");
  EXPECT_FALSE(providers[1]->from_override);
  EXPECT_EQ(AttributeOf(*providers[1], "region").text, "var.region");
  EXPECT_EQ(AttributeOf(Find(providers[1]->blocks, "default_tags"), "tags").text,
            "local.common_tags");
}

TEST_F(NetworkModuleTest, VariablesWithValidationAndHeredocDescriptions) {
  const Block& cidr = Find(module_->blocks, "variable", {"vpc_cidr"});
  EXPECT_EQ(Place(cidr.where), "network/variables.tf:7:1");
  const Expression& description = AttributeOf(cidr, "description");
  EXPECT_EQ(description.kind, ExprKind::kString);
  EXPECT_EQ(description.value,
            "The CIDR block of the VPC.\n  Must be a private range (RFC 1918).\n");
  EXPECT_EQ(Place(description.where), "network/variables.tf:10:17");
  const Block& validation = Find(cidr.blocks, "validation");
  EXPECT_EQ(AttributeOf(validation, "condition").kind, ExprKind::kOther);
  EXPECT_EQ(AttributeOf(validation, "condition").text, "can(cidrhost(var.vpc_cidr, 0))");
  EXPECT_EQ(AttributeOf(validation, "error_message").value,
            "The vpc_cidr must be a valid IPv4 CIDR block, e.g. \"10.0.0.0/16\".");

  const Block& subnets = Find(module_->blocks, "variable", {"subnets"});
  EXPECT_EQ(AttributeOf(subnets, "description").value, "Subnets by name.\n");
  EXPECT_THAT(AttributeOf(subnets, "type").text, StartsWith("map(object({\n"));
  EXPECT_THAT(AttributeOf(Find(subnets.blocks, "validation"), "condition").text,
              StartsWith("alltrue([\n      for s in values(var.subnets)"));
  EXPECT_EQ(AttributeOf(Find(subnets.blocks, "validation"), "error_message").value,
            "Every subnet needs a valid CIDR.");

  const Expression& rules =
      AttributeOf(Find(module_->blocks, "variable", {"ingress_rules"}), "default");
  ASSERT_EQ(rules.kind, ExprKind::kTuple);
  ASSERT_THAT(rules.items, SizeIs(2));
  EXPECT_EQ(ItemOf(rules.items[1].second, "port").value, "22");
  EXPECT_EQ(ItemOf(rules.items[1].second, "cidr").value, "10.0.0.0/8");

  EXPECT_EQ(AttributeOf(Find(module_->blocks, "variable", {"db_password"}), "sensitive").value,
            "true");
}

TEST_F(NetworkModuleTest, ResourcesWithForEachAndDynamicBlocks) {
  const Block& subnet = Find(module_->blocks, "resource", {"aws_subnet", "this"});
  EXPECT_EQ(Place(subnet.where), "network/main.tf:16:1");
  EXPECT_EQ(AttributeOf(subnet, "for_each").text, "var.subnets");
  EXPECT_EQ(ItemOf(AttributeOf(subnet, "tags"), "Name").kind, ExprKind::kTemplate);
  EXPECT_EQ(ItemOf(AttributeOf(subnet, "tags"), "Name").value, "acme-${each.key}");

  const Block& sg = Find(module_->blocks, "resource", {"aws_security_group", "web"});
  const Block& ingress = Find(sg.blocks, "dynamic", {"ingress"});
  EXPECT_EQ(Place(ingress.where), "network/main.tf:33:3");
  EXPECT_EQ(AttributeOf(ingress, "iterator").text, "rule");
  const Block& content = Find(ingress.blocks, "content");
  EXPECT_EQ(AttributeOf(content, "protocol").value, "tcp");
  EXPECT_EQ(AttributeOf(content, "cidr_blocks").kind, ExprKind::kTuple);
  EXPECT_EQ(AttributeOf(Find(sg.blocks, "egress"), "protocol").value, "-1");
  const Block& lifecycle = Find(sg.blocks, "lifecycle");
  EXPECT_EQ(AttributeOf(lifecycle, "ignore_changes").items.at(0).second.text,
            "tags[\"CreatedAt\"]");

  const Block& flow_logs = Find(module_->blocks, "module", {"flow_logs"});
  EXPECT_EQ(AttributeOf(flow_logs, "source").value, "./modules/subnet");
  EXPECT_EQ(AttributeOf(flow_logs, "count").text, "var.region == \"eu-west-1\" ? 1 : 0");

  const Expression& public_subnets = AttributeOf(Find(module_->blocks, "locals"), "public_subnets");
  EXPECT_EQ(public_subnets.kind, ExprKind::kOther);
}

TEST_F(NetworkModuleTest, Outputs) {
  const Block& password = Find(module_->blocks, "output", {"db_password"});
  EXPECT_EQ(Place(password.where), "network/outputs.tf:10:1");
  EXPECT_EQ(AttributeOf(password, "sensitive").kind, ExprKind::kBool);
  EXPECT_EQ(AttributeOf(password, "sensitive").value, "true");
  EXPECT_EQ(Find(module_->blocks, "output", {"vpc_id"}).attribute("sensitive"), nullptr);
  EXPECT_EQ(AttributeOf(Find(module_->blocks, "output", {"subnet_ids"}), "value").text,
            "{ for name, subnet in aws_subnet.this : name => subnet.id }");
}

class AppModuleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    native_ = new Module(ReadModule(kTestData + "/app"));
    json_ = new Module(ReadModule(kTestData + "/app_json"));
  }
  static void TearDownTestSuite() {
    delete native_;
    delete json_;
  }
  static const Module* native_;
  static const Module* json_;
};
const Module* AppModuleTest::native_ = nullptr;
const Module* AppModuleTest::json_ = nullptr;

TEST_F(AppModuleTest, RemoteStateFromALocalFile) {
  EXPECT_THAT(native_->problems, IsEmpty()) << ProblemsText(native_->problems);
  const Block& net = Find(native_->blocks, "data", {"terraform_remote_state", "net"});
  EXPECT_EQ(Place(net.where), "app/main.tf:11:1");
  EXPECT_EQ(AttributeOf(net, "backend").value, "local");
  const Expression& config = AttributeOf(net, "config");
  ASSERT_EQ(config.kind, ExprKind::kObject);
  EXPECT_EQ(Place(config.where), "app/main.tf:13:12");
  const Expression& path = ItemOf(config, "path");
  EXPECT_EQ(path.kind, ExprKind::kTemplate);
  EXPECT_EQ(path.value, "${var.state_root}/network/terraform.tfstate");
  EXPECT_EQ(Place(path.where), "app/main.tf:14:12");
}

TEST_F(AppModuleTest, RemoteStateFromS3WithCommentsBetweenLabels) {
  const Block& shared = Find(native_->blocks, "data", {"terraform_remote_state", "shared"});
  EXPECT_EQ(Place(shared.where), "app/main.tf:18:1");
  EXPECT_EQ(AttributeOf(shared, "backend").value, "s3");
  const Expression& config = AttributeOf(shared, "config");
  ASSERT_THAT(config.items, SizeIs(3));
  EXPECT_EQ(ItemOf(config, "bucket").value, "b");
  EXPECT_EQ(ItemOf(config, "key").value, "net/terraform.tfstate");
  EXPECT_EQ(ItemOf(config, "region").value, "eu-west-1");
  EXPECT_EQ(Place(ItemOf(config, "region").where), "app/main.tf:23:14");
}

TEST_F(AppModuleTest, LocalsWithForExpressionsCommentsAndAPolicyHeredoc) {
  const Block& locals = Find(native_->blocks, "locals");
  EXPECT_EQ(Place(locals.where), "app/locals.tf:1:1");
  EXPECT_EQ(AttributeOf(locals, "rules").kind, ExprKind::kOther);
  EXPECT_THAT(AttributeOf(locals, "rules").text, StartsWith("flatten([\n    for service, ports"));
  EXPECT_EQ(AttributeOf(locals, "rules_by_key").kind, ExprKind::kOther);
  const Expression& settings = AttributeOf(locals, "settings");
  ASSERT_THAT(settings.items, SizeIs(3));
  EXPECT_EQ(ItemOf(settings, "retries").value, "3");
  EXPECT_EQ(ItemOf(settings, "log-level").value, "info");
  const Expression& prefix = AttributeOf(locals, "name_prefix");
  EXPECT_EQ(prefix.value, "acme-${var.env}");
  EXPECT_EQ(Place(prefix.where), "app/locals.tf:21:31");  // after the comment
  EXPECT_EQ(AttributeOf(locals, "escaped").value, "say \"hi\"\tthen ${not_a_ref}");
  const Expression& policy = AttributeOf(locals, "policy");
  EXPECT_EQ(policy.kind, ExprKind::kTemplate);
  EXPECT_EQ(policy.value, R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::${var.bucket}/*"
    }
  ]
}
)");
}

TEST_F(AppModuleTest, ResourceWithAFlushHeredocAndItsOwnBackend) {
  const Block& web = Find(native_->blocks, "resource", {"aws_instance", "web"});
  EXPECT_EQ(AttributeOf(web, "user_data").value,
            "#!/bin/bash\necho \"hello from ${var.name}\" > /etc/motd\n");
  EXPECT_EQ(AttributeOf(web, "subnet_id").text,
            "data.terraform_remote_state.net.outputs.subnet_ids[\"public-a\"]");
  const Block& backend = Find(Find(native_->blocks, "terraform").blocks, "backend", {"s3"});
  EXPECT_EQ(AttributeOf(backend, "key").value, "app/terraform.tfstate");
  EXPECT_EQ(AttributeOf(Find(native_->blocks, "output", {"web_ips"}), "value").text,
            "aws_instance.web[*].private_ip");
}

TEST_F(AppModuleTest, JsonTwinRemoteStatesAndPlaces) {
  EXPECT_THAT(json_->problems, IsEmpty()) << ProblemsText(json_->problems);
  const Block& net = Find(json_->blocks, "data", {"terraform_remote_state", "net"});
  EXPECT_EQ(Place(net.where), "app_json/main.tf.json:15:7");
  EXPECT_EQ(ItemOf(AttributeOf(net, "config"), "path").value,
            "${var.state_root}/network/terraform.tfstate");
  const Block& shared = Find(json_->blocks, "data", {"terraform_remote_state", "shared"});
  EXPECT_THAT(shared.attributes, SizeIs(2));  // the "//" comment is not one
  EXPECT_EQ(ItemOf(AttributeOf(shared, "config"), "key").value, "net/terraform.tfstate");
  const Block& backend = Find(Find(json_->blocks, "terraform").blocks, "backend", {"s3"});
  EXPECT_EQ(Place(backend.where), "app_json/main.tf.json:6:7");
  EXPECT_EQ(AttributeOf(Find(json_->blocks, "resource", {"aws_instance", "web"}), "count").kind,
            ExprKind::kTemplate);
}

/// What both syntaxes write the same way must read the same; native references and
/// calls (kOther) have no JSON twin of their kind, so they are not compared.
void ExpectSameLiteral(const Expression& native, const Expression& json, const std::string& path) {
  if (native.kind == ExprKind::kOther) return;
  EXPECT_EQ(native.kind, json.kind) << path;
  EXPECT_EQ(native.value, json.value) << path;
  ASSERT_EQ(native.items.size(), json.items.size()) << path;
  for (size_t i = 0; i < native.items.size(); ++i) {
    EXPECT_EQ(native.items[i].first, json.items[i].first) << path;
    ExpectSameLiteral(native.items[i].second, json.items[i].second,
                      path + "." + native.items[i].first);
  }
}

void ExpectSameBlock(const Block& native, const Block& json, const std::string& path) {
  EXPECT_EQ(native.type, json.type) << path;
  EXPECT_EQ(native.labels, json.labels) << path;
  ASSERT_EQ(native.attributes.size(), json.attributes.size()) << path;
  for (size_t i = 0; i < native.attributes.size(); ++i) {
    EXPECT_EQ(native.attributes[i].first, json.attributes[i].first) << path;
    ExpectSameLiteral(native.attributes[i].second, json.attributes[i].second,
                      path + "." + native.attributes[i].first);
  }
  ASSERT_EQ(native.blocks.size(), json.blocks.size()) << path;
  for (size_t i = 0; i < native.blocks.size(); ++i) {
    ExpectSameBlock(native.blocks[i], json.blocks[i], path + "/" + native.blocks[i].type);
  }
}

TEST_F(AppModuleTest, JsonTwinReadsLikeTheNativeModule) {
  ASSERT_EQ(native_->blocks.size(), json_->blocks.size());
  for (size_t i = 0; i < native_->blocks.size(); ++i) {
    ExpectSameBlock(native_->blocks[i], json_->blocks[i], native_->blocks[i].type);
  }
}

}  // namespace
}  // namespace gantry::terraform::hcl
