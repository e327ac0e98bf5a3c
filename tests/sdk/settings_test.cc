// gantry/settings.hpp: typed reads by dotted path, fallbacks, and SettingError carrying the
// setting's path and a message in the configuration file's words.
#include "gantry/settings.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

const char* const kSettings = R"({
  "name": "vpc",
  "enabled": true,
  "retries": 3,
  "whole": 4.0,
  "ratio": 0.5,
  "nothing": null,
  "commands": {"apply": ["./apply.sh", "--yes"], "plan": "./plan.sh", "bad": 1.5,
               "mixed": ["ok", 7]},
  "env": {"B": "2", "A": "1"},
  "a.b": "literal dotted key",
  "deep": {"er": {"est": 42}}
})";

// The SettingError `read` throws; fails the test when it throws none.
SettingError ErrorOf(const std::function<void()>& read) {
  try {
    read();
  } catch (const SettingError& error) {
    return error;
  }
  ADD_FAILURE() << "no SettingError";
  return SettingError("", "");
}

TEST(SettingsTest, ReadsTypedValues) {
  const Settings settings(kSettings);
  EXPECT_EQ(settings.String("name"), "vpc");
  EXPECT_TRUE(settings.Bool("enabled", false));
  EXPECT_EQ(settings.Int("retries", 0), 3);
  EXPECT_EQ(settings.Int("whole", 0), 4);  // An integral number counts as an integer.
  EXPECT_DOUBLE_EQ(settings.Number("ratio", 0), 0.5);
  EXPECT_DOUBLE_EQ(settings.Number("retries", 0), 3.0);
  EXPECT_EQ(settings.Int("deep.er.est", 0), 42);
  EXPECT_THAT(settings.Strings("commands.apply"), ElementsAre("./apply.sh", "--yes"));
  EXPECT_THAT(settings.Strings("commands.plan"), ElementsAre("./plan.sh"));
  EXPECT_THAT(settings.StringMap("env"), ElementsAre(Pair("A", "1"), Pair("B", "2")));
}

TEST(SettingsTest, AbsentAndNullGiveFallbacks) {
  const Settings settings(kSettings);
  EXPECT_EQ(settings.String("missing"), "");
  EXPECT_EQ(settings.String("missing", "dflt"), "dflt");
  EXPECT_EQ(settings.String("nothing", "dflt"), "dflt");
  EXPECT_FALSE(settings.Bool("missing", false));
  EXPECT_TRUE(settings.Bool("nothing", true));
  EXPECT_EQ(settings.Int("missing", -5), -5);
  EXPECT_DOUBLE_EQ(settings.Number("missing", 1.5), 1.5);
  EXPECT_THAT(settings.Strings("commands.destroy"), IsEmpty());
  EXPECT_THAT(settings.StringMap("labels"), IsEmpty());
  EXPECT_EQ(settings.String("commands.missing.deeper", "x"), "x");
  EXPECT_EQ(settings.String("missing.deeper", "x"), "x");
}

TEST(SettingsTest, GetHasAndGetKey) {
  const Settings settings(kSettings);
  ASSERT_NE(settings.Get("commands.apply"), nullptr);
  EXPECT_EQ(settings.Get("commands.apply")->size(), 2u);
  EXPECT_EQ(settings.Get("deep.er.est")->as_int(), 42);
  EXPECT_EQ(settings.Get("commands.nope"), nullptr);
  EXPECT_EQ(settings.Get("name.sub"), nullptr);  // Not a table: absent, no exception.
  EXPECT_EQ(settings.Get("a.b"), nullptr);       // Dots separate levels...
  ASSERT_NE(settings.GetKey("a.b"), nullptr);    // ...GetKey takes the key as it is.
  EXPECT_EQ(settings.GetKey("a.b")->as_string(), "literal dotted key");
  EXPECT_TRUE(settings.Get("nothing")->is_null());
  EXPECT_TRUE(settings.Has("commands.plan"));
  EXPECT_TRUE(settings.Has("commands"));
  EXPECT_FALSE(settings.Has("nothing"));
  EXPECT_FALSE(settings.Has("commands.destroy"));
  EXPECT_TRUE(settings.root().is_object());
}

