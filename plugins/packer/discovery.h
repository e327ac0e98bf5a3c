// What a packer component needs and provides, as file keys (kit::FileKey), so the host
// orders it after the component that writes its template or a var file, and before one
// that reads its manifest.
#ifndef GANTRY_PLUGINS_PACKER_DISCOVERY_H_
#define GANTRY_PLUGINS_PACKER_DISCOVERY_H_

#include <string>
#include <vector>

#include "packer_settings.h"
#include "template_facts.h"

namespace gantry::packer {

struct NeededFile {
  std::string path;    ///< absolute, lexically normal (kit::FilePath)
  std::string key;     ///< kit::FileKey of `path`
  std::string reason;
};

/// The template (file or directory, in the source) and every -var-file in args.validate
/// and args.build (relative to the template's directory, as packer reads it).
std::vector<NeededFile> NeededFiles(const std::string& source_dir, const PackerSettings& settings,
                                    const TemplatePlace& place);

/// The keys of the manifests written where another component can read them: a path that
/// leads out of the workspace. `workspace_run_dir` stands for the directory packer runs
/// in during a run (any run id will do: no path outside can depend on it).
std::vector<std::string> ProvidedManifestKeys(const std::string& workspace_root,
                                              const std::string& workspace_run_dir,
                                              const TemplateFacts& facts);

}  // namespace gantry::packer

#endif  // GANTRY_PLUGINS_PACKER_DISCOVERY_H_
