// Checks the record files named on the command line (--summary, --events, --trace)
// before a run starts, and the page of `runs show --html` before it is written.
#ifndef GANTRY_CORE_RUN_RECORD_FILES_H_
#define GANTRY_CORE_RUN_RECORD_FILES_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "core/config/deployment.h"
#include "core/run/run_options.h"

namespace gantry::run {

/// The kinds of record file a flag writes.
enum class RecordKind {
  kSummary,  ///< --summary: replaced whole at the end
  kEvents,   ///< --events: emptied at the start, then appended to
  kTrace,    ///< --trace: replaced whole at the end
  kHtmlReport,  ///< `runs show --html`: replaced whole
};

/// Whether `head`, the first bytes of a file, begin the way gantry writes a record of
/// `kind` (whitespace between tokens aside):
///   summary  {"schema": <number>, "run_id": ...
///   events   {"schema": <number>, "event": ...      (the first line)
///   trace    {"displayTimeUnit": "ms", "traceEvents": [{"args": {"name": "gantry ...
///   HTML     record::kHtmlReport (the comment opening every report page)
/// An empty head is not a record (callers treat an empty file as nothing to lose).
bool LooksLikeRecord(RecordKind kind, std::string_view head);

/// InvalidArgument, naming the flag and the file and saying what to do, unless every
/// record file of `options` can be written and replaces nothing it must not:
///  - its directory exists and is writable, and it is not itself a directory;
///  - it is none of the deployment's files (gantry.toml, its includes), nor another
///    record flag's file, compared by device and inode (a symlink or hard link to one
///    is refused too);
///  - when it exists it is empty or a record of the same kind (LooksLikeRecord); for
///    --events it may also be a FIFO, a terminal or another non-regular file (it is
///    only written to); --summary and --trace must be regular files (they are replaced);
///  - it is not inside the deployment's .gantry/ directory (gantry's own files).
/// Run before the run's directory and journal are created, so a bad flag leaves no run.
absl::Status CheckRecordFiles(const RunOptions& options, const config::Deployment& deployment);

/// The same checks of one file, `path`, which `flag` (named in the error) writes: for a
/// record made outside a run.
absl::Status CheckRecordFile(const char* flag, RecordKind kind, const std::string& path,
                             const config::Deployment& deployment);

}  // namespace gantry::run

#endif  // GANTRY_CORE_RUN_RECORD_FILES_H_