TEST(SettingsTest, EmptyTextIsNoSettings) {
  for (const char* text : {"", "  \n\t", "{}"}) {
    const Settings settings(text);
    EXPECT_FALSE(settings.Has("anything")) << text;
    EXPECT_EQ(settings.String("name", "dflt"), "dflt") << text;
    EXPECT_EQ(settings.root().size(), 0u) << text;
  }
  EXPECT_EQ(Settings().String("x", "y"), "y");
}

TEST(SettingsTest, BadTextIsAParseErrorAndNonObjectsASettingError) {
  EXPECT_THROW(Settings("{"), json::ParseError);
  EXPECT_THROW(Settings(R"({"a":1,})"), json::ParseError);
  const SettingError list = ErrorOf([] { Settings("[1]"); });
  EXPECT_EQ(list.path(), "");
  EXPECT_EQ(list.message(), "settings must be a table, found a list");
  EXPECT_STREQ(list.what(), "settings must be a table, found a list");
  EXPECT_EQ(ErrorOf([] { Settings("\"s\""); }).message(),
            "settings must be a table, found a string");
  EXPECT_EQ(ErrorOf([] { Settings::FromValue(json::Value(3)); }).message(),
            "settings must be a table, found an integer");
  EXPECT_EQ(Settings::FromValue(json::Parse(R"({"k":"v"})")).String("k"), "v");
}

TEST(SettingsTest, MismatchesNameThePathAndWhatWasFound) {
  const Settings settings(kSettings);
  const SettingError strings = ErrorOf([&] { settings.Strings("commands.bad"); });
  EXPECT_EQ(strings.path(), "commands.bad");
  EXPECT_EQ(strings.message(), "must be a string or a list of strings, found a number");
  EXPECT_STREQ(strings.what(),
               "commands.bad must be a string or a list of strings, found a number");

  const SettingError mixed = ErrorOf([&] { settings.Strings("commands.mixed"); });
  EXPECT_EQ(mixed.path(), "commands.mixed");
  EXPECT_EQ(mixed.message(),
            "must be a string or a list of strings, found an integer at index 1");

  struct Case {
    std::function<void()> read;
    std::string path;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[&] { settings.String("retries"); }, "retries", "must be a string, found an integer"},
      {[&] { settings.String("commands"); }, "commands", "must be a string, found a table"},
      {[&] { settings.String("commands.apply"); }, "commands.apply",
       "must be a string, found a list"},
      {[&] { settings.Bool("name", false); }, "name", "must be true or false, found a string"},
      {[&] { settings.Int("ratio", 0); }, "ratio",
       "must be an integer, found a fractional number"},
      {[&] { settings.Int("name", 0); }, "name", "must be an integer, found a string"},
      {[&] { settings.Int("enabled", 0); }, "enabled", "must be an integer, found a boolean"},
      {[&] { settings.Number("env", 0); }, "env", "must be a number, found a table"},
      {[&] { settings.StringMap("commands"); }, "commands",
       "must be a table of strings, found a list at key \"apply\""},
      {[&] { settings.StringMap("name"); }, "name", "must be a table of strings, found a string"},
      // A non-table on the way is reported at that step, where the fix belongs.
      {[&] { settings.Strings("name.apply"); }, "name", "must be a table, found a string"},
      {[&] { settings.Int("deep.er.est.x", 0); }, "deep.er.est",
       "must be a table, found an integer"},
  };
  for (const Case& c : cases) {
    const SettingError error = ErrorOf(c.read);
    EXPECT_EQ(error.path(), c.path);
    EXPECT_EQ(error.message(), c.message) << c.path;
    EXPECT_EQ(std::string(error.what()), c.path + " " + c.message);
  }
}

TEST(SettingsTest, IntRange) {
  const Settings settings(R"({"big": 1e19, "min": -9223372036854775808, "neg": -2.0})");
  EXPECT_EQ(ErrorOf([&] { settings.Int("big", 0); }).message(),
            "must be an integer, found a number too large");
  EXPECT_EQ(settings.Int("min", 0), INT64_MIN);
  EXPECT_EQ(settings.Int("neg", 0), -2);
}

}  // namespace
}  // namespace gantry
