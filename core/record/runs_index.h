// The runs recorded under .gantry/runs: listing, "last", and ids as users type them.
#ifndef GANTRY_CORE_RECORD_RUNS_INDEX_H_
#define GANTRY_CORE_RECORD_RUNS_INDEX_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/record/journal_reader.h"

namespace gantry::record {

inline constexpr char kJournalFileName[] = "journal.jsonl";
inline constexpr char kSummaryFileName[] = "summary.json";
/// What ResolveRun takes for the newest run.
inline constexpr char kLastRun[] = "last";

/// <runs_dir>/<run_id>, <runs_dir>/<run_id>/journal.jsonl, .../summary.json.
std::string RunDirectory(std::string_view runs_dir, std::string_view run_id);
std::string JournalPath(std::string_view runs_dir, std::string_view run_id);
std::string SummaryPath(std::string_view runs_dir, std::string_view run_id);

/// One recorded run: a subdirectory of the runs directory holding a journal.
struct RunListing {
  std::string id;            ///< the directory name
  std::string journal_path;
  absl::Status error;        ///< why the journal could not be read; `journal` empty then
  Journal journal;
};

/// Restricts which runs count as "last" (unset: any).
struct RunFilter {
  std::optional<std::string> operation;
  std::optional<std::string> target;
};

/// Every run under `runs_dir`, newest first by start time (ties by id); runs whose
/// journal cannot be read come last, by id, with `error` set. A missing `runs_dir` holds
/// no runs; an unreadable one is an error.
absl::StatusOr<std::vector<RunListing>> ListRuns(const std::string& runs_dir);

/// The newest readable run matching `filter`; kNotFound (saying what was looked for)
/// when there is none.
absl::StatusOr<RunListing> FindLastRun(const std::string& runs_dir,
                                       const RunFilter& filter = RunFilter());

/// The id of the run a user means by `spec`: kLastRun (FindLastRun with `filter`), a
/// whole id, or, like git, a prefix matching exactly one id (`filter` is not applied to
/// ids). kNotFound for no match, kInvalidArgument for an empty spec or an ambiguous
/// prefix (listing the candidates).
absl::StatusOr<std::string> ResolveRun(const std::string& runs_dir, std::string_view spec,
                                       const RunFilter& filter = RunFilter());

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RUNS_INDEX_H_
