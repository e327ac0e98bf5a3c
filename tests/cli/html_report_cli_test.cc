// `gantry runs show RUN --html FILE`: the page of a real run, checked as a browser sees it
// (headless Chromium, where installed) and kept as a screenshot.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <regex>

#include "absl/strings/str_cat.h"
#include "core/exec/cancel_token.h"
#include "core/exec/posix_process_runner.h"
#include "core/exec/process_tag.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/build_paths.h"
#include "tests/testing/cli_runner.h"
#include "tests/testing/read_text.h"
#include "tests/testing/temp_dir.h"

namespace gantry::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using gantry::testing::ReadText;

constexpr char kChromium[] = "/usr/bin/chromium";
constexpr char kSecret[] = "s3cr3t-token-4711";

// A mixed run: ok components, one with a sensitive output, one that fails (its log ends
// in hostile text), one that succeeds on its second attempt, one skipped because of the
// failure, one with nothing to do for apply.
constexpr char kReportDeployment[] = R"toml(
[gantry]
max_concurrency = 2

[components.base]
type = "custom"
shell = true
commands.apply = "echo base ready"

[components."network/vpc"]
type = "custom"
shell = true
depends_on = ["base"]
vars = { TOKEN = "s3cr3t-token-4711" }
sensitive = ["TOKEN"]
commands.apply = "echo using $TOKEN; echo vpc_id=vpc-123 >> $GANTRY_OUTPUT; echo token=$TOKEN >> $GANTRY_OUTPUT"

[components."network/dns"]
type = "custom"
shell = true
depends_on = ["network/vpc"]
retries = 2
retry_on = ["rate limit"]
commands.apply = "n=$(cat $GANTRY_STATE_DIR/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > $GANTRY_STATE_DIR/n; if [ $n -lt 2 ]; then echo 'API rate limited' >&2; exit 1; fi; echo dns ok"

[components."app/api"]
type = "custom"
shell = true
depends_on = ["network/vpc"]
commands.apply = "for i in $(seq 1 30); do echo step $i; done; printf 'Error: boom </pre><script>alert(1)</script>\n' >&2; exit 3"

[components."app/web"]
type = "custom"
shell = true
depends_on = ["app/api"]
commands.apply = "echo web"

[components.notes]
type = "custom"
shell = true
commands.plan = "echo nothing to plan"
)toml";

class HtmlReportCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("gantry.toml", kReportDeployment);
    const auto run = Gantry({"apply", "--keep-going"});
    ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  }
  gantry::testing::CliResult Gantry(std::vector<std::string> args) {
    return gantry::testing::RunGantry(
        args, dir_.path(), {"GANTRY_MAX_CONCURRENCY=", "GITHUB_ACTIONS=", "GITHUB_STEP_SUMMARY="});
  }
  gantry::testing::TempDir dir_;  // the project
};

