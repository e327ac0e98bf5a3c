// Text from journals and logs made safe to place in an HTML page (`runs show --html`).
#ifndef GANTRY_CORE_RECORD_HTML_TEXT_H_
#define GANTRY_CORE_RECORD_HTML_TEXT_H_

#include <string>
#include <string_view>

namespace gantry::record {

/// `text` for an HTML element's content or a double-quoted attribute value: terminal
/// controls neutralised as on a console without colour (exec::Neutralised: colour
/// sequences dropped, any other control shown, ESC as "^["), then
/// '&', '<', '>', '"' and '\'' as character references. Every string of a report that
/// comes from a journal or a log goes through it: a component named `<script>` or a log
/// line `</pre>` is text, never markup.
std::string HtmlEscaped(std::string_view text);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_HTML_TEXT_H_
