// Copying the C strings a plugin hands over through the ABI, which may be NULL.
#ifndef GANTRY_CORE_PLUGIN_C_STRINGS_H_
#define GANTRY_CORE_PLUGIN_C_STRINGS_H_

#include <string>
#include <vector>

namespace gantry::plugin {

/// `s`, or "" for NULL: a plugin's NULL string is an empty one, never a crash.
inline std::string Str(const char* s) { return s != nullptr ? std::string(s) : std::string(); }

/// The strings of a NULL-terminated array (none for a NULL array).
inline std::vector<std::string> StringList(const char* const* list) {
  std::vector<std::string> out;
  for (; list != nullptr && *list != nullptr; ++list) out.emplace_back(*list);
  return out;
}

}  // namespace gantry::plugin

#endif  // GANTRY_CORE_PLUGIN_C_STRINGS_H_
