#include "core/record/html_graph.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/record/html_status.h"
#include "core/record/html_text.h"
#include "core/record/time_text.h"

namespace gantry::record {
namespace {

// Sizes in CSS pixels. Names are drawn in a monospace font (the page's CSS), so their
// width is known from their length: DejaVu Sans Mono and its kin are 0.6em wide.
constexpr double kNameCharWidth = 12.5 * 0.6;
constexpr double kSubCharWidth = 11 * 0.58;  // the status line, in the page's sans font
constexpr double kPadding = 12;               // inside a box, each side
constexpr double kMinWidth = 120, kMaxWidth = 300;
constexpr double kHeight = 42, kGapY = 14, kGapX = 56, kMargin = 10;
// How many times the layers are swept (down then up) to untangle crossings.
constexpr int kSweeps = 4;

// Code points, not bytes: what a monospace font draws.
size_t Glyphs(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The first `glyphs` code points of `text`, followed by "…" when it is longer.
std::string Cut(std::string_view text, size_t glyphs) {
  if (Glyphs(text) <= glyphs) return std::string(text);
  if (glyphs == 0) return "…";
  size_t seen = 0, end = 0;
  for (; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80 && seen++ == glyphs - 1) break;
  }
  return std::string(text.substr(0, end)) + "…";
}

// "ok · 2.4s · 2 attempts": what a box says under the name.
std::string SubText(const ComponentRecord& component) {
  const std::string status = HtmlStatus(component);
  std::string text = status;
  for (const HtmlStatusLegend& legend : HtmlStatusLegends())
    if (status == legend.status) text = legend.label;
  if (!component.reused_from.empty()) absl::StrAppend(&text, " · reused");
  if (component.started != absl::InfinitePast() && component.finished != absl::InfinitePast())
    absl::StrAppend(&text, " · ", CompactDuration(component.duration()));
  if (component.attempts > 1) absl::StrAppend(&text, " · ", component.attempts, " attempts");
  return text;
}

struct Edges {
  std::vector<std::vector<int>> needs;   // by component: the components it needs
  std::vector<std::vector<int>> needed;  // by component: those that need it
};

Edges EdgesOf(const RunRecord& run) {
  const int n = static_cast<int>(run.components.size());
  std::map<std::string_view, int> index;
  for (int i = 0; i < n; ++i) index.emplace(run.components[i].name, i);
  Edges edges{std::vector<std::vector<int>>(n), std::vector<std::vector<int>>(n)};
  for (int i = 0; i < n; ++i) {
    for (const std::string& need : run.components[i].needs) {
      const auto it = index.find(need);
      if (it != index.end() && it->second != i) edges.needs[i].push_back(it->second);
    }
    std::vector<int>& needs = edges.needs[i];
    std::sort(needs.begin(), needs.end());
    needs.erase(std::unique(needs.begin(), needs.end()), needs.end());
    for (const int need : needs) edges.needed[need].push_back(i);
  }
  return edges;
}

// Longest path from a component that needs nothing (Kahn's order); a cycle's components
// go after the last layer.
std::vector<int> Layers(const Edges& edges) {
  const size_t n = edges.needs.size();
  std::vector<int> layer(n, 0), waiting(n);
  std::vector<int> ready;
  for (size_t i = 0; i < n; ++i) {
    waiting[i] = static_cast<int>(edges.needs[i].size());
    if (waiting[i] == 0) ready.push_back(static_cast<int>(i));
  }
  std::vector<bool> placed(n, false);
  int deepest = 0;
  for (size_t next = 0; next < ready.size(); ++next) {
    const int u = ready[next];
    placed[u] = true;
    deepest = std::max(deepest, layer[u]);
    for (const int v : edges.needed[u]) {
      layer[v] = std::max(layer[v], layer[u] + 1);
      if (--waiting[v] == 0) ready.push_back(v);
    }
  }
  for (size_t i = 0; i < n; ++i)
    if (!placed[i]) layer[i] = deepest + 1;
  return layer;
}

}  // namespace

std::vector<GraphPlace> LayOutGraph(const RunRecord& run) {
  const Edges edges = EdgesOf(run);
  const std::vector<int> layer = Layers(edges);
  std::vector<GraphPlace> places(layer.size());
  std::vector<std::vector<int>> columns;
  for (size_t i = 0; i < layer.size(); ++i) {
    if (static_cast<size_t>(layer[i]) >= columns.size()) columns.resize(layer[i] + 1);
    places[i] = {layer[i], static_cast<int>(columns[layer[i]].size())};
    columns[layer[i]].push_back(static_cast<int>(i));
  }
  // One pass over the columns: each component's key is the mean order of its neighbours
  // on the side already swept (needs going down, needed going up); one with none keeps
  // its own order.
  const auto sweep = [&](bool down) {
    const int count = static_cast<int>(columns.size());
    for (int step = 0; step < count; ++step) {
      std::vector<int>& column = columns[down ? step : count - 1 - step];
      std::vector<double> key(places.size());
      for (const int c : column) {
        const std::vector<int>& near = down ? edges.needs[c] : edges.needed[c];
        double sum = 0;
        for (const int other : near) sum += places[other].order;
        key[c] = near.empty() ? places[c].order : sum / static_cast<double>(near.size());
      }
      std::stable_sort(column.begin(), column.end(), [&](int a, int b) { return key[a] < key[b]; });
      for (size_t at = 0; at < column.size(); ++at) places[column[at]].order = static_cast<int>(at);
    }
  };
  for (int i = 0; i < kSweeps; ++i) {
    sweep(/*down=*/true);
    sweep(/*down=*/false);
  }
  return places;
}

std::string HtmlGraph(const RunRecord& run) {
  const std::vector<GraphPlace> places = LayOutGraph(run);
  const Edges edges = EdgesOf(run);
  const size_t n = places.size();
  int layers = 0, tallest = 0;
  std::vector<int> sizes;
  for (const GraphPlace& place : places) {
    layers = std::max(layers, place.layer + 1);
    sizes.resize(layers);
    tallest = std::max(tallest, ++sizes[place.layer]);
  }
  // Each column as wide as its widest box; every box of a column that wide.
  std::vector<std::string> subs(n);
  std::vector<double> width(layers, kMinWidth);
  for (size_t i = 0; i < n; ++i) {
    subs[i] = SubText(run.components[i]);
    const double wanted = std::max(Glyphs(run.components[i].name) * kNameCharWidth,
                                   Glyphs(subs[i]) * kSubCharWidth) + 2 * kPadding;
    width[places[i].layer] = std::clamp(wanted, width[places[i].layer], kMaxWidth);
  }
  std::vector<double> left(layers, kMargin);
  for (int l = 1; l < layers; ++l) left[l] = left[l - 1] + width[l - 1] + kGapX;
  const auto column_height = [](int boxes) { return boxes * kHeight + std::max(0, boxes - 1) * kGapY; };
  const double height = column_height(tallest);
  const auto top = [&](size_t i) {
    return kMargin + (height - column_height(sizes[places[i].layer])) / 2 +
           places[i].order * (kHeight + kGapY);
  };
  const double total_width = layers == 0 ? 2 * kMargin : left[layers - 1] + width[layers - 1] + kMargin;

  std::string svg = absl::StrFormat(
      "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"dependency graph\">\n"
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker>"
      "<marker id=\"arrow-cause\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker>"
      "</defs>\n",
      total_width, height + 2 * kMargin, total_width, height + 2 * kMargin);
  for (size_t to = 0; to < n; ++to) {
    const ComponentRecord& target = run.components[to];
    for (const int from : edges.needs[to]) {
      const ComponentRecord& source = run.components[from];
      const double x1 = left[places[from].layer] + width[places[from].layer];
      const double y1 = top(from) + kHeight / 2;
      const double x2 = left[places[to].layer], y2 = top(to) + kHeight / 2;
      const double bend = std::max(24.0, (x2 - x1) / 2);
      const bool cause = target.status == ComponentStatus::kSkipped && target.skip_cause == source.name;
      absl::StrAppendFormat(
          &svg,
          "<path class=\"edge%s\" data-from=\"%s\" data-to=\"%s\" marker-end=\"url(#arrow%s)\" "
          "d=\"M%.1f,%.1fC%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n",
          cause ? " cause" : "", HtmlEscaped(source.name), HtmlEscaped(target.name),
          cause ? "-cause" : "", x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const ComponentRecord& component = run.components[i];
    const double w = width[places[i].layer], x = left[places[i].layer], y = top(i);
    // (A hair more room than measured, so that a text the box was sized for fits.)
    const auto fits = [&](double char_width) {
      return static_cast<size_t>((w - 2 * kPadding) / char_width + 1e-6);
    };
    const std::string status = HtmlStatus(component);
    absl::StrAppendFormat(
        &svg,
        "<g class=\"node %s\" data-component=\"%s\" data-status=\"%s\"><a href=\"#c-%d\">"
        "<title>%s</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\"/>"
        "<text class=\"name\" x=\"%.1f\" y=\"%.1f\">%s</text>"
        "<text class=\"sub\" x=\"%.1f\" y=\"%.1f\">%s</text></a></g>\n",
        status, HtmlEscaped(component.name), status, i, HtmlEscaped(component.name), x, y, w,
        kHeight, x + kPadding, y + 18, HtmlEscaped(Cut(component.name, fits(kNameCharWidth))),
        x + kPadding, y + 33, HtmlEscaped(Cut(subs[i], fits(kSubCharWidth))));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace gantry::record
