// Child output made harmless to print on a terminal: control bytes shown, not obeyed.
#ifndef GANTRY_CORE_EXEC_INERT_TEXT_H_
#define GANTRY_CORE_EXEC_INERT_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gantry::exec {

/// What the console makes of a component's bytes (the log keeps them raw):
/// - SGR colour sequences (ESC '[' digits ';' ':' ... 'm', at most kMaxSgr bytes) are kept
///   when `keep_sgr` (a colour terminal) and dropped otherwise; text that kept one ends
///   each of its lines with ESC[0m, so a colour (or "hidden") never reaches the next
///   line, a label or gantry's own lines.
/// - Every other C0 control but '\t' and '\n' is shown in caret notation, as `cat -v`
///   does: ESC as "^[", a bare '\r' as "^M", BEL as "^G"; DEL as "^?". The rest of an
///   escape sequence is then plain text ("^[[2J", "^[]52;c;...^G"), so nothing in it
///   acts, wherever the text was cut.
/// - C1 controls in their UTF-8 form (U+0080..U+009F, bytes C2 80..C2 9F) as "M-^@".."M-^_"
///   (cat -v's name for the byte 0x80..0x9F).
/// - "\r\n" is a line end: '\n'.
/// Everything else (UTF-8 included) passes unchanged.

/// Longest SGR sequence kept (longer ones are shown like other sequences).
inline constexpr size_t kMaxSgr = 48;
/// Most bytes RenderControl writes.
inline constexpr size_t kMaxRendered = kMaxSgr;
/// What text that kept an SGR sequence ends its lines with.
inline constexpr std::string_view kSgrReset = "\x1b[0m";

/// Whether `c` may start something to neutralise: a C0 control other than '\t' and '\n',
/// DEL, or 0xC2 (the lead byte of U+0080..U+00BF, C1 controls among them).
inline bool MayNeedNeutralising(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f || c == 0xc2;
}

/// The offset of the first byte of `text` for which MayNeedNeutralising holds, or
/// text.size(): 16 bytes at a time with SSE2.
size_t FindControl(std::string_view text);

/// Renders what starts at text[0] (a byte for which MayNeedNeutralising holds) into
/// `out`, which has room for kMaxRendered bytes. Returns how many bytes of `text` it
/// stands for; `*written` is how many it wrote, `*kept_sgr` is set when an SGR sequence
/// was kept (and left alone otherwise).
size_t RenderControl(std::string_view text, bool keep_sgr, char* out, size_t* written,
                     bool* kept_sgr);

/// `text` itself when it holds nothing to neutralise (one fast scan, no copy); otherwise
/// its neutralised form, in `*scratch`.
std::string_view Neutralise(std::string_view text, bool keep_sgr, std::string* scratch);
/// The neutralised copy of `text`.
std::string Neutralised(std::string_view text, bool keep_sgr = false);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_INERT_TEXT_H_
