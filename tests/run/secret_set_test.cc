#include "core/run/secret_set.h"

#include <string>
#include <vector>

#include "gantry/host.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::run {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

TEST(SecretSetTest, SnapshotsGrowAndStayValid) {
  SecretSet set;
  const std::shared_ptr<const stream::SecretMasker> empty = set.Snapshot();
  EXPECT_TRUE(empty->empty());
  set.Add({"hunter2", "", "hunter2"});
  const std::shared_ptr<const stream::SecretMasker> one = set.Snapshot();
  EXPECT_EQ(one->Mask("pw=hunter2"), "pw=***");
  EXPECT_EQ(set.Snapshot(), one) << "no new secret, the same masker";
  EXPECT_TRUE(empty->empty()) << "an older snapshot is unchanged";
}

TEST(SecretSetTest, ASensitiveOutputIsASecret) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{"tok-123", GANTRY_OUTPUT_SENSITIVE}, secrets);
  EXPECT_THAT(secrets, ElementsAre("tok-123"));
}

TEST(SecretSetTest, EveryStringLeafOfASensitiveJsonOutputIsASecret) {
  std::vector<std::string> secrets;
  const std::string value =
      R"({"user": "admin-x", "password": "p\"w", "port": 5432, "keys": ["k-1", {"k": "k-2"}]})";
  AppendSecretsOf(record::OutputValue{value, GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON}, secrets);
  EXPECT_THAT(secrets, UnorderedElementsAre(value, "admin-x", "p\"w", "k-1", "k-2"));

  // Printed alone (`jq -r .password`), a leaf is masked.
  SecretSet set;
  set.Add(secrets);
  EXPECT_EQ(set.Snapshot()->Mask("password is p\"w\n"), "password is ***\n");
  EXPECT_EQ(set.Snapshot()->Mask(R"({"password":"p\"w"})"), R"({"password":"***"})");
}

TEST(SecretSetTest, JsonTextThatDoesNotParseIsOneSecret) {
  std::vector<std::string> secrets;
  AppendSecretsOf(record::OutputValue{"{not json", GANTRY_OUTPUT_SENSITIVE | GANTRY_OUTPUT_JSON},
                  secrets);
  EXPECT_THAT(secrets, ElementsAre("{not json"));
  secrets.clear();
  AppendSecretsOf(record::OutputValue{R"({"a": "b-leaf"})", GANTRY_OUTPUT_SENSITIVE}, secrets);
  EXPECT_THAT(secrets, ElementsAre(R"({"a": "b-leaf"})")) << "not flagged JSON: text only";
}

TEST(SecretSetTest, SensitiveVarsAsExportedAndTheirLeaves) {
  std::vector<std::string> secrets;
  AppendSecretsOf(nlohmann::json("plain-pw"), secrets);
  AppendSecretsOf(nlohmann::json(1234), secrets);
  AppendSecretsOf(nlohmann::json::parse(R"({"token": "tk-9"})"), secrets);
  EXPECT_THAT(secrets, ElementsAre("plain-pw", "1234", R"({"token":"tk-9"})", "tk-9"));
}

}  // namespace
}  // namespace gantry::run
