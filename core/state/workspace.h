// Workspaces: the isolated working copy of a component's source for one run.
#ifndef GANTRY_CORE_STATE_WORKSPACE_H_
#define GANTRY_CORE_STATE_WORKSPACE_H_

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/state/layout.h"

namespace gantry::state {

/// What a copy did.
struct CopyStats {
  uint64_t files = 0;        ///< regular files copied
  uint64_t reflinked = 0;    ///< of those, cloned with FICLONE (sharing blocks copy-on-write)
  uint64_t directories = 0;  ///< directories created below the root
  uint64_t symlinks = 0;
  uint64_t bytes = 0;    ///< total size of the regular files
  uint64_t skipped = 0;  ///< .git/.gantry entries, sockets, devices, FIFOs and links out
                         ///< of the source to nothing, left out
};

/// Copies the tree under `source` into `dest`, which must not exist yet (its parents are
/// created). The copy shares nothing writable with the source:
///
/// - Regular files are cloned with FICLONE where the file system can (btrfs, XFS: no
///   data is copied until one side writes), else copied with copy_file_range(2), else
///   read/written. Never hard-linked: a tool that edits a file in place would edit the
///   source, and every other workspace made from it.
/// - Directories are recreated; sockets, devices and FIFOs are left out.
/// - A symlink that stays inside the source (relative, and not more `..` than it is deep)
///   is copied as it is. One that leads out of it (absolute, or up past the source's
///   root) is followed: the file it leads to is copied (a tool writing to it writes to
///   the copy); a directory is linked by its real path (a shared module works from the
///   workspace without being copied), or by a relative link when that is back inside the
///   source; a link to nothing (or to a socket, device or FIFO) is left out. Copied as
///   they are, such links would lead elsewhere from the workspace, or out of it.
/// - Permission bits (so scripts stay executable; setuid/setgid are dropped, as cp does
///   for a copy it now owns) and access/modification times are kept. The root of `dest`
///   is always writable by its owner, whatever the source's root is.
/// - Every entry named `.git` or `.gantry`, at any depth, is left out: the source may be
///   the deployment root, which holds .gantry (and so the workspace itself).
///
/// An empty `source` means "no source": `dest` is created empty. Errors name the path:
/// NotFound when `source` does not exist (a mistyped source must not become an empty
/// workspace, which terraform would read as "destroy everything"), InvalidArgument when
/// it is not a directory, AlreadyExists when `dest` exists, system errors otherwise. On
/// error nothing is left at `dest`.
absl::StatusOr<CopyStats> CopyTree(const std::filesystem::path& source,
                                   const std::filesystem::path& dest);

/// Creates the workspace of `component` in run `run` (Layout::WorkspaceDir) as a
/// CopyTree of `source`, and returns its path. Safe to call concurrently for different
/// components of one run, including while others' workspaces are being removed. The run
/// must hold its RunLiveness meanwhile, or `gantry workspaces clean` may remove the
/// workspace under it. `stats` (may be null) receives what the copy did.
///
/// `spare` (may be null): an empty directory of this run left by RecycleWorkspace, renamed
/// into place instead of making a new directory (no inode made, none freed). It is
/// consumed either way: renamed, or removed.
absl::StatusOr<std::filesystem::path> CreateWorkspace(const Layout& layout, std::string_view run,
                                                      std::string_view component,
                                                      const std::filesystem::path& source,
                                                      CopyStats* stats = nullptr,
                                                      const std::filesystem::path* spare = nullptr);

/// Removes the workspace of `component` in run `run`, then the directories above it that
/// became empty, up to but not including workspaces/<run>/. OK when it does not exist.
absl::Status RemoveWorkspace(const Layout& layout, std::string_view run,
                             std::string_view component);

/// Like RemoveWorkspace, but an empty workspace directory is renamed to `spare` (a new
/// path in workspaces/<run>/ whose name no component can have) and given the mode a new
/// one would get, for CreateWorkspace to reuse; returns whether it was. On file systems
/// where making and removing inodes is slow (ext4 without a journal scans the recently
/// freed ones on every allocation), a run of many components then makes a handful of
/// workspace directories instead of one each.
absl::StatusOr<bool> RecycleWorkspace(const Layout& layout, std::string_view run,
                                      std::string_view component,
                                      const std::filesystem::path& spare);

/// Removes workspaces/<run>/ when it is empty, at the end of a run; leaves it, and
/// returns OK, when it still holds kept workspaces or does not exist.
absl::Status RemoveRunWorkspaces(const Layout& layout, std::string_view run);

/// `rm -rf path`, robust against read-only directories (each gets u+rwx before its
/// entries are removed) and never following a symlink (a symlink is removed, not its
/// target). Keeps going past an entry it cannot remove and returns the first error,
/// naming the path. OK when `path` does not exist. Returns the total size of the regular
/// files removed.
absl::StatusOr<uint64_t> RemoveTree(const std::filesystem::path& path);

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_WORKSPACE_H_
