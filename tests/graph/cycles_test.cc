#include "core/graph/cycles.h"

#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::graph {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Graph Make(int nodes, const std::vector<std::pair<int, int>>& depends /* a depends on b */) {
  Graph g;
  for (int i = 0; i < nodes; ++i) g.AddNode(std::string(1, static_cast<char>('a' + i)), "t");
  for (auto [a, b] : depends) g.AddEdge(b, a, kExplicit);
  return g;
}

TEST(CyclesTest, AcyclicGraphsHaveNone) {
  EXPECT_THAT(FindCycles(Make(4, {{0, 1}, {1, 2}, {0, 2}, {3, 0}})), IsEmpty());
}

TEST(CyclesTest, SelfCycle) {
  EXPECT_THAT(FindCycles(Make(2, {{1, 1}})), ElementsAre(ElementsAre(1, 1)));
}

TEST(CyclesTest, FullPathOfALongCycle) {
  // a -> b -> c -> a, plus d hanging off it.
  EXPECT_THAT(FindCycles(Make(4, {{0, 1}, {1, 2}, {2, 0}, {3, 0}})),
              ElementsAre(ElementsAre(0, 1, 2, 0)));
}

TEST(CyclesTest, OneCyclePerStronglyConnectedPart) {
  EXPECT_THAT(FindCycles(Make(5, {{0, 1}, {1, 0}, {2, 3}, {3, 4}, {4, 2}})),
              ElementsAre(ElementsAre(0, 1, 0), ElementsAre(2, 3, 4, 2)));
}

TEST(CyclesTest, DeepChainDoesNotOverflowTheStack) {
  Graph g;
  const int n = 200000;
  for (int i = 0; i < n; ++i) g.AddNode("n" + std::to_string(i), "t");
  for (int i = 1; i < n; ++i) g.AddEdge(i - 1, i, kExplicit);
  EXPECT_THAT(FindCycles(g), IsEmpty());
  g.AddEdge(n - 1, 0, kExplicit);  // 0 now depends on the last
  const auto cycles = FindCycles(g);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].size(), static_cast<size_t>(n + 1));
}

TEST(CyclesTest, RandomGraphsAgreeWithATopologicalSort) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    const int n = 1 + static_cast<int>(rng() % 30);
    std::vector<std::pair<int, int>> edges;
    for (int e = 0; e < n * 2; ++e) edges.push_back({static_cast<int>(rng() % n), static_cast<int>(rng() % n)});
    Graph g = Make(0, {});
    for (int i = 0; i < n; ++i) g.AddNode("n" + std::to_string(i), "t");
    for (auto [a, b] : edges) g.AddEdge(b, a, kExplicit);
    // Kahn's algorithm: acyclic iff every node gets sorted.
    std::vector<int> indegree(n, 0);
    for (const Edge& e : g.edges()) ++indegree[e.dependent];
    std::vector<int> ready;
    for (int i = 0; i < n; ++i)
      if (indegree[i] == 0) ready.push_back(i);
    int sorted = 0;
    while (!ready.empty()) {
      const int v = ready.back();
      ready.pop_back();
      ++sorted;
      for (int32_t e : g.out_edges(v))
        if (--indegree[g.edges()[e].dependent] == 0) ready.push_back(g.edges()[e].dependent);
    }
    const auto cycles = FindCycles(g);
    EXPECT_EQ(cycles.empty(), sorted == n) << "round " << round;
    for (const auto& cycle : cycles) {  // every reported step is a real edge
      ASSERT_GE(cycle.size(), 2u);
      EXPECT_EQ(cycle.front(), cycle.back());
      for (size_t i = 0; i + 1 < cycle.size(); ++i) {
        const auto deps = g.Dependencies(cycle[i]);
        EXPECT_NE(std::find(deps.begin(), deps.end(), cycle[i + 1]), deps.end()) << "round " << round;
      }
    }
  }
}

}  // namespace
}  // namespace gantry::graph
