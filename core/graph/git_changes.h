// The files changed since a git revision, and deployment files as they were then, asked
// of the `git` program (run directly, never through a shell).
#ifndef GANTRY_CORE_GRAPH_GIT_CHANGES_H_
#define GANTRY_CORE_GRAPH_GIT_CHANGES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace gantry::graph {

struct GitChanges {
  std::string top_dir;  ///< the repository's top level, absolute
  /// Changed between the revision and the working tree (tracked changes both ways, a
  /// rename as its old and its new path) and untracked files git does not ignore;
  /// absolute, sorted, each once.
  std::vector<std::string> files;
};

/// Asks git, run in `dir`, what changed since `since`. InvalidArgument, saying what to
/// do, when git cannot be run, `dir` is in no git repository, or git knows no such
/// revision; each message names `since` or `dir`.
absl::StatusOr<GitChanges> ChangedSince(const std::string& dir, const std::string& since);

/// The text of the file `path` (absolute, under `top_dir`) at revision `since`: NotFound
/// when it did not exist there.
absl::StatusOr<std::string> FileAtRevision(const std::string& top_dir, const std::string& since,
                                           const std::string& path);

}  // namespace gantry::graph

#endif  // GANTRY_CORE_GRAPH_GIT_CHANGES_H_
