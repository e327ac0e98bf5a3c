// How record files reach the disk: whole writes, appends, atomic replacement.
#ifndef GANTRY_CORE_RECORD_FILE_OUTPUT_H_
#define GANTRY_CORE_RECORD_FILE_OUTPUT_H_

#include <sys/types.h>
#include <sys/uio.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace gantry::record {

/// The error for a failed system call: errno `error` with "<what> <path>".
absl::Status ErrnoError(int error, absl::string_view what, const std::string& path);

/// Writes all of `data` to `fd` (see WriteGathered). `path` names the file in the error.
absl::Status WriteAll(int fd, std::string_view data, const std::string& path);

/// Writes `count` pieces to `fd`, in order, with as few writev(2) calls as can be (at
/// most IOV_MAX pieces each): retries short writes and EINTR, and waits (poll) while a
/// non-blocking descriptor is full. Returns 0, or the errno that stopped it (ENOSPC when
/// the descriptor takes nothing). The pieces are consumed: their bases and lengths are
/// advanced past what was written.
int WriteGathered(int fd, iovec* pieces, size_t count);

/// Flushes what `fd` holds to the disk: fdatasync(2) when `data_only`, else fsync(2),
/// retrying EINTR. Files that cannot be synced (pipes, terminals, read-only file
/// systems: EINVAL, EROFS, ENOTSUP) are OK, there being nothing to make durable. `path`
/// names the file in the error.
absl::Status SyncFile(int fd, const std::string& path, bool data_only);

/// Appends `data` to the file at `path` (created with mode 0666 & ~umask if missing).
absl::Status AppendToFile(const std::string& path, std::string_view data);

/// Writes `contents` to a temporary file beside `path`, syncs it, gives it `mode` and
/// renames it over `path`: a reader sees the old file or the new one, never a mix, even
/// after a crash. The directory must exist. On failure `path` is untouched and the
/// temporary file removed.
absl::Status WriteFileAtomically(const std::string& path, std::string_view contents,
                                 mode_t mode = 0644);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_FILE_OUTPUT_H_
