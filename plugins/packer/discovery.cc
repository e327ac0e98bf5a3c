#include "discovery.h"

#include "kit/file_keys.h"

namespace gantry::packer {

std::vector<NeededFile> NeededFiles(const std::string& source_dir, const PackerSettings& settings,
                                    const TemplatePlace& place) {
  std::vector<NeededFile> needed;
  const std::string template_path = kit::FilePath(source_dir, settings.template_path);
  needed.push_back({template_path, kit::FileKey("", template_path),
                    settings.template_path.empty() ? "the template (source)"
                                                   : "template " + settings.template_path});
  for (const char* command : {"validate", "build"}) {
    const auto args = settings.args.find(command);
    if (args == settings.args.end()) continue;
    const std::vector<std::string>& words = args->second;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::string file;
      if (words[i].rfind("-var-file=", 0) == 0)
        file = words[i].substr(10);
      else if (words[i] == "-var-file" && i + 1 < words.size())
        file = words[i + 1];
      if (file.empty()) continue;
      const std::string path = kit::FilePath(place.run_dir, file);
      NeededFile need{path, kit::FileKey("", path), "-var-file " + file + " in args." + command};
      bool seen = false;
      for (const NeededFile& other : needed) seen = seen || other.key == need.key;
      if (!seen) needed.push_back(need);
    }
  }
  return needed;
}

std::vector<std::string> ProvidedManifestKeys(const std::string& workspace_root,
                                              const std::string& workspace_run_dir,
                                              const TemplateFacts& facts) {
  std::vector<std::string> keys;
  const std::string inside = kit::FileKey("", workspace_root) + "/";
  for (const std::string& manifest : facts.manifests) {
    const std::string key = kit::FileKey(workspace_run_dir, manifest);
    if (key.rfind(inside, 0) == 0) continue;  // in the workspace: gone after the run
    keys.push_back(key);
  }
  return keys;
}

}  // namespace gantry::packer
