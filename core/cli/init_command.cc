#include "core/cli/init_command.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <map>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/cli/exit_codes.h"
#include "core/config/config_loader.h"
#include "core/record/file_output.h"
#include "core/scaffold/component_names.h"
#include "core/scaffold/discovered_edges.h"
#include "core/scaffold/recognize_tree.h"
#include "core/scaffold/starting_config.h"

namespace gantry::cli {
namespace {

// Creates `path` with `text`, failing if it exists (O_EXCL: no check-then-write race
// can replace a file another process just wrote). A partial file is removed.
absl::Status CreateNewFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return absl::ErrnoToStatus(errno, absl::StrCat("cannot create ", path));
  absl::Status status = record::WriteAll(fd, text, path);
  if (status.ok()) status = record::SyncFile(fd, path, /*data_only=*/false);
  ::close(fd);
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

// "2 terraform, 1 packer".
std::string TypeCounts(const std::vector<scaffold::Proposal>& proposals) {
  std::map<std::string, int> counts;
  for (const scaffold::Proposal& proposal : proposals) ++counts[proposal.type];
  std::vector<std::string> parts;
  for (const auto& [type, count] : counts) parts.push_back(absl::StrCat(count, " ", type));
  return absl::StrJoin(parts, ", ");
}

}  // namespace

int RunInit(const InitOptions& options, const plugin::PluginRegistry& plugins, bool load_errors,
            std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(options.dir, error)) {
    err << "gantry: init: " << options.dir << " is not a directory; give the directory that "
        << "holds your terraform roots, packer templates and playbooks\n";
    return kExitBadInput;
  }
  const std::string root = fs::canonical(options.dir, error).string();
  const std::string file = (fs::path(root) / config::kConfigFileName).string();
  if (!options.print && fs::symlink_status(file, error).type() != fs::file_type::not_found) {
    err << "gantry: " << file << " already exists: gantry init never replaces it. Move it "
        << "aside, or see what init would write with `gantry init --print`\n";
    return kExitBadInput;
  }

  const scaffold::Recognized found = scaffold::RecognizeTree(root, plugins);
  for (const std::string& warning : found.warnings) err << "gantry: warning: " << warning << "\n";
  if (found.proposals.empty()) {
    std::vector<std::string> recognizers;
    for (const auto& loaded : plugins.plugins())
      if (loaded->has_recognize()) recognizers.push_back(loaded->name());
    err << "gantry: init: no plugin recognised a component in " << root << " ("
        << found.directories << " director" << (found.directories == 1 ? "y" : "ies")
        << " shown to " << (recognizers.empty() ? "no plugin" : "plugins " + absl::StrJoin(recognizers, ", "))
        << "); write gantry.toml by hand (see docs/getting-started.md)\n";
    return kExitBadInput;
  }
  const std::vector<std::string> names = scaffold::NameComponents(found.proposals, root);
  const scaffold::ProposedGraph graph =
      scaffold::DiscoverProposed(found.proposals, names, root, plugins);
  const std::string text = scaffold::StartingConfig(found.proposals, names, graph.needs, root);

  if (options.print) {
    out << text;
  } else {
    if (const absl::Status written = CreateNewFile(file, text); !written.ok()) {
      err << "gantry: init: " << written.message() << "\n";
      return kExitBadInput;
    }
    size_t edges = 0;
    for (const auto& needs : graph.needs) edges += needs.size();
    out << "wrote " << file << ": " << found.proposals.size() << " component"
        << (found.proposals.size() == 1 ? "" : "s") << " (" << TypeCounts(found.proposals)
        << ")";
    if (edges > 0)
      out << ", " << edges << " dependenc" << (edges == 1 ? "y" : "ies")
          << " found by discovery";
    out << "\n";
    for (size_t i = 0; i < names.size(); ++i)
      out << "  " << names[i] << " (" << found.proposals[i].type << ")\n";
  }
  if (!graph.problems.empty()) {
    err << "gantry: init: `gantry validate` will report these until gantry.toml says more:\n";
    for (const std::string& problem : graph.problems) err << "  " << problem << "\n";
  }
  if (!options.print) out << "next: gantry validate, gantry graph, gantry plan\n";
  return load_errors ? kExitPluginLoad : kExitOk;
}

}  // namespace gantry::cli