// Headless Chromium on `page`, with `args` added; its stdout (the DOM for --dump-dom).
// It runs with a profile and a HOME of its own in a temporary directory, must not touch
// the network, and leaves no process behind: each it started carries a tag in its
// environment, and any found after it exited is killed.
class Chromium {
 public:
  std::string Run(const std::string& page, const std::vector<std::string>& args) {
    exec::ProcessSpec spec;
    spec.argv = {kChromium,
                 "--headless",
                 "--no-sandbox",  // as root in a container there is no sandbox to have
                 "--disable-gpu",
                 "--user-data-dir=" + home_ / "profile",
                 "--no-first-run",
                 "--no-default-browser-check",
                 "--disable-background-networking",
                 "--disable-component-update",
                 "--disable-sync",
                 "--disable-default-apps",
                 "--disable-extensions",
                 "--disable-crash-reporter",
                 "--host-resolver-rules=MAP * ~NOTFOUND",  // no name resolves: no request leaves
                 "--hide-scrollbars"};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.argv.push_back("file://" + page);
    spec.env_overrides = tag_.Environment();
    for (const char* var : {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"})
      spec.env_overrides.push_back(absl::StrCat(var, "=", home_.path()));
    spec.timeout = absl::Seconds(60);  // then the group gets SIGTERM, then SIGKILL
    spec.kill_grace = absl::Seconds(2);
    struct Sink : exec::OutputSink {
      std::string out, err;
      void OnOutput(int stream, std::string_view chunk) override {
        (stream == 1 ? out : err).append(chunk);
      }
    } sink;
    exec::PosixProcessRunner runner;
    exec::CancelToken cancel;
    absl::StatusOr<exec::ProcessExit> exit = runner.Run(spec, sink, cancel);
    KillLeftovers();
    EXPECT_TRUE(exit.ok()) << exit.status();
    if (exit.ok()) {
      EXPECT_FALSE(exit->timed_out) << "chromium took over 60s:\n" << sink.err;
      EXPECT_EQ(exit->exit_code, 0) << sink.err;
    }
    return sink.out;
  }
  ~Chromium() { KillLeftovers(); }

 private:
  void KillLeftovers() {
    for (const exec::TaggedProcess& process :
         exec::FindTaggedProcesses([&](const exec::ProcessTag& tag) { return tag == tag_; })) {
      std::cerr << "killing what chromium left running: " << process.pid << " ("
                << process.command << ")\n";
      ::kill(process.pid, SIGKILL);
    }
  }

  gantry::testing::TempDir home_;
  const exec::ProcessTag tag_{"html-report-test-" + std::to_string(::getpid()), "chromium"};
};

TEST_F(HtmlReportCliTest, WritesThePageAndSaysWhere) {
  const auto r = Gantry({"runs", "show", "last", "--html", "page.html"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote page.html\n");
  const std::string page = ReadText(dir_ / "page.html");
  EXPECT_THAT(page, HasSubstr("<!DOCTYPE html>\n<!-- gantry run report"));
  EXPECT_THAT(page, Not(HasSubstr(kSecret)));
  EXPECT_THAT(page, HasSubstr("using ***"));
  // Again: a page written before is replaced; nothing else is left beside it.
  ASSERT_EQ(Gantry({"runs", "show", "last", "--html", "page.html"}).exit_code, 0);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 2u) << "gantry.toml and page.html";
}

TEST_F(HtmlReportCliTest, RefusesFilesItMustNotReplace) {
  dir_.Write("notes.html", "<p>my notes</p>\n");
  for (const auto& [file, why] : std::vector<std::pair<std::string, std::string>>{
           {"gantry.toml", "is the deployment file"},
           {"notes.html", "exists and is not a gantry run report"},
           {"nowhere/page.html", "directory 'nowhere' does not exist"},
           {".gantry/page.html", "which holds gantry's own files"}}) {
    SCOPED_TRACE(file);
    const auto r = Gantry({"runs", "show", "last", "--html", file});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("gantry: --html: '" + file + "' "));
    EXPECT_THAT(r.err, HasSubstr(why));
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(ReadText(dir_ / "notes.html"), "<p>my notes</p>\n");
  EXPECT_THAT(ReadText(dir_ / "gantry.toml"), HasSubstr("[components.base]"));
}

TEST_F(HtmlReportCliTest, ABrowserSeesEveryComponentWithItsStatus) {
  if (::access(kChromium, X_OK) != 0)
    GTEST_SKIP() << "chromium not installed: " << kChromium << " (apt-get install chromium)";
  ASSERT_EQ(Gantry({"runs", "show", "last", "--html", "page.html"}).exit_code, 0);
  Chromium chromium;
  const std::string dom = chromium.Run(dir_ / "page.html", {"--dump-dom"});
  ASSERT_THAT(dom, HasSubstr("</html>"));
  EXPECT_THAT(dom, HasSubstr("<html lang=\"en\" data-js=\"on\">"))
      << "the page's script did not run: is kHtmlReportScriptHash its hash?";

  const std::pair<const char*, const char*> want[] = {
      {"app/api", "failed"},    {"app/web", "skipped"},    {"base", "ok"},
      {"network/dns", "ok"},    {"network/vpc", "ok"},     {"notes", "nothing-to-do"}};
  for (const auto& [name, status] : want) {
    SCOPED_TRACE(name);
    const std::string attributes =
        absl::StrCat("data-component=\"", name, "\" data-status=\"", status, "\"");
    EXPECT_TRUE(std::regex_search(dom, std::regex("<tr id=\"c-[0-9]+\" " + attributes + ">")));
    EXPECT_THAT(dom, HasSubstr("<div class=\"tl-row\" " + attributes + ">"));
    EXPECT_THAT(dom, HasSubstr(absl::StrCat("<g class=\"node ", status, "\" ", attributes, ">")));
  }
  // The retry: a failed attempt, a wait, the attempt that succeeded.
  const std::smatch dns = [&] {
    std::smatch match;
    std::regex_search(dom, match, std::regex("<div class=\"tl-row\" data-component=\"network/dns\"[^\n]*"));
    return match;
  }();
  ASSERT_FALSE(dns.empty());
  EXPECT_THAT(dns.str(), HasSubstr("class=\"seg attempt retried\" data-attempt=\"1\""));
  EXPECT_THAT(dns.str(), HasSubstr("class=\"seg wait\" data-attempt=\"1\""));
  EXPECT_THAT(dns.str(), HasSubstr("class=\"seg attempt ok\" data-attempt=\"2\""));
  // The failed component's log, its tail only, open, as text.
  EXPECT_TRUE(std::regex_search(
      dom, std::regex("<details id=\"log-[0-9]+\" data-component=\"app/api\" "
                      "data-status=\"failed\" open=\"\">")));
  EXPECT_THAT(dom, HasSubstr("step 30\nError: boom &lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(dom, Not(HasSubstr("step 5\n")));
  EXPECT_THAT(dom, HasSubstr("<span class=\"masked\" title=\"sensitive\">***</span>"));
  EXPECT_THAT(dom, Not(HasSubstr(kSecret)));
  EXPECT_THAT(dom, Not(HasSubstr("<script>alert")));

  // A picture of it, kept with the test's output.
  fs::create_directories(GANTRY_TEST_ARTIFACT_DIR);
  const std::string screenshot = std::string(GANTRY_TEST_ARTIFACT_DIR) + "/run-report.png";
  fs::remove(screenshot);
  chromium.Run(dir_ / "page.html", {"--screenshot=" + screenshot, "--window-size=1280,900"});
  EXPECT_GT(fs::exists(screenshot) ? fs::file_size(screenshot) : 0, 10'000u);
  std::cout << "screenshot: " << screenshot << "\n";
  RecordProperty("screenshot", screenshot);
}

}  // namespace
}  // namespace gantry::cli
