// A secret as JSON writers print it inside a string: the forms the masker also hides.
#ifndef GANTRY_CORE_STREAM_JSON_ESCAPE_H_
#define GANTRY_CORE_STREAM_JSON_ESCAPE_H_

#include <string>
#include <string_view>

namespace gantry::stream {

/// `text` escaped as the content of a JSON string (no quotes around it).
///
/// - ascii false: as nlohmann::json::dump and Python's json.dumps(ensure_ascii=False)
///   write it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other bytes below 0x20 as
///   `\u00xx` (lower-case hex); every other byte as is.
/// - ascii true: as Python's json.dumps writes it by default (and nlohmann's
///   ensure_ascii): the same, plus DEL and every non-ASCII character as `\uxxxx`, a
///   surrogate pair above U+FFFF; a byte that does not start a valid UTF-8 sequence as
///   `\udcxx`, as Python reads it from the environment or a file (surrogateescape).
std::string JsonEscaped(std::string_view text, bool ascii);

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_JSON_ESCAPE_H_
