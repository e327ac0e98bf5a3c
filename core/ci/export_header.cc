#include "core/ci/export_header.h"

#include "absl/strings/str_cat.h"
#include "core/state/output_seal.h"

namespace gantry::ci {

std::string ExportHeader(const std::string& engine, const Pipeline& pipeline,
                         const std::string& key_hint, const std::vector<std::string>& more_notes) {
  std::string out = absl::StrCat(
      "# Written by `gantry export ", engine, "` (gantry ", GANTRY_VERSION,
      "): ", pipeline.operation, " of ", pipeline.jobs.size(), " components, target \"",
      pipeline.target, "\".\n",
      "# Export it again when the deployment changes instead of editing it.\n",
      "# Each job runs gantry for one component; outputs travel as artifacts in\n# ",
      pipeline.outputs_dir, "/. Sensitive ones are sealed with $", state::kOutputsKeyVariable,
      ":\n# set it ", key_hint, " (e.g. `openssl rand -base64 32`);\n",
      "# without it they are withheld, and a job reading one fails saying so.\n");
  if (pipeline.notes.empty() && more_notes.empty()) return out;
  absl::StrAppend(&out, "# Not kept on this engine:\n");
  for (const std::vector<std::string>* notes : {&pipeline.notes, &more_notes})
    for (const std::string& note : *notes) absl::StrAppend(&out, "#   - ", note, "\n");
  return out;
}

}  // namespace gantry::ci
