// The packer command lines and environment the plugin runs, as plain data: everything
// about how packer is invoked is decided here and tested without running it.
#ifndef GANTRY_PLUGINS_PACKER_COMMAND_LINE_H_
#define GANTRY_PLUGINS_PACKER_COMMAND_LINE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "packer_settings.h"
#include "template_facts.h"

namespace gantry::packer {

/// The vars file gantry writes into the workspace (mode 0600). Not a name packer loads by
/// itself (*.auto.pkrvars.*): it is given with -var-file, so a var the template does not
/// declare is a warning, not an error.
inline constexpr const char* kVarsFile = "gantry.pkrvars.json";

/// Where one run's packer keeps what it writes.
struct RunPaths {
  /// The plugin's cache directory (downloads, plugins, config); "" from an older host.
  std::string cache_dir;
  /// TMPDIR: a directory of the workspace.
  std::string temp_dir;
  /// The vars file's absolute path, or "" when the component has no vars.
  std::string vars_file;
};

class CommandLine {
 public:
  CommandLine(const PackerSettings& settings, std::string template_argument, RunPaths paths)
      : settings_(settings), argument_(std::move(template_argument)), paths_(std::move(paths)) {}

  std::vector<std::string> Version() const;
  /// `init TEMPLATE`: installs the template's required_plugins (packer 1.7 and later).
  std::vector<std::string> Init() const;
  /// `validate` with the builds and vars of the build.
  std::vector<std::string> Validate() const;
  /// `build -color=false -force` with machine-readable output, the builds and the vars.
  std::vector<std::string> Build() const;

  /// Variables of every command: no update check, no colour, the cache, plugin and config
  /// directories in the plugin's cache, TMPDIR in the workspace, then the user's env
  /// (which wins).
  std::map<std::string, std::string> Environment() const;

 private:
  // binary, words, -only/-except, -var-file, args.<args_key>, then the template.
  std::vector<std::string> Command(std::vector<std::string> words, const char* args_key,
                                   bool takes_builds) const;

  const PackerSettings& settings_;
  std::string argument_;
  RunPaths paths_;
};

/// The version `packer version` printed ("Packer v1.6.6" -> {1, 6}), or nullopt.
std::optional<std::pair<int, int>> ParseVersion(std::string_view text);

/// Whether that version has `packer init` (1.7 and later).
bool HasInit(std::pair<int, int> version);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_COMMAND_LINE_H_
