#include "core/record/html_graph_layout.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace gantry::record {
namespace {

// How many times the layers are swept (down then up) to untangle crossings.
constexpr int kSweeps = 4;

// A directed graph over slots: the components first (same indexes), then one slot per
// layer an arrow passes through.
struct Graph {
  std::vector<int> layer;
  std::vector<std::vector<int>> before;  // by slot: the slots with an arrow into it
  std::vector<std::vector<int>> after;   // by slot: the slots its arrows go to

  int Add(int in_layer) {
    layer.push_back(in_layer);
    before.emplace_back();
    after.emplace_back();
    return static_cast<int>(layer.size()) - 1;
  }
  void Connect(int from, int to) {
    after[from].push_back(to);
    before[to].push_back(from);
  }
};

// By component: the components of the run it needs, sorted, each once.
std::vector<std::vector<int>> Needs(const RunRecord& run) {
  const int n = static_cast<int>(run.components.size());
  std::map<std::string_view, int> index;
  for (int i = 0; i < n; ++i) index.emplace(run.components[i].name, i);
  std::vector<std::vector<int>> needs(n);
  for (int i = 0; i < n; ++i) {
    for (const std::string& need : run.components[i].needs) {
      const auto it = index.find(need);
      if (it != index.end() && it->second != i) needs[i].push_back(it->second);
    }
    std::sort(needs[i].begin(), needs[i].end());
    needs[i].erase(std::unique(needs[i].begin(), needs[i].end()), needs[i].end());
  }
  return needs;
}

// Longest path from a component that needs nothing (Kahn's order); a cycle's components
// go after the last layer.
std::vector<int> Layers(const std::vector<std::vector<int>>& needs) {
  const size_t n = needs.size();
  std::vector<std::vector<int>> needed(n);
  std::vector<int> layer(n, 0), waiting(n), ready;
  for (size_t i = 0; i < n; ++i) {
    for (const int need : needs[i]) needed[need].push_back(static_cast<int>(i));
    waiting[i] = static_cast<int>(needs[i].size());
    if (waiting[i] == 0) ready.push_back(static_cast<int>(i));
  }
  std::vector<bool> placed(n, false);
  int deepest = 0;
  for (size_t next = 0; next < ready.size(); ++next) {
    const int u = ready[next];
    placed[u] = true;
    deepest = std::max(deepest, layer[u]);
    for (const int v : needed[u]) {
      layer[v] = std::max(layer[v], layer[u] + 1);
      if (--waiting[v] == 0) ready.push_back(v);
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (!placed[i]) layer[i] = deepest + 1;
  return layer;
}

}  // namespace

GraphLayout LayOutGraph(const RunRecord& run) {
  const std::vector<std::vector<int>> needs = Needs(run);
  const std::vector<int> layers = Layers(needs);
  Graph graph;
  for (const int layer : layers) graph.Add(layer);
  // Each arrow, through a slot of its own in every layer it crosses.
  std::vector<std::pair<int, std::vector<int>>> arrows;  // (to, the slots it passes)
  std::vector<int> from_of;
  for (size_t to = 0; to < needs.size(); ++to) {
    for (const int from : needs[to]) {
      std::vector<int> passes;
      int last = from;
      for (int layer = layers[from] + 1; layer < layers[to]; ++layer) {
        passes.push_back(graph.Add(layer));
        graph.Connect(last, passes.back());
        last = passes.back();
      }
      graph.Connect(last, static_cast<int>(to));
      arrows.emplace_back(static_cast<int>(to), std::move(passes));
      from_of.push_back(from);
    }
  }

  // Columns in slot order: components by name, then the arrows' slots.
  std::vector<std::vector<int>> columns;
  std::vector<int> order(graph.layer.size());
  for (size_t slot = 0; slot < graph.layer.size(); ++slot) {
    const int layer = graph.layer[slot];
    if (static_cast<size_t>(layer) >= columns.size()) columns.resize(layer + 1);
    order[slot] = static_cast<int>(columns[layer].size());
    columns[layer].push_back(static_cast<int>(slot));
  }
  // One pass over the columns: each slot's key is the mean order of its neighbours on
  // the side already swept; one with none there keeps its own order.
  const auto sweep = [&](bool down) {
    const int count = static_cast<int>(columns.size());
    std::vector<double> key(graph.layer.size());
    for (int step = 0; step < count; ++step) {
      std::vector<int>& column = columns[down ? step : count - 1 - step];
      for (const int slot : column) {
        const std::vector<int>& near = down ? graph.before[slot] : graph.after[slot];
        double sum = 0;
        for (const int other : near) sum += order[other];
        key[slot] = near.empty() ? order[slot] : sum / static_cast<double>(near.size());
      }
      std::stable_sort(column.begin(), column.end(), [&](int a, int b) { return key[a] < key[b]; });
      for (size_t at = 0; at < column.size(); ++at) order[column[at]] = static_cast<int>(at);
    }
  };
  for (int i = 0; i < kSweeps; ++i) {
    sweep(/*down=*/true);
    sweep(/*down=*/false);
  }

  GraphLayout layout;
  for (size_t i = 0; i < layers.size(); ++i) layout.places.push_back({layers[i], order[i]});
  for (size_t a = 0; a < arrows.size(); ++a) {
    GraphRoute route{from_of[a], arrows[a].first, {}};
    for (const int slot : arrows[a].second) route.via.push_back({graph.layer[slot], order[slot]});
    layout.routes.push_back(std::move(route));
  }
  for (const std::vector<int>& column : columns)
    layout.slots.push_back(static_cast<int>(column.size()));
  return layout;
}

}  // namespace gantry::record
