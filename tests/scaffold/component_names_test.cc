#include "core/scaffold/component_names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::scaffold {
namespace {

using ::testing::ElementsAre;

Proposal At(const std::string& source, const std::string& type = "terraform",
            const std::string& name = "") {
  Proposal proposal;
  proposal.type = type;
  proposal.source_dir = source;
  proposal.name = name;
  return proposal;
}

TEST(ComponentNamesTest, NamesComponentsAfterTheirPathUnderTheRoot) {
  EXPECT_THAT(NameComponents({At("/p/infra/network/vpc"), At("/p/infra/db"), At("/p/infra")},
                             "/p/infra"),
              ElementsAre("network/vpc", "db", "infra"));
}

TEST(ComponentNamesTest, APluginsNameWins) {
  EXPECT_THAT(NameComponents({At("/p/x", "packer", "base-image")}, "/p"),
              ElementsAre("base-image"));
}

TEST(ComponentNamesTest, NamesTakenTwiceAreToldApart) {
  EXPECT_THAT(NameComponents({At("/p/app", "terraform"), At("/p/app", "ansible"),
                              At("/p/app", "ansible"), At("/p/app", "ansible")},
                             "/p"),
              ElementsAre("app", "app-ansible", "app-2", "app-3"));
}

TEST(ComponentNamesTest, CharactersANameCannotHoldBecomeDashes) {
  EXPECT_THAT(NameComponents({At("/p/my app/v1 (old)"), At("/p/x", "t", "../../etc")}, "/p"),
              ElementsAre("my-app/v1--old-", "etc"));
}

}  // namespace
}  // namespace gantry::scaffold
