#include "core/ci/github_workflow.h"

#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/ci/export_header.h"
#include "core/ci/yaml_text.h"
#include "core/cli/shell_quote.h"
#include "core/state/output_seal.h"

namespace gantry::ci {
namespace {

// Job ids may hold only letters, digits, '_' and '-', and start with a letter or '_'.
std::vector<std::string> JobIds(const Pipeline& pipeline) {
  std::vector<std::string> ids;
  std::set<std::string> taken;
  for (const PipelineJob& job : pipeline.jobs) {
    std::string id = absl::StrCat(pipeline.operation, "_", job.component);
    for (char& c : id) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
      if (!ok) c = '_';
    }
    if (!(id[0] >= 'a' && id[0] <= 'z') && !(id[0] >= 'A' && id[0] <= 'Z')) id.insert(0, "_");
    std::string unique = id;
    for (int n = 2; !taken.insert(unique).second; ++n) unique = absl::StrCat(id, "_", n);
    ids.push_back(unique);
  }
  return ids;
}

std::string DirOf(const std::string& file) {
  const size_t slash = file.rfind('/');
  return slash == std::string::npos ? "." : file.substr(0, slash);
}

// For each job, the jobs before it in its cap-1 group's chain (not already needed).
std::vector<std::vector<size_t>> ChainNeeds(const Pipeline& pipeline) {
  std::vector<std::vector<size_t>> extra(pipeline.jobs.size());
  std::map<std::string, size_t> last;
  for (size_t j = 0; j < pipeline.jobs.size(); ++j) {
    const PipelineJob& job = pipeline.jobs[j];
    if (job.exclusive_group.empty()) continue;
    auto previous = last.find(job.exclusive_group);
    if (previous != last.end()) {
      bool needed = false;
      for (size_t n : job.needs) needed |= n == previous->second;
      if (!needed) extra[j].push_back(previous->second);
    }
    last[job.exclusive_group] = j;
  }
  return extra;
}

}  // namespace

std::string GitHubWorkflow(const Pipeline& pipeline) {
  const std::vector<std::string> ids = JobIds(pipeline);
  const std::vector<std::vector<size_t>> chained = ChainNeeds(pipeline);
  std::vector<std::string> notes;
  bool any_chain = false;
  for (const auto& extra : chained) any_chain |= !extra.empty();
  if (any_chain)
    notes.push_back(
        "groups capped at 1 run their jobs one after another in this file's "
        "order, a failed one not stopping the next; gantry would choose the order "
        "as it goes");
  notes.push_back(
      "GitHub keeps one waiting run per concurrency group: a third run started "
      "while one runs and one waits cancels the waiting one");
  std::string out =
      ExportHeader("github", pipeline, "as a repository or environment secret", notes);
  absl::StrAppend(
      &out,
      "name: ", YamlString(absl::StrCat("gantry ", pipeline.operation, " (", pipeline.target, ")")),
      "\non:\n  workflow_dispatch:\n",
      "concurrency:\n  group: ", YamlString(absl::StrCat("gantry-", pipeline.target)),
      "\n  cancel-in-progress: false\n", "env:\n  ", state::kOutputsKeyVariable, ": ${{ secrets.",
      state::kOutputsKeyVariable, " }}\n", "jobs:\n");
  if (pipeline.jobs.empty()) {
    absl::StrAppend(&out, "  nothing_to_", pipeline.operation == "apply" ? "apply" : "do",
                    ":\n    runs-on: ", YamlString(pipeline.runs_on), "\n    steps:\n      - run: ",
                    YamlString(absl::StrCat("echo ", cli::PosixQuoted(pipeline.idle_reason))),
                    "\n");
    return out;
  }
  for (size_t j = 0; j < pipeline.jobs.size(); ++j) {
    const PipelineJob& job = pipeline.jobs[j];
    absl::StrAppend(&out, "  ", ids[j], ":\n    name: ",
                    YamlString(absl::StrCat(pipeline.operation, " ", job.component)), "\n");
    std::vector<std::string> needs;
    for (size_t n : job.needs) needs.push_back(ids[n]);
    for (size_t n : chained[j]) needs.push_back(ids[n]);
    if (!needs.empty()) absl::StrAppend(&out, "    needs: [", absl::StrJoin(needs, ", "), "]\n");
    if (!chained[j].empty()) {
      std::vector<std::string> conditions{"!cancelled()"};
      for (size_t n : job.needs)
        conditions.push_back(absl::StrCat("needs.", ids[n], ".result == 'success'"));
      absl::StrAppend(&out, "    if: ${{ ", absl::StrJoin(conditions, " && "), " }}\n");
    }
    absl::StrAppend(&out, "    runs-on: ", YamlString(pipeline.runs_on), "\n    steps:\n",
                    "      - uses: actions/checkout@v4\n");
    for (size_t n : job.needs) {
      absl::StrAppend(&out, "      - name: ",
                      YamlString(absl::StrCat("outputs of ", pipeline.jobs[n].component)),
                      "\n        uses: actions/download-artifact@v4\n        with:\n",
                      "          name: ", YamlString(absl::StrCat("gantry-outputs-", ids[n])), "\n",
                      "          path: ", YamlString(DirOf(pipeline.jobs[n].outputs_file)), "\n");
    }
    if (!pipeline.setup.empty())
      absl::StrAppend(&out, "      - name: setup\n        run: ", YamlString(pipeline.setup), "\n");
    absl::StrAppend(
        &out, "      - name: ",
        YamlString(absl::StrCat("gantry ", pipeline.operation, " ", job.component)),
        "\n        run: ", YamlString(job.command), "\n",
        "      - name: publish its outputs\n        uses: actions/upload-artifact@v4\n",
        "        with:\n          name: ", YamlString(absl::StrCat("gantry-outputs-", ids[j])),
        "\n", "          path: ", YamlString(job.outputs_file), "\n",
        "          include-hidden-files: true\n          if-no-files-found: error\n");
  }
  return out;
}

}  // namespace gantry::ci
