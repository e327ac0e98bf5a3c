#include "core/scaffold/recognize_tree.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/scaffold/recognizing_context.h"

namespace gantry::scaffold {

Recognized RecognizeTree(const std::string& root, const plugin::PluginRegistry& plugins,
                         const WalkLimits& limits) {
  Recognized out;
  WalkResult walk = WalkDirectories(root, limits);
  for (std::string& problem : walk.unreadable)
    out.warnings.push_back(absl::StrCat("could not read ", problem));
  if (walk.truncated)
    out.warnings.push_back(absl::StrCat(
        "stopped looking after ", walk.directories.size(), " directories or ", limits.max_depth,
        " levels: run gantry init in the directory that holds your components"));
  std::vector<const plugin::LoadedPlugin*> recognizers;
  for (const auto& loaded : plugins.plugins())
    if (loaded->has_recognize()) recognizers.push_back(loaded.get());
  std::sort(recognizers.begin(), recognizers.end(),
            [](const auto* a, const auto* b) { return a->name() < b->name(); });
  for (const std::string& dir : walk.directories) {
    for (const plugin::LoadedPlugin* recognizer : recognizers) {
      RecognizingContext context(recognizer->name(), recognizer->component_types(), dir);
      const gantry_status status = recognizer->Recognize(context, dir);
      for (const plugin::PluginDiagnostic& d : context.diagnostics())
        out.warnings.push_back(absl::StrCat("plugin ", recognizer->name(), " in ", dir, ": ",
                                            d.message));
      if (status != GANTRY_STATUS_OK && context.diagnostics().empty())
        out.warnings.push_back(absl::StrCat("plugin ", recognizer->name(), " failed to recognise ",
                                            dir, " and said nothing of why"));
      for (Proposal& proposal : context.proposals()) out.proposals.push_back(std::move(proposal));
    }
  }
  out.directories = walk.directories.size();
  return out;
}

}  // namespace gantry::scaffold
