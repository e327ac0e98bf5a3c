#include "core/cli/maintenance_commands.h"

#include "absl/status/status.h"
#include "core/cli/exit_codes.h"
#include "core/config/duration.h"
#include "core/record/file_output.h"
#include "core/record/html_report.h"
#include "core/record/journal_reader.h"
#include "core/record/log_tail.h"
#include "core/record/runs_format.h"
#include "core/record/runs_index.h"
#include "core/run/record_files.h"
#include "core/state/layout.h"
#include "core/state/workspace_cleaner.h"

namespace gantry::cli {
namespace {

std::string RunsDir(const config::Deployment& deployment) {
  return state::Layout::ForDeployment(deployment.root_dir).RunsDir().string();
}

// The run of `journal` (id `id`) as a page at `path`. Logs are read where gantry writes
// them in the run's directory, never at a path the journal names: a journal is a file
// anyone may have written, and the page must show nothing but that run's logs.
int WriteRunPage(const config::Deployment& deployment, const std::string& id,
                 const record::Journal& journal, const std::string& path, std::ostream& out,
                 std::ostream& err) {
  if (absl::Status usable =
          run::CheckRecordFile("--html", run::RecordKind::kHtmlReport, path, deployment);
      !usable.ok()) {
    err << "gantry: " << usable.message() << "\n";
    return kExitBadInput;
  }
  const state::Layout layout = state::Layout::ForDeployment(deployment.root_dir);
  record::LogTails logs;
  for (const record::ComponentRecord& component : journal.run.components) {
    absl::StatusOr<record::LogTail> tail =
        record::ReadLogTail(layout.LogPath(id, component.name).string());
    if (tail.ok()) {
      logs.emplace(component.name, *std::move(tail));
    } else if (!absl::IsNotFound(tail.status())) {  // none: it never started or printed
      err << "gantry: --html: " << tail.status().message() << "; the page shows no log of "
          << component.name << "\n";
    }
  }
  if (absl::Status written = record::WriteFileAtomically(path, record::HtmlReport(journal, logs));
      !written.ok()) {
    err << "gantry: --html: " << written.message() << "\n";
    return kExitComponentFailed;
  }
  out << "wrote " << path << "\n";
  return kExitOk;
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

int ShowRun(const config::Deployment& deployment, const std::string& run,
            const std::string& html_file, std::ostream& out, std::ostream& err) {
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
  if (!html_file.empty()) return WriteRunPage(deployment, *id, *journal, html_file, out, err);
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
