#include "core/record/html_graph.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/record/html_graph_layout.h"
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
constexpr double kLane = 6;  // the height of a slot an arrow passes through

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
  std::string text = HtmlStatusLabel(component);
  if (!component.reused_from.empty()) absl::StrAppend(&text, " · reused");
  if (component.started != absl::InfinitePast() && component.finished != absl::InfinitePast())
    absl::StrAppend(&text, " · ", CompactDuration(component.duration()));
  if (component.attempts > 1) absl::StrAppend(&text, " · ", component.attempts, " attempts");
  return text;
}

}  // namespace

std::string HtmlGraph(const RunRecord& run) {
  const GraphLayout layout = LayOutGraph(run);
  const size_t n = run.components.size();
  const size_t layers = layout.slots.size();
  // What each slot holds: a component's index, or -1 where an arrow passes.
  std::vector<std::vector<int>> holds(layers);
  for (size_t l = 0; l < layers; ++l) holds[l].assign(layout.slots[l], -1);
  for (size_t i = 0; i < n; ++i)
    holds[layout.places[i].layer][layout.places[i].order] = static_cast<int>(i);

  // Each column as wide as its widest box, every box of a column that wide.
  std::vector<std::string> subs(n);
  std::vector<double> width(layers, kMinWidth);
  for (size_t i = 0; i < n; ++i) {
    subs[i] = SubText(run.components[i]);
    double& column = width[layout.places[i].layer];
    const double wanted = std::max(Glyphs(run.components[i].name) * kNameCharWidth,
                                   Glyphs(subs[i]) * kSubCharWidth) + 2 * kPadding;
    column = std::clamp(wanted, column, kMaxWidth);
  }
  std::vector<double> left(layers, kMargin);
  for (size_t l = 1; l < layers; ++l) left[l] = left[l - 1] + width[l - 1] + kGapX;
  const double total_width = layers == 0 ? 2 * kMargin : left.back() + width.back() + kMargin;
  // Columns centred on the tallest; `middle[l][order]`: the vertical centre of a slot.
  const auto slot_height = [](int holding) { return holding >= 0 ? kHeight : kLane; };
  std::vector<double> column_height(layers, 0);
  double height = 0;
  for (size_t l = 0; l < layers; ++l) {
    for (const int holding : holds[l]) column_height[l] += slot_height(holding);
    column_height[l] += std::max<double>(0, static_cast<double>(holds[l].size()) - 1) * kGapY;
    height = std::max(height, column_height[l]);
  }
  std::vector<std::vector<double>> middle(layers);
  for (size_t l = 0; l < layers; ++l) {
    double y = kMargin + (height - column_height[l]) / 2;
    for (const int holding : holds[l]) {
      middle[l].push_back(y + slot_height(holding) / 2);
      y += slot_height(holding) + kGapY;
    }
  }
  const auto middle_of = [&](const GraphPlace& place) { return middle[place.layer][place.order]; };

  std::string svg = absl::StrFormat(
      "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"dependency graph\">\n"
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker>"
      "<marker id=\"arrow-cause\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
      "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\"/></marker>"
      "</defs>\n",
      total_width, height + 2 * kMargin, total_width, height + 2 * kMargin);
  for (const GraphRoute& route : layout.routes) {
    const ComponentRecord& source = run.components[route.from];
    const ComponentRecord& target = run.components[route.to];
    const GraphPlace& from = layout.places[route.from];
    const GraphPlace& to = layout.places[route.to];
    // From the source's right side to the target's left side, straight through each
    // column it crosses, in curves leaving and arriving level.
    double x = left[from.layer] + width[from.layer], y = middle_of(from);
    std::string d = absl::StrFormat("M%.1f,%.1f", x, y);
    const auto curve_to = [&](double to_x, double to_y) {
      const double bend = std::max(24.0, (to_x - x) / 2);
      absl::StrAppendFormat(&d, "C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x + bend, y, to_x - bend, to_y,
                            to_x, to_y);
      x = to_x;
      y = to_y;
    };
    for (const GraphPlace& via : route.via) {
      curve_to(left[via.layer], middle_of(via));
      x = left[via.layer] + width[via.layer];
      absl::StrAppendFormat(&d, "L%.1f,%.1f", x, y);
    }
    curve_to(left[to.layer], middle_of(to));
    const bool cause = target.status == ComponentStatus::kSkipped && target.skip_cause == source.name;
    absl::StrAppendFormat(&svg,
                          "<path class=\"edge%s\" data-from=\"%s\" data-to=\"%s\" "
                          "marker-end=\"url(#arrow%s)\" d=\"%s\"/>\n",
                          cause ? " cause" : "", HtmlEscaped(source.name), HtmlEscaped(target.name),
                          cause ? "-cause" : "", d);
  }
  for (size_t i = 0; i < n; ++i) {
    const ComponentRecord& component = run.components[i];
    const GraphPlace& place = layout.places[i];
    const double w = width[place.layer], x = left[place.layer], y = middle_of(place) - kHeight / 2;
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
