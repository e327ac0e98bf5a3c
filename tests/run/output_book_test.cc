#include "core/run/output_book.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gantry/host.h"

namespace gantry::run {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

config::ComponentConfig Component(std::string name, nlohmann::json vars) {
  config::ComponentConfig c;
  c.name = std::move(name);
  c.type = "custom";
  c.vars = std::move(vars);
  return c;
}

TEST(OutputBookTest, RunOutputsShadowPersistedOnesAndPersistedAreReadOnce) {
  int reads = 0;
  OutputBook book([&](const std::string& component) -> std::optional<Outputs> {
    ++reads;
    if (component != "vpc") return std::nullopt;
    return Outputs{{"id", record::OutputValue{"vpc-old", 0}}};
  });
  EXPECT_EQ(book.Lookup("vpc", "id")->value, "vpc-old");
  EXPECT_EQ(book.Lookup("vpc", "id")->value, "vpc-old");
  EXPECT_EQ(reads, 1);
  book.Record("vpc", Outputs{{"id", record::OutputValue{"{\"a\":1}", GANTRY_OUTPUT_JSON}}});
  EXPECT_EQ(book.Lookup("vpc", "id")->value, "{\"a\":1}");
  EXPECT_TRUE(book.Lookup("vpc", "id")->is_json);
  EXPECT_FALSE(book.Lookup("vpc", "missing"));
  EXPECT_FALSE(book.Lookup("db", "id"));
}

TEST(OutputBookTest, OutsideReferencesMustBeRecorded) {
  config::Deployment d;
  d.components = {Component("app", {{"subnet", "${net.subnet}"}, {"db", "${db.url}"}}),
                  Component("db", {}), Component("net", {})};
  OutputBook book([](const std::string& component) -> std::optional<Outputs> {
    if (component == "net") return Outputs{{"vpc", record::OutputValue{"v", 0}}};
    return std::nullopt;
  });
  // app and db run; net does not, and its output `subnet` was never recorded.
  absl::Status status = CheckOutsideOutputs(d, {true, true, false}, {"app", "db", "net"}, book);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("net.subnet (needed by app in vars.subnet)"));
  EXPECT_THAT(status.message(), Not(HasSubstr("db.url"))) << "db runs in this run";
  EXPECT_THAT(status.message(), HasSubstr("--with-deps"));
  book.Record("net", Outputs{{"subnet", record::OutputValue{"s-1", 0}}});
  EXPECT_TRUE(CheckOutsideOutputs(d, {true, true, false}, {"app", "db", "net"}, book).ok());
}

}  // namespace
}  // namespace gantry::run
