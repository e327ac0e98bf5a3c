// Mutated gantry.toml files and journals: every input is either accepted or refused with
// an error naming the file; none crashes, hangs or trips a sanitizer.
#include <string>
#include <vector>

#include "core/config/config_loader.h"
#include "core/record/journal_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fuzz/mutator.h"
#include "tests/testing/temp_dir.h"

namespace gantry::fuzz {
namespace {

using ::testing::HasSubstr;

const std::vector<std::string> kDeployments = {
    R"([gantry]
max_concurrency = 2
plugin_paths = ["plugins"]

[limits]
custom = 1

[targets.dev]
vars = { region = "eu" }

[components."network/vpc"]
type = "custom"
source = "src"
commands.apply = ["./vpc.sh", "apply"]
vars = { CIDR = "10.0.0.0/16", list = [1, 2.5, true], nested = { a = "${x.y}" } }
sensitive = ["CIDR"]
retries = 2
retry_on = ["rate.*limit"]
timeout = "1h30m"

[components.app]
type = "custom"
depends_on = ["network/vpc"]
on_failure = "skip-dependents"
targets.dev = { vars = { extra = "$${literal}" } }
)",
    "include = [\"other.toml\"]\n[components.a]\ntype = \"custom\"\nshell = true\n"
    "commands.apply = \"echo 'hi' > x\"\nestimated_duration = \"5s\"\ngroup = \"g\"\n",
};

TEST(ParserFuzzTest, DeploymentFilesNeverCrashTheLoader) {
  gantry::testing::TempDir dir;
  dir.Write("other.toml", "[components.b]\ntype = \"custom\"\n");
  const std::string path = dir / "gantry.toml";
  int accepted = 0;
  const int cases = FuzzFor(kDeployments, [&](const std::string& input) {
    dir.Write("gantry.toml", input);
    absl::StatusOr<config::Deployment> d = config::LoadDeployment(path, "dev");
    if (d.ok()) {
      ++accepted;
    } else {
      EXPECT_THAT(d.status().message(), HasSubstr("gantry.toml")) << input;
    }
  });
  EXPECT_GT(cases, 100);
  EXPECT_GT(accepted, 0) << "the mutations never produced a valid file: a useless fuzzer";
}

TEST(ParserFuzzTest, JournalsNeverCrashTheReader) {
  const std::string journal =
      R"({"schema":1,"event":"run_started","time":"2026-11-23T10:00:00.000Z","run_id":"0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b","operation":"apply","target":"default","deployment_file":"/d/gantry.toml","max_concurrency":2,"total":2,"components":[{"name":"a","type":"custom"},{"name":"b","type":"custom"}]}
{"schema":1,"event":"component_started","time":"2026-11-23T10:00:01.000Z","run_id":"0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b","component":"a","slot":0,"attempt":1}
{"schema":1,"event":"component_finished","time":"2026-11-23T10:00:02.000Z","run_id":"0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b","component":"a","status":"ok","attempt":1,"outputs":{"k":{"value":"v"}}}
{"schema":1,"event":"component_skipped","time":"2026-11-23T10:00:02.000Z","run_id":"0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b","component":"b","skip_cause":"a"}
{"schema":1,"event":"run_finished","time":"2026-11-23T10:00:03.000Z","run_id":"0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b","exit_code":1}
)";
  ASSERT_TRUE(record::ParseJournal(journal, "j.jsonl").ok())
      << record::ParseJournal(journal, "j.jsonl").status();
  int accepted = 0;
  const int cases = FuzzFor({journal}, [&](const std::string& input) {
    absl::StatusOr<record::Journal> j = record::ParseJournal(input, "j.jsonl");
    if (j.ok()) ++accepted;
    else EXPECT_THAT(j.status().message(), HasSubstr("j.jsonl")) << input;
  });
  EXPECT_GT(cases, 100);
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace gantry::fuzz
