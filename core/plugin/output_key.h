// The one rule every output key follows, whichever plugin sets it.
#ifndef GANTRY_CORE_PLUGIN_OUTPUT_KEY_H_
#define GANTRY_CORE_PLUGIN_OUTPUT_KEY_H_

#include <string>
#include <string_view>

namespace gantry::plugin {

/// Longest output key accepted, in bytes.
inline constexpr size_t kMaxOutputKeyLength = 128;

/// Why `key` cannot name an output, or "" when it can. An output key is a letter or '_'
/// followed by letters, digits, '_' and '-', at most kMaxOutputKeyLength bytes: the names
/// terraform allows for outputs, and what `${component.key}` references can spell (no
/// '.', '}', spaces or other characters that would end or split a reference).
std::string OutputKeyProblem(std::string_view key);

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_OUTPUT_KEY_H_
