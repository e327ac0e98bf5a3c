#include "core/run/secrets_of.h"

#include <string>
#include <vector>

#include "core/stream/secret_set.h"
#include "gantry/host.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::run {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

TEST(SecretsOfTest, ASensitiveOutputIsASecret) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{"tok-123", GANTRY_OUTPUT_SENSITIVE}, secrets);
  EXPECT_THAT(secrets, ElementsAre("tok-123"));
}

TEST(SecretsOfTest, EveryStringLeafOfASensitiveJsonOutputIsASecret) {
  std::vector<std::string> secrets;
  const std::string value =
      R"({"user": "admin-x", "password": "p\"w", "port": 5432, "keys": ["k-1", {"k": "k-2"}]})";
  AppendSecretsOf(record::OutputValue{value, GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON}, secrets);
  const std::string compact =
      R"({"keys":["k-1",{"k":"k-2"}],"password":"p\"w","port":5432,"user":"admin-x"})";
  EXPECT_THAT(secrets, UnorderedElementsAre(value, compact, "admin-x", "p\"w", "k-1", "k-2"));

  // Printed alone (`jq -r .password`), a leaf is masked.
  stream::SecretSet set;
  set.Add(secrets);
  EXPECT_EQ(set.Snapshot()->Mask("password is p\"w\n"), "password is ***\n");
  EXPECT_EQ(set.Snapshot()->Mask(R"({"password":"p\"w"})"), R"({"password":"***"})");
}

// What a reference passes on: `${db.creds}` as a var is exported as nlohmann's compact
// JSON, with keys sorted, which is not the text the plugin set.
TEST(SecretsOfTest, AJsonOutputIsASecretAsAReferenceExportsIt) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{R"({"user": "admin", "password": "hunter2-xyz", "ports": [5432]})",
                                      GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON},
                  secrets);
  stream::SecretSet set;
  set.Add(secrets);
  EXPECT_EQ(set.Snapshot()->Mask(R"(C={"password":"hunter2-xyz","ports":[5432],"user":"admin"})"),
            "C=***");
}

// Terraform prints JSON pretty: its lines are braces and keys, which must not become
// secrets (each line of a multi-line secret is one) and mask every "{" of the run.
TEST(SecretsOfTest, APrettyPrintedJsonOutputIsNotSplitIntoLines) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{"{\n  \"password\": \"hunter2-xyz\",\n  \"port\": 5432\n}\n",
                                      GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON},
                  secrets);
  EXPECT_THAT(secrets, ElementsAre(R"({"password":"hunter2-xyz","port":5432})", "hunter2-xyz"));
  stream::SecretSet set;
  set.Add(secrets);
  EXPECT_EQ(set.Snapshot()->Mask("{\n  \"port\": 5432\n}"), "{\n  \"port\": 5432\n}");
}

// Every string, however short, is a secret, as any sensitive value is (an empty one is
// nothing); numbers, booleans and null are secrets only as part of the whole text.
TEST(SecretsOfTest, JsonLeavesFollowTheRuleOfEverySecret) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{R"({"a":"x","b":"","n":7,"t":true,"z":null})",
                                      GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON},
                  secrets);
  EXPECT_THAT(secrets, Contains("x"));
  EXPECT_THAT(secrets, AllOf(Not(Contains("7")), Not(Contains("true")), Not(Contains("null"))));
  stream::SecretSet set;
  set.Add(secrets);
  EXPECT_EQ(set.Snapshot()->Mask("x=7 true"), "***=7 true");
  std::vector<std::string> number;
  AppendSecretsOf(record::OutputValue{"5432", GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON}, number);
  set.Add(number);
  EXPECT_EQ(set.Snapshot()->Mask("port 5432"), "port ***") << "a number alone is its text";
}

TEST(SecretsOfTest, JsonTextThatDoesNotParseIsOneSecret) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{"{not json", GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON},
                  secrets);
  EXPECT_THAT(secrets, ElementsAre("{not json"));
  secrets.clear();
  AppendSecretsOf(record::OutputValue{R"({"a": "b-leaf"})", GANTRY_OUTPUT_SENSITIVE}, secrets);
  EXPECT_THAT(secrets, ElementsAre(R"({"a": "b-leaf"})")) << "not flagged JSON: text only";
}

TEST(SecretsOfTest, SensitiveVarsAsExportedAndTheirLeaves) {
  std::vector<std::string> secrets;
  AppendSecretsOf(nlohmann::json("plain-pw"), secrets);
  AppendSecretsOf(nlohmann::json(1234), secrets);
  AppendSecretsOf(nlohmann::json::parse(R"({"token": "tk-9"})"), secrets);
  EXPECT_THAT(secrets, ElementsAre("plain-pw", "1234", R"({"token":"tk-9"})", "tk-9"));
}

}  // namespace
}  // namespace gantry::run
