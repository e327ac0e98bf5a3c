// What the host takes from a plugin's recognize hook, through the C entry point.
#include "core/scaffold/recognizing_context.h"

#include "core/plugin/host_api.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::scaffold {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

gantry_proposal Raw(const char* type, const char* source = nullptr,
                    const char* settings = nullptr) {
  gantry_proposal raw{};
  raw.struct_size = sizeof raw;
  raw.abi_version = GANTRY_ABI_VERSION;
  raw.type = type;
  raw.source_dir = source;
  raw.settings_json = settings;
  raw.note = "a note\nin two lines";
  return raw;
}

class RecognizingContextTest : public ::testing::Test {
 protected:
  gantry_status Propose(const gantry_proposal& raw) {
    return plugin::HostApi()->propose_component(call_.get(), &raw);
  }
  std::string LastWarning() {
    const auto diagnostics = context_.diagnostics();
    return diagnostics.empty() ? "" : diagnostics.back().message;
  }
  RecognizingContext context_{"tf", {"terraform", "tofu"}, "/p/net"};
  plugin::OpenCall call_{&context_};
};

TEST_F(RecognizingContextTest, TakesAProposalOfItsTypesInsideTheDirectory) {
  EXPECT_EQ(Propose(Raw("terraform")), GANTRY_STATUS_OK);
  EXPECT_EQ(Propose(Raw("tofu", "/p/net/./eu/", R"({"workspace": "eu"})")), GANTRY_STATUS_OK);
  ASSERT_THAT(context_.proposals(), SizeIs(2));
  EXPECT_EQ(context_.proposals()[0].plugin, "tf");
  EXPECT_EQ(context_.proposals()[0].source_dir, "/p/net");
  EXPECT_EQ(context_.proposals()[0].note, "a note in two lines");
  EXPECT_EQ(context_.proposals()[1].source_dir, "/p/net/eu");
  EXPECT_EQ(context_.proposals()[1].settings, nlohmann::json({{"workspace", "eu"}}));
  EXPECT_THAT(context_.diagnostics(), IsEmpty());
}

TEST_F(RecognizingContextTest, RefusesWhatItCannotWriteAndSaysWhy) {
  EXPECT_EQ(Propose(Raw("packer")), GANTRY_STATUS_FAILED);
  EXPECT_THAT(LastWarning(), HasSubstr("'packer' is not one of its types (terraform, tofu)"));
  EXPECT_EQ(Propose(Raw("terraform", "/p/network")), GANTRY_STATUS_FAILED);
  EXPECT_THAT(LastWarning(), HasSubstr("/p/network is not inside /p/net"));
  EXPECT_EQ(Propose(Raw("terraform", "/p/net/../db")), GANTRY_STATUS_FAILED);
  EXPECT_EQ(Propose(Raw("terraform", nullptr, "[1]")), GANTRY_STATUS_FAILED);
  EXPECT_THAT(LastWarning(), HasSubstr("settings_json is not a JSON object"));
  EXPECT_EQ(Propose(Raw("")), GANTRY_STATUS_FAILED);
  gantry_proposal short_one = Raw("terraform");
  short_one.struct_size = offsetof(gantry_proposal, note);  // a struct without `note`
  EXPECT_EQ(Propose(short_one), GANTRY_STATUS_FAILED);
  EXPECT_EQ(plugin::HostApi()->propose_component(call_.get(), nullptr), GANTRY_STATUS_FAILED);
  EXPECT_THAT(context_.proposals(), IsEmpty());
  for (const plugin::PluginDiagnostic& d : context_.diagnostics())
    EXPECT_EQ(d.severity, GANTRY_DIAGNOSTIC_WARNING) << d.message;
}

TEST(ProposeOutsideRecognizeTest, IsRefused) {
  plugin::CollectingContext discover(plugin::CollectingContext::Pass::kDiscover);
  const plugin::OpenCall call(&discover);
  const gantry_proposal raw = Raw("terraform");
  EXPECT_EQ(plugin::HostApi()->propose_component(call.get(), &raw), GANTRY_STATUS_FAILED);
  ASSERT_THAT(discover.diagnostics(), SizeIs(1));
  EXPECT_THAT(discover.diagnostics()[0].message, HasSubstr("outside recognize is refused"));
}

}  // namespace
}  // namespace gantry::scaffold
