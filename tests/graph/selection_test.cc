#include "core/graph/selection.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::graph {
namespace {

using ::testing::HasSubstr;

SelectionOptions Opts(std::vector<std::string> patterns, std::vector<std::string> exclude = {},
                      bool with_deps = false, bool with_dependents = false) {
  SelectionOptions o;
  o.patterns = std::move(patterns);
  o.exclude = std::move(exclude);
  o.with_deps = with_deps;
  o.with_dependents = with_dependents;
  return o;
}

// net/vpc <- net/subnet <- app/api <- app/web ; tools (alone)
class SelectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* n : {"app/api", "app/web", "net/subnet", "net/vpc", "tools"}) g_.AddNode(n, "custom");
    g_.AddEdge(g_.Find("net/vpc"), g_.Find("net/subnet"), kExplicit);
    g_.AddEdge(g_.Find("net/subnet"), g_.Find("app/api"), kExplicit);
    g_.AddEdge(g_.Find("app/api"), g_.Find("app/web"), kReference);
  }
  std::vector<std::string> Names(const SelectionOptions& options) {
    absl::StatusOr<std::vector<bool>> s = Select(g_, options);
    EXPECT_TRUE(s.ok()) << s.status();
    std::vector<std::string> out;
    for (NodeId n = 0; s.ok() && n < static_cast<NodeId>(g_.size()); ++n)
      if ((*s)[n]) out.push_back(g_.name(n));
    return out;
  }
  Graph g_;
};

TEST_F(SelectionTest, EverythingByDefault) { EXPECT_EQ(Names({}).size(), 5u); }

TEST_F(SelectionTest, NamesAndGlobs) {
  EXPECT_EQ(Names(Opts({"tools"})), std::vector<std::string>{"tools"});
  EXPECT_EQ(Names(Opts({"net/*"})), (std::vector<std::string>{"net/subnet", "net/vpc"}));
  EXPECT_EQ(Names(Opts({"*/s*", "tool?"})), (std::vector<std::string>{"net/subnet", "tools"}));
}

TEST_F(SelectionTest, WithDepsAndWithDependents) {
  EXPECT_EQ(Names(Opts({"app/api"}, {}, true)),
            (std::vector<std::string>{"app/api", "net/subnet", "net/vpc"}));
  EXPECT_EQ(Names(Opts({"net/subnet"}, {}, false, true)),
            (std::vector<std::string>{"app/api", "app/web", "net/subnet"}));
}

TEST_F(SelectionTest, ExcludeComesLast) {
  EXPECT_EQ(Names(Opts({"app/web"}, {"net/vpc"}, true)),
            (std::vector<std::string>{"app/api", "app/web", "net/subnet"}));
}

TEST_F(SelectionTest, ChangedSinceNarrowsThePatternsThenExcludeApplies) {
  SelectionOptions o = Opts({});
  o.changed = std::vector<std::string>{"net/subnet", "app/api", "app/web"};
  EXPECT_EQ(Names(o), (std::vector<std::string>{"app/api", "app/web", "net/subnet"}));
  o.patterns = {"app/*", "tools"};
  EXPECT_EQ(Names(o), (std::vector<std::string>{"app/api", "app/web"}));
  o.exclude = {"app/web"};
  EXPECT_EQ(Names(o), (std::vector<std::string>{"app/api"}));
  o = Opts({}, {}, /*with_deps=*/true);
  o.changed = std::vector<std::string>{"net/subnet"};
  EXPECT_EQ(Names(o), (std::vector<std::string>{"net/subnet", "net/vpc"}));
  o = Opts({});
  o.changed = std::vector<std::string>{};
  EXPECT_TRUE(Names(o).empty());
}

TEST_F(SelectionTest, APatternMatchingNothingIsAnErrorWithASuggestion) {
  absl::StatusOr<std::vector<bool>> s = Select(g_, Opts({"app/wbe"}));
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.status().message()),
              HasSubstr("component 'app/wbe' matches no component (did you mean 'app/web'?)"));
  EXPECT_FALSE(Select(g_, Opts({}, {"nothing*"})).ok());
}

}  // namespace
}  // namespace gantry::graph
