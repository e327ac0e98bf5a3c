// The comment block at the top of an exported pipeline: what wrote it, how outputs and
// secrets travel, and what the engine does not keep.
#ifndef GANTRY_CORE_CI_EXPORT_HEADER_H_
#define GANTRY_CORE_CI_EXPORT_HEADER_H_

#include <string>
#include <vector>

#include "core/ci/pipeline.h"

namespace gantry::ci {

/// "# ..." lines ending in '\n'. `engine` is the export's word ("gitlab", "github"),
/// `key_hint` where the key is set there; `more_notes` follow the pipeline's notes.
std::string ExportHeader(const std::string& engine, const Pipeline& pipeline,
                         const std::string& key_hint,
                         const std::vector<std::string>& more_notes = {});

}  // namespace gantry::ci

#endif  // GANTRY_CORE_CI_EXPORT_HEADER_H_
