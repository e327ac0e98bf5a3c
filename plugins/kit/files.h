// The few file operations plugins need, with errors as text for the user.
#ifndef GANTRY_PLUGINS_KIT_FILES_H_
#define GANTRY_PLUGINS_KIT_FILES_H_

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gantry::kit {

/// The file's bytes, or nullopt when it cannot be read (absent, a directory...).
std::optional<std::string> ReadFile(const std::string& path);

/// Writes `content` to `path` through a temporary file of its own and a rename, so a
/// reader sees the old file or the new one, never half of one, even with several writers. `mode` 0600 for a file that may hold
/// secrets (vars). Returns "" or what went wrong.
std::string WriteFileAtomically(const std::string& path, std::string_view content,
                                mode_t mode = 0644);

/// Creates `path` and its parents (mode 0755, as umask allows). Returns "" or why not.
std::string MakeDirectories(const std::string& path);

/// 64-bit FNV-1a of `data`, continuing from `hash`: for noticing a change, not security.
uint64_t Fnv1a(std::string_view data, uint64_t hash = 0xcbf29ce484222325ULL);

/// `value` as 16 lowercase hex digits.
std::string Hex(uint64_t value);

}  // namespace gantry::kit

#endif  // GANTRY_PLUGINS_KIT_FILES_H_
