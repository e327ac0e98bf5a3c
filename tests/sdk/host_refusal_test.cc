// Every request the host refuses returns GANTRY_STATUS_FAILED and says why as a warning;
// output keys follow one rule, whichever plugin sets them.
#include <string>

#include "core/plugin/collecting_context.h"
#include "core/plugin/host_api.h"
#include "core/plugin/output_key.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sdk/recording_call_context.h"

namespace gantry::plugin {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(OutputKeyTest, TakesTheNamesTerraformAllowsForOutputs) {
  for (const char* key : {"url", "_private", "vpc_id", "subnet-ids", "A1", "x"})
    EXPECT_EQ(OutputKeyProblem(key), "") << key;
}

TEST(OutputKeyTest, RefusesWhatAReferenceCouldNotName) {
  for (const char* key : {"bad key!", "a.b", "1st", "-x", "a}b", "$x", "caf\xc3\xa9", "a=b"})
    EXPECT_THAT(OutputKeyProblem(key), HasSubstr("starts with a letter or '_'")) << key;
  EXPECT_THAT(OutputKeyProblem(""), HasSubstr("non-empty key"));
  EXPECT_EQ(OutputKeyProblem(std::string(kMaxOutputKeyLength, 'k')), "");
  EXPECT_THAT(OutputKeyProblem(std::string(kMaxOutputKeyLength + 1, 'k')),
              HasSubstr("at most 128"));
}

TEST(HostRefusalTest, ABadOutputKeyFailsTheCallAndIsLoggedAtWarn) {
  RecordingCallContext context;
  const OpenCall call(&context);
  EXPECT_EQ(HostApi()->set_output(call.get(), "bad key!", "v", 0), GANTRY_STATUS_FAILED);
  EXPECT_EQ(HostApi()->set_output(call.get(), "good", "v", 0), GANTRY_STATUS_OK);
  EXPECT_THAT(context.outputs(), ElementsAre(Pair("good", Field(&RecordingCallContext::Output::value, "v"))));
  EXPECT_THAT(context.logs(), ElementsAre(Pair(GANTRY_LOG_WARN, HasSubstr("'bad key!' is refused"))));
  EXPECT_THAT(context.errors(), IsEmpty());
}

TEST(HostRefusalTest, WhatAPhaseDoesNotTakeIsRefusedAsAWarning) {
  CollectingContext validate;
  const OpenCall call(&validate);
  EXPECT_EQ(HostApi()->set_output(call.get(), "early", "v", 0), GANTRY_STATUS_FAILED);
  EXPECT_EQ(HostApi()->write(call.get(), 7, "x", 1), GANTRY_STATUS_FAILED);
  EXPECT_EQ(HostApi()->add_dependency(call.get(), "", "why"), GANTRY_STATUS_FAILED);
  ASSERT_EQ(validate.diagnostics().size(), 3u);
  for (const PluginDiagnostic& d : validate.diagnostics())
    EXPECT_EQ(d.severity, GANTRY_DIAGNOSTIC_WARNING) << d.message;
  EXPECT_THAT(validate.diagnostics()[0].message, HasSubstr("outputs are set by execute only"));
  EXPECT_THAT(validate.diagnostics()[1].message, HasSubstr("unknown stream id 7"));
  EXPECT_THAT(validate.diagnostics()[2].message, HasSubstr("needs a component name"));
  EXPECT_THAT(validate.errors(), IsEmpty());
}

TEST(HostRefusalTest, KeysAreTakenByDiscoverOnly) {
  CollectingContext validate;
  const OpenCall during_validate(&validate);
  EXPECT_EQ(HostApi()->provide_key(during_validate.get(), "k"), GANTRY_STATUS_FAILED);
  EXPECT_EQ(HostApi()->need_key(during_validate.get(), "k", "why"), GANTRY_STATUS_FAILED);
  ASSERT_EQ(validate.diagnostics().size(), 2u);
  EXPECT_EQ(validate.diagnostics()[0].message, "provide_key('k') outside discover is refused");
  EXPECT_EQ(validate.diagnostics()[1].message, "need_key('k') outside discover is refused");
  EXPECT_THAT(validate.provided_keys(), IsEmpty());

  CollectingContext discover(CollectingContext::Pass::kDiscover);
  const OpenCall during_discover(&discover);
  EXPECT_EQ(HostApi()->provide_key(during_discover.get(), "k"), GANTRY_STATUS_OK);
  EXPECT_EQ(HostApi()->need_key(during_discover.get(), "n", nullptr), GANTRY_STATUS_OK);
  EXPECT_EQ(HostApi()->provide_key(during_discover.get(), ""), GANTRY_STATUS_FAILED);
  EXPECT_THAT(discover.provided_keys(), ElementsAre("k"));
  ASSERT_EQ(discover.needed_keys().size(), 1u);
  EXPECT_EQ(discover.needed_keys()[0].key, "n");
  EXPECT_EQ(discover.needed_keys()[0].reason, "");
  EXPECT_THAT(discover.diagnostics(), ElementsAre(Field(&PluginDiagnostic::message,
                                                        "provide_key: the key is empty")));
}

TEST(HostRefusalTest, FilesAreReportedByDiscoverOnly) {
  CollectingContext validate;
  const OpenCall during_validate(&validate);
  EXPECT_EQ(HostApi()->report_file(during_validate.get(), "../lib", "why"), GANTRY_STATUS_FAILED);
  ASSERT_EQ(validate.diagnostics().size(), 1u);
  EXPECT_EQ(validate.diagnostics()[0].severity, GANTRY_DIAGNOSTIC_WARNING);
  EXPECT_EQ(validate.diagnostics()[0].message, "report_file('../lib') outside discover is refused");
  EXPECT_THAT(validate.reported_files(), IsEmpty());

  CollectingContext discover(CollectingContext::Pass::kDiscover);
  const OpenCall during_discover(&discover);
  EXPECT_EQ(HostApi()->report_file(during_discover.get(), "../lib", "module ../lib"),
            GANTRY_STATUS_OK);
  EXPECT_EQ(HostApi()->report_file(during_discover.get(), "/abs/vars.json", nullptr),
            GANTRY_STATUS_OK);
  EXPECT_EQ(HostApi()->report_file(during_discover.get(), "", "empty"), GANTRY_STATUS_FAILED);
  EXPECT_EQ(HostApi()->report_file(during_discover.get(), nullptr, nullptr), GANTRY_STATUS_FAILED);
  ASSERT_EQ(discover.reported_files().size(), 2u);
  EXPECT_EQ(discover.reported_files()[0].path, "../lib");
  EXPECT_EQ(discover.reported_files()[0].reason, "module ../lib");
  EXPECT_EQ(discover.reported_files()[1].path, "/abs/vars.json");
  EXPECT_EQ(discover.reported_files()[1].reason, "");
  EXPECT_THAT(discover.diagnostics(),
              ElementsAre(Field(&PluginDiagnostic::message, "report_file: the path is empty"),
                          Field(&PluginDiagnostic::message, "report_file: the path is empty")));
}

TEST(HostRefusalTest, ChangesAreReportedByExecuteOnly) {
  CollectingContext discover;
  const OpenCall call(&discover);
  gantry_changes changes{};
  changes.struct_size = sizeof changes;
  changes.abi_version = GANTRY_ABI_VERSION;
  changes.has_changes = 1;
  EXPECT_EQ(HostApi()->report_changes(call.get(), &changes), GANTRY_STATUS_FAILED);
  ASSERT_EQ(discover.diagnostics().size(), 1u);
  EXPECT_EQ(discover.diagnostics()[0].severity, GANTRY_DIAGNOSTIC_WARNING);
  EXPECT_EQ(discover.diagnostics()[0].message, "report_changes outside execute is refused");
}

}  // namespace
}  // namespace gantry::plugin
