// What the last successful build of a component was made from, and what it made: so that
// a plan after an apply says "nothing to build" and an apply with nothing changed records
// the same outputs again instead of building another image from the same inputs.
#ifndef GANTRY_PLUGINS_PACKER_LAST_BUILD_H_
#define GANTRY_PLUGINS_PACKER_LAST_BUILD_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "build_outputs.h"

namespace gantry::packer {

/// The file in the component's state directory (mode 0600: outputs may be secrets).
inline constexpr char kLastBuildFile[] = "packer-last-build.json";

struct LastBuild {
  /// BuildInputsFingerprint of the build.
  std::string fingerprint;
  /// Its outputs, with whether each was recorded sensitive.
  std::vector<OutputValue> outputs;
  std::vector<bool> sensitive;
};

/// A fingerprint of what a build is made from: every file under `source_copy` (the
/// component's workspace before gantry writes into it: the template and the scripts and
/// files beside it), the settings and the vars (with references resolved, so a new
/// upstream value is a change). FNV-1a 64, as hex: for noticing a change.
std::string BuildInputsFingerprint(const std::string& source_copy, std::string_view settings_json,
                                   std::string_view vars_json);

/// The record as JSON text, and back; nullopt for text that is not one.
std::string LastBuildJson(const LastBuild& build);
std::optional<LastBuild> ParseLastBuild(std::string_view text);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_LAST_BUILD_H_
