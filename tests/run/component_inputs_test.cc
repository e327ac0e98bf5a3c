// A component's inputs alone: references replaced in vars and in the settings declared
// as holding them, problems said together, and the secrets the inputs carry.
#include "core/run/component_inputs.h"

#include "gantry/abi.h"
#include "gantry/schema.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/run/fake_plugin.h"

namespace gantry::run {
namespace {

using ::testing::UnorderedElementsAre;

plugin::SettingSpec Setting(std::string name, uint32_t flags) {
  plugin::SettingSpec spec;
  spec.name = std::move(name);
  spec.types = GANTRY_SETTING_STRING;
  spec.flags = flags;
  return spec;
}

std::unique_ptr<plugin::LoadedPlugin> PluginWithSettings() {
  return MakeFakePlugin(
      [](plugin::CallContext&, const plugin::ComponentData&, const std::string&) {
        return GANTRY_STATUS_OK;
      },
      std::vector<plugin::SettingSpec>{Setting("endpoint", GANTRY_SETTING_REFERENCES),
                                       Setting("template", 0),
                                       Setting("token", GANTRY_SETTING_SENSITIVE)});
}

config::ComponentConfig App() {
  config::ComponentConfig app;
  app.name = "app";
  app.type = "fake";
  app.vars = {{"vpc", "${net.vpc_id}"}, {"password", "pw-1"}, {"db", "${db.dsn}"}};
  app.sensitive = {"password"};
  app.settings = {{"endpoint", "https://${net.host}/"},
                  {"template", "${not.a_reference}"},
                  {"token", "tok-9"}};
  return app;
}

OutputBook Book() {
  return OutputBook([](const std::string& component) -> std::optional<Outputs> {
    if (component == "net")
      return Outputs{{"vpc_id", {"vpc-1", 0}}, {"host", {"net.example", 0}}};
    if (component == "db") return Outputs{{"dsn", {"db://secret-dsn", GANTRY_OUTPUT_SENSITIVE}}};
    return std::nullopt;
  });
}

graph::OutputLookup LookupIn(OutputBook& book) {
  return [&book](const std::string& c, const std::string& o) { return book.Lookup(c, o); };
}
graph::RecordedOutputs NamesIn(OutputBook& book) {
  return [&book](const std::string& c) { return book.Names(c); };
}

TEST(ComponentInputsTest, ReferencesAreReplacedInVarsAndInSettingsDeclaredAsHoldingThem) {
  std::unique_ptr<plugin::LoadedPlugin> plugin = PluginWithSettings();
  OutputBook book = Book();
  absl::StatusOr<ComponentInputs> inputs =
      ResolveInputs(App(), *plugin, LookupIn(book), NamesIn(book));
  ASSERT_TRUE(inputs.ok()) << inputs.status();
  EXPECT_EQ(inputs->vars["vpc"], "vpc-1");
  EXPECT_EQ(inputs->vars["db"], "db://secret-dsn");
  EXPECT_EQ(inputs->settings["endpoint"], "https://net.example/");
  EXPECT_EQ(inputs->settings["template"], "${not.a_reference}") << "not declared: as written";
}

TEST(ComponentInputsTest, EveryProblemIsSaidVarsFirstThenSettingsByKey) {
  std::unique_ptr<plugin::LoadedPlugin> plugin = PluginWithSettings();
  OutputBook empty([](const std::string&) -> std::optional<Outputs> { return std::nullopt; });
  absl::StatusOr<ComponentInputs> inputs =
      ResolveInputs(App(), *plugin, LookupIn(empty), NamesIn(empty));
  ASSERT_FALSE(inputs.ok());
  const std::string message(inputs.status().message());
  const size_t vars_at = message.find("net.vpc_id");
  const size_t endpoint_at = message.find("endpoint: ");
  ASSERT_NE(vars_at, std::string::npos) << message;
  ASSERT_NE(endpoint_at, std::string::npos) << message;
  EXPECT_LT(vars_at, endpoint_at) << message;
}

TEST(ComponentInputsTest, SecretsAreSensitiveVarsSensitiveSettingsAndSensitiveOutputsRead) {
  std::unique_ptr<plugin::LoadedPlugin> plugin = PluginWithSettings();
  OutputBook book = Book();
  const config::ComponentConfig app = App();
  absl::StatusOr<ComponentInputs> inputs =
      ResolveInputs(app, *plugin, LookupIn(book), NamesIn(book));
  ASSERT_TRUE(inputs.ok()) << inputs.status();
  EXPECT_THAT(SecretsOfInputs(app, *plugin, *inputs, book),
              UnorderedElementsAre("pw-1", "tok-9", "db://secret-dsn"));
}

}  // namespace
}  // namespace gantry::run
