// What every run report page (`runs show --html`) carries inline: its style sheet and its
// one small script. Nothing is ever fetched: the page is read offline, in a CI artifact
// or a mail, and its Content-Security-Policy forbids every request.
#ifndef GANTRY_CORE_RECORD_HTML_ASSETS_H_
#define GANTRY_CORE_RECORD_HTML_ASSETS_H_

namespace gantry::record {

/// The CSS: a light theme; one colour per HtmlStatus value (class or data-status).
extern const char kHtmlReportStyle[];

/// The script: hovering any element of a component (timeline row, graph box, table row,
/// log) highlights all of them; it sets data-js="on" on <html> so a test can see it ran.
/// The page works without it.
extern const char kHtmlReportScript[];

/// "sha256-<base64>" of kHtmlReportScript: the page's CSP allows that script and no
/// other, so text that slipped past escaping still could not run. Changing the script
/// means changing this (the Chromium test fails otherwise):
///   printf '%s' "$SCRIPT" | openssl dgst -sha256 -binary | base64
extern const char kHtmlReportScriptHash[];

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_ASSETS_H_
