// The file packer's `manifest` post-processor writes: every build's artifact, appended
// run after run (packer 1.6.6's -force does not empty it for HCL2 templates), each entry
// tagged with its run's packer_run_uuid and the file with last_run_uuid. Only entries of
// the run that just ended may become outputs: never an earlier run's.
#ifndef GANTRY_PLUGINS_PACKER_MANIFEST_H_
#define GANTRY_PLUGINS_PACKER_MANIFEST_H_

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gantry/json.hpp"

namespace gantry::packer {

struct ManifestEntry {
  /// The build's name as the manifest has it: the source's ("one") for HCL2, the
  /// builder's for a legacy template.
  std::string name;
  std::string builder_type;
  std::string artifact_id;
  std::string run_uuid;
  /// The post-processor's custom_data, in order.
  json::Object custom_data;
};

struct Manifest {
  std::string last_run_uuid;
  std::vector<ManifestEntry> builds;
};

/// Parses a manifest; throws std::runtime_error naming `path` and saying what to do when
/// it is not one.
Manifest ParseManifest(std::string_view text, const std::string& path);

/// Every run id `manifest` mentions: read before a build, so that what the build adds is
/// told apart from what was there.
std::set<std::string> RunIdsIn(const Manifest& manifest);

/// The entries the run that just ended added: those of last_run_uuid when it is a run id
/// not seen before (`before`); none when packer wrote nothing this time.
std::vector<ManifestEntry> ThisRunEntries(const Manifest& after, const std::set<std::string>& before);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_MANIFEST_H_
