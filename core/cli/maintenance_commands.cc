#include "core/cli/maintenance_commands.h"

#include "core/cli/exit_codes.h"
#include "core/config/duration.h"
#include "core/record/journal_reader.h"
#include "core/record/runs_format.h"
#include "core/record/runs_index.h"
#include "core/state/layout.h"
#include "core/state/workspace_cleaner.h"

namespace gantry::cli {
namespace {

std::string RunsDir(const config::Deployment& deployment) {
  return state::Layout::ForDeployment(deployment.root_dir).RunsDir().string();
}

}  // namespace

int ListRuns(const config::Deployment& deployment, std::ostream& out, std::ostream& err) {
  absl::StatusOr<std::vector<record::RunListing>> runs = record::ListRuns(RunsDir(deployment));
  if (!runs.ok()) {
    err << "gantry: " << runs.status().message() << "\n";
    return kExitBadInput;
  }
  record::PrintRunList(*runs, out);
  return kExitOk;
}

int ShowRun(const config::Deployment& deployment, const std::string& run, std::ostream& out,
            std::ostream& err) {
  const std::string runs_dir = RunsDir(deployment);
  absl::StatusOr<std::string> id = record::ResolveRun(runs_dir, run);
  if (!id.ok()) {
    err << "gantry: " << id.status().message() << "\n";
    return kExitBadInput;
  }
  absl::StatusOr<record::Journal> journal =
      record::ReadJournal(record::JournalPath(runs_dir, *id));
  if (!journal.ok()) {
    err << "gantry: " << journal.status().message() << "\n";
    return kExitBadInput;
  }
  if (journal->empty) journal->run.run_id = *id;
  record::PrintRunDetails(*journal, out);
  return kExitOk;
}

int CleanWorkspaces(const config::Deployment& deployment, const std::string& older_than,
                    std::ostream& out, std::ostream& err) {
  state::CleanOptions options;
  if (!older_than.empty()) {
    absl::StatusOr<absl::Duration> age = config::ParseDuration(older_than);
    if (!age.ok()) {
      err << "gantry: --older-than: " << age.status().message() << "\n";
      return kExitBadInput;
    }
    options.older_than = *age;
  }
  absl::StatusOr<state::CleanReport> report =
      state::CleanWorkspaces(state::Layout::ForDeployment(deployment.root_dir), options);
  if (!report.ok()) {
    err << "gantry: " << report.status().message() << "\n";
    return kExitComponentFailed;
  }
  for (const std::string& path : report->removed) out << "removed " << path << "\n";
  for (const std::string& path : report->kept_live) out << "kept " << path << " (its run is still going)\n";
  for (const auto& busy : report->kept_busy) {
    err << "gantry: kept " << busy.path << ": processes of its run are still running: "
        << busy.processes << "; stop them, then clean again\n";
  }
  for (const auto& failure : report->failed)
    err << "gantry: could not remove " << failure.path << ": " << failure.error << "\n";
  out << report->removed.size() << " workspace(s) removed, " << report->bytes_freed / 1024
      << " KiB freed; " << report->kept_live.size() << " live and " << report->kept_recent.size()
      << " recent kept\n";
  return report->failed.empty() && report->kept_busy.empty() ? kExitOk : kExitComponentFailed;
}

}  // namespace gantry::cli
