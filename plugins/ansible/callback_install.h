// Puts gantry's callback (built into the plugin from callback/gantry_result.py) where
// ansible-playbook loads it: <cache_dir>/callback_plugins/, shared by every component of
// the project, rewritten only when the plugin brings a different one.
#ifndef GANTRY_PLUGINS_ANSIBLE_CALLBACK_INSTALL_H_
#define GANTRY_PLUGINS_ANSIBLE_CALLBACK_INSTALL_H_

#include <string>
#include <string_view>

namespace gantry::ansible {

/// The directory the callback is installed in, under `cache_dir`.
std::string CallbackDir(const std::string& cache_dir);

/// Writes `source` as <dir>/<kCallbackName>.py unless it already holds exactly that;
/// concurrent installs each write a file of their own and rename it into place, so a
/// reader never sees half of one. Returns "" or what went wrong.
std::string InstallCallback(const std::string& dir, std::string_view source);

}  // namespace gantry::ansible

#endif  // GANTRY_PLUGINS_ANSIBLE_CALLBACK_INSTALL_H_
