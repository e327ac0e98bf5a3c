#include "core/record/html_timeline.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/record/html_status.h"
#include "core/record/html_text.h"
#include "core/record/time_text.h"

namespace gantry::record {
namespace {

bool Known(absl::Time time) { return time != absl::InfinitePast() && time != absl::InfiniteFuture(); }

// The stretch of time the timeline shows: from the run's start to its end, or, for an
// interrupted run, to the last thing the journal knows.
struct Frame {
  absl::Time origin;
  absl::Time end;

  absl::Duration span() const { return std::max(end - origin, absl::Milliseconds(1)); }
  // `time`'s place on the axis, in percent, clamped to it.
  double Percent(absl::Time time) const {
    const double at = absl::FDivDuration(time - origin, span()) * 100.0;
    return std::clamp(at, 0.0, 100.0);
  }
};

Frame FrameOf(const Journal& journal) {
  const RunRecord& run = journal.run;
  absl::Time first = Known(run.started) ? run.started : absl::InfiniteFuture();
  absl::Time last = journal.complete && Known(run.finished) ? run.finished : journal.last_event;
  for (const ComponentRecord& component : run.components) {
    for (const absl::Time time : {component.started, component.finished}) {
      if (!Known(time)) continue;
      first = std::min(first, time);
      last = std::max(last, time);
    }
  }
  if (!Known(first)) first = Known(last) ? last : absl::UnixEpoch();
  if (!Known(last) || last < first) last = first;
  return {first, last};
}

// A piece of a row's track, from `from` to `to`.
struct Segment {
  absl::Time from;
  absl::Time to;
  std::string classes;  // after "seg "
  int attempt;
  std::string title;
};

std::string Place(const Frame& frame, absl::Time from, absl::Time to) {
  const double left = frame.Percent(from);
  return absl::StrFormat("left:%.3f%%;width:%.3f%%", left,
                         std::max(0.0, frame.Percent(to) - left));
}

// Each attempt of `component`, and each wait for a retry, from what the journal says.
std::vector<Segment> Segments(const Journal& journal, const ComponentRecord& component,
                              const Frame& frame) {
  const std::string status = HtmlStatus(component);
  // Where something not ended by the journal stops: the component's end, else the last
  // event (the run was interrupted while it ran).
  const absl::Time stop = Known(component.finished) ? component.finished : frame.end;
  std::vector<Segment> segments;
  const auto found = journal.attempts.find(component.name);
  if (found == journal.attempts.end() || found->second.empty()) {
    // Started with no component_started read (a journal cut or written by hand): one bar.
    if (Known(component.started))
      segments.push_back({component.started, stop, "attempt " + status, 1,
                          absl::StrCat(HtmlStatusLabel(component), " after ",
                                       CompactDuration(stop - component.started))});
    return segments;
  }
  const std::vector<AttemptRecord>& attempts = found->second;
  for (size_t i = 0; i < attempts.size(); ++i) {
    const AttemptRecord& attempt = attempts[i];
    const bool last = i + 1 == attempts.size();
    const absl::Time ended = Known(attempt.ended) ? attempt.ended : stop;
    if (attempt.retried) {
      segments.push_back({attempt.started, ended, "attempt retried", attempt.number,
                          absl::StrCat("attempt ", attempt.number, " failed after ",
                                       CompactDuration(ended - attempt.started), ": ",
                                       attempt.error)});
      const absl::Time next = last ? stop : attempts[i + 1].started;
      segments.push_back({ended, next, "wait", attempt.number,
                          absl::StrCat("waited ", CompactDuration(next - ended),
                                       " before attempt ", attempt.number + 1)});
    } else {
      segments.push_back({attempt.started, ended, "attempt " + status, attempt.number,
                          absl::StrCat("attempt ", attempt.number, ": ", status, " after ",
                                       CompactDuration(ended - attempt.started))});
    }
  }
  return segments;
}

// What a row without segments says in its track.
std::string Note(const RunRecord& run, const ComponentRecord& component, const Frame& frame) {
  if (component.status == ComponentStatus::kSkipped) {
    std::string why = component.skip_cause == kSkipCauseCancelled ? "skipped: the run was cancelled"
                      : component.skip_cause.empty()
                          ? "skipped"
                          : absl::StrCat("skipped after ", component.skip_cause);
    const double at = Known(component.finished) ? frame.Percent(component.finished) : 0.0;
    // The note goes left of the mark when the mark is near the right end.
    return absl::StrFormat(
        "<span class=\"mark skipped\" style=\"left:%.3f%%\" title=\"%s\"></span>"
        "<span class=\"note\" style=\"%s:%.3f%%\">%s</span>",
        at, HtmlEscaped(why), at > 60.0 ? "right" : "left",
        at > 60.0 ? 100.0 - at : at, HtmlEscaped(why));
  }
  std::string text;
  if (!component.reused_from.empty()) {
    text = absl::StrCat("reused from run ", component.reused_from.substr(0, 8));
  } else if (component.status == ComponentStatus::kPending) {
    text = "not started";
  } else {
    text = ShownStatus(component, run.operation);
  }
  return absl::StrCat("<span class=\"note\" style=\"left:0\">", HtmlEscaped(text), "</span>");
}

std::string Axis(const Frame& frame) {
  const absl::Duration span = frame.span();
  const absl::Duration step = TickStep(span);
  std::string ticks;
  for (absl::Duration at = absl::ZeroDuration(); at <= span; at += step) {
    absl::StrAppendFormat(&ticks, "<span class=\"tick\" style=\"left:%.3f%%\">%s</span>",
                          frame.Percent(frame.origin + at), CompactDuration(at));
  }
  return absl::StrCat("<div class=\"tl-axis\"><span class=\"tl-name\"></span>"
                      "<div class=\"tl-track\">", ticks, "</div><span class=\"tl-time\">",
                      CompactDuration(span), "</span></div>\n");
}

}  // namespace

absl::Duration TickStep(absl::Duration span) {
  static const absl::Duration kSteps[] = {
      absl::Milliseconds(1),   absl::Milliseconds(2),   absl::Milliseconds(5),
      absl::Milliseconds(10),  absl::Milliseconds(20),  absl::Milliseconds(50),
      absl::Milliseconds(100), absl::Milliseconds(200), absl::Milliseconds(500),
      absl::Seconds(1),        absl::Seconds(2),        absl::Seconds(5),
      absl::Seconds(10),       absl::Seconds(15),       absl::Seconds(30),
      absl::Minutes(1),        absl::Minutes(2),        absl::Minutes(5),
      absl::Minutes(10),       absl::Minutes(15),       absl::Minutes(30),
      absl::Hours(1),          absl::Hours(2),          absl::Hours(6),
      absl::Hours(12),         absl::Hours(24)};
  constexpr int64_t kMaxSteps = 8;
  absl::Duration rest;  // IDivDuration needs somewhere to put it
  for (const absl::Duration step : kSteps)
    if (absl::IDivDuration(span, step, &rest) <= kMaxSteps) return step;
  // Longer than 8 days: whole days.
  return absl::Hours(24) * (absl::IDivDuration(span, absl::Hours(24), &rest) / kMaxSteps + 1);
}

std::string HtmlTimeline(const Journal& journal) {
  const RunRecord& run = journal.run;
  const Frame frame = FrameOf(journal);
  // Rows in the order things happened: by start (a skipped one by when it was skipped).
  std::vector<size_t> rows(run.components.size());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const auto when = [&](size_t i) {
    const ComponentRecord& c = run.components[i];
    return Known(c.started) ? c.started : Known(c.finished) ? c.finished : absl::InfiniteFuture();
  };
  std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return when(a) < when(b); });

  std::string html = absl::StrCat("<div class=\"timeline\">\n", Axis(frame));
  for (const size_t i : rows) {
    const ComponentRecord& component = run.components[i];
    const std::string name = HtmlEscaped(component.name);
    const std::vector<Segment> segments = Segments(journal, component, frame);
    absl::StrAppend(&html, "<div class=\"tl-row\" data-component=\"", name, "\" data-status=\"",
                    HtmlStatus(component), "\"><a class=\"tl-name\" href=\"#c-", i,
                    "\" title=\"", name, "\">", name, "</a><div class=\"tl-track\">");
    for (const Segment& segment : segments) {
      absl::StrAppend(&html, "<span class=\"seg ", segment.classes, "\" data-attempt=\"",
                      segment.attempt, "\" style=\"", Place(frame, segment.from, segment.to),
                      "\" title=\"", HtmlEscaped(segment.title), "\"></span>");
    }
    if (segments.empty()) html += Note(run, component, frame);
    const bool timed = Known(component.started) && Known(component.finished);
    absl::StrAppend(&html, "</div><span class=\"tl-time\">",
                    timed ? CompactDuration(component.duration()) : "", "</span></div>\n");
  }
  html += "</div>\n";
  return html;
}

}  // namespace gantry::record
