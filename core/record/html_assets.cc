#include "core/record/html_assets.h"

namespace gantry::record {

// Colours after GitHub's Primer light theme: familiar, and readable by most colour-blind
// readers since each status also differs in lightness (and the legend names them).
const char kHtmlReportStyle[] = R"css(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--faint:#eef1f4;--panel:#f6f8fa;
--hl:#fff8c5;--mono:ui-monospace,SFMono-Regular,"DejaVu Sans Mono",Menlo,Consolas,monospace}
.ok,[data-status=ok]{--c:#1a7f37;--c-bg:#dafbe1}
.nothing-to-do,[data-status=nothing-to-do]{--c:#4ac26b;--c-bg:#f0fff4}
.failed,[data-status=failed]{--c:#cf222e;--c-bg:#ffebe9}
.cancelled,[data-status=cancelled]{--c:#bf8700;--c-bg:#fff8c5}
.blocked,[data-status=blocked]{--c:#8250df;--c-bg:#fbefff}
.skipped,[data-status=skipped]{--c:#8c959f;--c-bg:#f6f8fa}
.unfinished,[data-status=unfinished]{--c:#0969da;--c-bg:#ddf4ff}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--fg);
font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans","DejaVu Sans",Helvetica,Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:20px 32px 40px}
h1{font-size:22px;font-weight:600;margin:0}
h2{font-size:15px;font-weight:600;margin:28px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
code,pre,.mono{font-family:var(--mono);font-size:12.5px}
a{color:#0969da;text-decoration:none}
a:hover{text-decoration:underline}
.muted{color:var(--muted)}
.title{display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.title .target{color:var(--muted);font-weight:400}
.badge{display:inline-block;padding:0 9px;border-radius:999px;font-size:12px;font-weight:600;line-height:20px;
white-space:nowrap;color:var(--c);background:var(--c-bg);border:1px solid var(--c)}
.title .badge{font-size:13px;line-height:24px;padding:0 12px}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:6px 24px;margin:14px 0 10px;
padding:10px 16px;background:var(--panel);border:1px solid var(--line);border-radius:8px}
.facts div{min-width:0}
.facts dt{font-size:12px;color:var(--muted)}
.facts dd{margin:0;font-weight:500;overflow-wrap:anywhere}
.facts .wide{grid-column:1/-1}
.facts .span2{grid-column:span 2}
.counts{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
.notice{margin:8px 0;padding:8px 12px;border-radius:6px;border:1px solid #d4a72c;background:#fff8c5}
.notice ul{margin:4px 0 0;padding-left:20px}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0;margin:0 0 10px;font-size:12px;color:var(--muted)}
.swatch{display:inline-block;width:16px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px;background:var(--c)}
.timeline{border:1px solid var(--line);border-radius:8px;padding:4px 14px 6px}
.tl-axis,.tl-row{display:grid;grid-template-columns:minmax(120px,220px) 1fr 56px;gap:14px;align-items:center}
.tl-axis{height:24px;border-bottom:1px solid var(--line)}
.tl-row{height:26px;border-bottom:1px solid var(--faint)}
.tl-row:last-child{border-bottom:0}
.tl-name{font-family:var(--mono);font-size:12.5px;color:var(--fg);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tl-track{position:relative;height:100%}
.tick{position:absolute;top:3px;transform:translateX(-50%);font-size:11px;color:var(--muted);white-space:nowrap}
.tick:first-child{transform:none}
.tl-time{font-size:12px;color:var(--muted);text-align:right;font-variant-numeric:tabular-nums}
.seg{position:absolute;top:6px;height:14px;min-width:2px;border-radius:3px;background:var(--c)}
.seg.retried{background:#ff8182}
.seg.wait,.swatch.wait{background:repeating-linear-gradient(135deg,#8c959f 0 1.5px,#eaeef2 1.5px 5px)}
.seg.wait{border-radius:0;top:9px;height:8px}
.swatch.retried{background:#ff8182}
.mark{position:absolute;top:8px;width:10px;height:10px;margin-left:-5px;transform:rotate(45deg);
border:2px solid var(--c);background:#fff}
.note{position:absolute;top:3px;padding:0 10px;font-size:12px;color:var(--muted);white-space:nowrap}
.graph-box{border:1px solid var(--line);border-radius:8px;padding:6px;overflow:auto}
svg.graph{display:block}
svg.graph .edge{fill:none;stroke:#8c959f;stroke-width:1.4}
svg.graph .edge.cause{stroke:#cf222e;stroke-dasharray:5 3}
svg.graph #arrow path{fill:#8c959f}
svg.graph #arrow-cause path{fill:#cf222e}
svg.graph .node rect{fill:var(--c-bg);stroke:var(--c);stroke-width:1.5}
svg.graph .node.skipped rect,svg.graph .node.nothing-to-do rect{stroke-dasharray:4 3}
svg.graph .name{font-family:var(--mono);font-size:12.5px;font-weight:600;fill:var(--fg)}
svg.graph .sub{font-size:11px;fill:var(--muted)}
svg.graph a:hover rect,svg.graph .hl rect{stroke-width:3}
table{border-collapse:collapse;width:100%;font-size:13px}
th{text-align:left;font-size:12px;font-weight:600;color:var(--muted);padding:6px 10px;border-bottom:1px solid var(--line)}
td{padding:6px 10px;border-bottom:1px solid var(--faint);vertical-align:top}
td.name{font-family:var(--mono);font-size:12.5px;overflow-wrap:anywhere}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.error{font-family:var(--mono);font-size:12px;color:#cf222e;overflow-wrap:anywhere}
.why{display:block;font-size:12px;color:var(--muted)}
.total{margin:8px 10px;font-size:13px;color:var(--muted)}
.masked{color:var(--muted);font-style:italic}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0}
summary{cursor:pointer;padding:7px 12px;display:flex;gap:10px;align-items:center}
summary .name{font-family:var(--mono);font-size:12.5px;font-weight:600}
details[open] summary{border-bottom:1px solid var(--line)}
pre.log{margin:0;padding:10px 12px;background:var(--panel);border-radius:0 0 8px 8px;overflow:auto;max-height:400px;
white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.45}
.tl-row.hl,tr.hl td,details.hl summary,tr:target td{background:var(--hl)}
footer{margin-top:32px;padding-top:10px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
)css";

const char kHtmlReportScript[] = R"js(
document.documentElement.dataset.js = "on";
var parts = document.querySelectorAll("[data-component]");
function mark(name, on) {
  parts.forEach(function (part) {
    if (part.getAttribute("data-component") === name) part.classList.toggle("hl", on);
  });
}
parts.forEach(function (part) {
  var name = part.getAttribute("data-component");
  part.addEventListener("mouseenter", function () { mark(name, true); });
  part.addEventListener("mouseleave", function () { mark(name, false); });
});
)js";

const char kHtmlReportScriptHash[] = "sha256-MoeyfGG4Tnmavd+Ig09VU0FrzZi9zSR+PGM0qIqcy/8=";

}  // namespace gantry::record
