// The outputs of one packer build run, from what that run alone produced: the artifact
// ids its machine-readable stream reported and the manifest entries it added.
//
//   artifact_id              the first build's artifact id (template order)
//   artifact_ids             JSON object: build name -> artifact id, every build
//   <build>_artifact_id      per build, the name made an output key ("b.null.one" ->
//                            "b_null_one_artifact_id": keys cannot hold '.')
//   <custom_data key>        each key of the manifest entries' custom_data
#ifndef GANTRY_PLUGINS_PACKER_BUILD_OUTPUTS_H_
#define GANTRY_PLUGINS_PACKER_BUILD_OUTPUTS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "manifest.h"

namespace gantry::packer {

struct OutputValue {
  std::string key;
  std::string value;
  bool is_json = false;
};

struct BuildOutputs {
  std::vector<OutputValue> values;
  /// What was left out and why (a clash of keys), for warnings.
  std::vector<std::string> warnings;
};

/// `name` as an output key: every character outside [A-Za-z0-9_-] becomes '_', and a
/// leading digit or '-' gets a '_' in front.
std::string OutputKey(std::string_view name);

/// The outputs of a run. `template_builds` orders the builds (others come after, by
/// name); `stream_ids` are the first artifact ids per build from the stream;
/// `manifest_entries` are this run's entries only, whose artifact ids win over the
/// stream's. A manifest entry is matched to the build whose name is its name or ends in
/// ".<builder_type>.<name>" or ".<name>".
BuildOutputs ComputeOutputs(const std::vector<std::string>& template_builds,
                            const std::map<std::string, std::string>& stream_ids,
                            const std::vector<ManifestEntry>& manifest_entries);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_BUILD_OUTPUTS_H_
