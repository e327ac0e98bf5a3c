#include "core/record/runs_index.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace gantry::record {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxCandidatesShown = 5;

absl::string_view Absl(std::string_view text) { return absl::string_view(text.data(), text.size()); }

// The ids of the subdirectories of `runs_dir` that hold a journal, sorted.
absl::StatusOr<std::vector<std::string>> RunIds(const std::string& runs_dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  if (!fs::exists(runs_dir, ec)) return ids;
  fs::directory_iterator it(runs_dir, ec);
  if (ec) return absl::ErrnoToStatus(ec.value(), absl::StrCat("cannot list ", runs_dir));
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code file_ec;
    if (it->is_directory(file_ec) && fs::is_regular_file(it->path() / kJournalFileName, file_ec))
      ids.push_back(name);
  }
  if (ec) return absl::ErrnoToStatus(ec.value(), absl::StrCat("cannot list ", runs_dir));
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool Matches(const RunRecord& run, const RunFilter& filter) {
  return (!filter.operation || run.operation == *filter.operation) &&
         (!filter.target || run.target == *filter.target);
}

std::string Describe(const RunFilter& filter) {
  std::string what = filter.operation ? absl::StrCat("no ", *filter.operation, " run") : "no run";
  if (filter.target) {
    absl::StrAppend(&what, filter.target->empty() ? " of the default target"
                                                  : absl::StrCat(" of target ", *filter.target));
  }
  return what;
}

}  // namespace

std::string RunDirectory(std::string_view runs_dir, std::string_view run_id) {
  return (fs::path(runs_dir) / run_id).string();
}

std::string JournalPath(std::string_view runs_dir, std::string_view run_id) {
  return (fs::path(runs_dir) / run_id / kJournalFileName).string();
}

std::string SummaryPath(std::string_view runs_dir, std::string_view run_id) {
  return (fs::path(runs_dir) / run_id / kSummaryFileName).string();
}

absl::StatusOr<std::vector<RunListing>> ListRuns(const std::string& runs_dir) {
  absl::StatusOr<std::vector<std::string>> ids = RunIds(runs_dir);
  if (!ids.ok()) return ids.status();
  std::vector<RunListing> runs;
  runs.reserve(ids->size());
  for (std::string& id : *ids) {
    RunListing listing;
    listing.journal_path = JournalPath(runs_dir, id);
    listing.id = std::move(id);
    absl::StatusOr<Journal> journal = ReadJournal(listing.journal_path);
    if (journal.ok()) {
      listing.journal = *std::move(journal);
      if (listing.journal.empty) listing.journal.run.run_id = listing.id;
    } else
      listing.error = journal.status();
    runs.push_back(std::move(listing));
  }
  std::stable_sort(runs.begin(), runs.end(), [](const RunListing& a, const RunListing& b) {
    if (a.error.ok() != b.error.ok()) return a.error.ok();
    if (!a.error.ok()) return false;  // both unreadable: keep id order
    return a.journal.run.started > b.journal.run.started;
  });
  return runs;
}

absl::StatusOr<RunListing> FindLastRun(const std::string& runs_dir, const RunFilter& filter) {
  absl::StatusOr<std::vector<RunListing>> runs = ListRuns(runs_dir);
  if (!runs.ok()) return runs.status();
  for (RunListing& listing : *runs)
    if (listing.error.ok() && Matches(listing.journal.run, filter)) return std::move(listing);
  return absl::NotFoundError(absl::StrCat(Describe(filter), " recorded under ", runs_dir));
}

absl::StatusOr<std::string> ResolveRun(const std::string& runs_dir, std::string_view spec,
                                       const RunFilter& filter) {
  if (spec.empty()) return absl::InvalidArgumentError("empty run id");
  if (spec == kLastRun) {
    absl::StatusOr<RunListing> last = FindLastRun(runs_dir, filter);
    if (!last.ok()) return last.status();
    return last->id;
  }
  absl::StatusOr<std::vector<std::string>> ids = RunIds(runs_dir);
  if (!ids.ok()) return ids.status();
  std::vector<std::string> matches;
  for (const std::string& id : *ids) {
    if (id == spec) return id;
    if (std::string_view(id).starts_with(spec)) matches.push_back(id);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return absl::NotFoundError(absl::StrCat("no run ", Absl(spec), " under ", runs_dir,
                                            " (`gantry runs list` shows them)"));
  }
  const size_t shown = std::min(matches.size(), kMaxCandidatesShown);
  std::string candidates =
      absl::StrJoin(matches.begin(), matches.begin() + static_cast<ptrdiff_t>(shown), ", ");
  if (shown < matches.size()) absl::StrAppend(&candidates, ", ...");
  return absl::InvalidArgumentError(absl::StrCat("run id prefix ", Absl(spec), " is ambiguous: ",
                                                 matches.size(), " runs match (", candidates,
                                                 "); give more characters"));
}

}  // namespace gantry::record
