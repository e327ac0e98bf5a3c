#include "core/record/html_report.h"

#include <unistd.h>

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "core/exec/cancel_token.h"
#include "core/exec/output_sink.h"
#include "core/exec/posix_process_runner.h"
#include "core/record/html_assets.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/record/journal_test_util.h"
#include "tests/record/sample_run.h"

namespace gantry::record {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::At;
using testing::JournalText;
using testing::kSecret;
using testing::SampleEvents;
using testing::SampleRun;

Journal Read(const RunRecord& run) { return testing::ReadBack(SampleEvents(run)); }

// How many times `needle` occurs in `text`.
size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::string Page(const Journal& journal, const LogTails& logs = {}) {
  return HtmlReport(journal, logs, absl::UTCTimeZone());
}

TEST(HtmlReportTest, BeginsAsEveryReportAndFetchesNothing) {
  const std::string page = Page(Read(SampleRun()));
  EXPECT_TRUE(absl::StartsWith(page, kHtmlReportHead));
  EXPECT_THAT(page, HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                              "'none'; style-src 'unsafe-inline'; script-src '" +
                              std::string(kHtmlReportScriptHash) + "'"));
  // The SVG namespace is a name, not a request; there is nothing else with a scheme.
  EXPECT_EQ(Count(page, "http://") + Count(page, "https://"), 1u);
  EXPECT_EQ(Count(page, "http://www.w3.org/2000/svg"), 1u);
  EXPECT_THAT(page, Not(HasSubstr(" src=")));
  EXPECT_THAT(page, Not(HasSubstr("@import")));
  EXPECT_THAT(page, Not(HasSubstr("url(http")));
}

TEST(HtmlReportTest, TheHeaderSaysWhatRanWhenAndHowItEnded) {
  RunRecord run = SampleRun();
  run.resumed_from = "0badc0de-0000-4000-8000-000000000000";
  const std::string page = Page(Read(run));
  EXPECT_THAT(page, HasSubstr("<h1>gantry apply <span class=\"target\">dev</span></h1>"
                              "<span class=\"badge failed\">failed · exit 1</span>"));
  EXPECT_THAT(page, HasSubstr("<div class=\"span2\"><dt>run</dt><dd><code>3f2a9c1e-5b7d-4e0f-9a11-2c3d4e5f6a7b</code>"));
  EXPECT_THAT(page, HasSubstr("<dt>started</dt><dd><time datetime=\"2024-05-01T12:00:00.000Z\">"
                              "2024-05-01 12:00:00 +00:00</time>"));
  EXPECT_THAT(page, HasSubstr("<dt>duration</dt><dd>7.2s</dd>"));
  EXPECT_THAT(page, HasSubstr("<dt>result</dt><dd>exit code 1</dd>"));
  EXPECT_THAT(page, HasSubstr("<dt>concurrency</dt><dd>2</dd>"));
  EXPECT_THAT(page, HasSubstr("<dt>resumed from</dt><dd>run <code>0badc0de-"));
  EXPECT_THAT(page, Not(HasSubstr("<dt>applied</dt>")));
  EXPECT_THAT(page, HasSubstr("<span class=\"badge ok\">2 ok</span><span class=\"badge failed\">1 "
                              "failed</span><span class=\"badge skipped\">1 skipped</span>"));
}

TEST(HtmlReportTest, TheDefaultTargetIsNotNamedInTheTitle) {
  RunRecord run = SampleRun();
  run.target = "default";  // as journals name it
  const std::string page = Page(Read(run));
  EXPECT_THAT(page, HasSubstr("<h1>gantry apply</h1>"));
  EXPECT_THAT(page, HasSubstr("<title>gantry apply · "));
  EXPECT_THAT(page, HasSubstr("<dt>target</dt><dd>default</dd>"));
}

TEST(HtmlReportTest, EveryComponentCarriesItsStatus) {
  Journal journal = Read(SampleRun());
  std::vector<ComponentRecord>& components = journal.run.components;
  ComponentRecord docs = components[1];
  docs.name = "docs";
  docs.nothing_to_do = true;
  ComponentRecord gate = components[1];
  gate.name = "gate";
  gate.status = ComponentStatus::kBlocked;
  gate.blocked_on = {"base"};
  ComponentRecord halt = components[1];
  halt.name = "halt";
  halt.status = ComponentStatus::kCancelled;
  ComponentRecord later = components[3];
  later.name = "later";
  later.status = ComponentStatus::kPending;
  components.insert(components.begin() + 3, {docs, gate, halt, later});  // name order kept
  const std::string page = Page(journal);
  const std::pair<const char*, const char*> want[] = {
      {"app", "failed"},   {"base", "ok"},        {"db", "ok"},
      {"docs", "nothing-to-do"}, {"gate", "blocked"}, {"halt", "cancelled"},
      {"later", "unfinished"},   {"web", "skipped"}};
  for (size_t i = 0; i < std::size(want); ++i) {
    const auto& [name, status] = want[i];
    SCOPED_TRACE(name);
    EXPECT_THAT(page, HasSubstr(absl::StrCat("<tr id=\"c-", i, "\" data-component=\"", name,
                                             "\" data-status=\"", status, "\">")));
    EXPECT_THAT(page, HasSubstr(absl::StrCat("<div class=\"tl-row\" data-component=\"", name,
                                             "\" data-status=\"", status, "\">")));
    EXPECT_THAT(page, HasSubstr(absl::StrCat("data-component=\"", name, "\" data-status=\"",
                                             status, "\"><a href=\"#c-", i, "\">")));
  }
  EXPECT_THAT(page, HasSubstr("no apply command"));
  EXPECT_THAT(page, HasSubstr("<span class=\"badge blocked\">blocked</span><span class=\"why\">"
                              "needs base applied</span>"));
  EXPECT_THAT(page, HasSubstr("<span class=\"why\">after app failed</span>"));
}

TEST(HtmlReportTest, ChangesAndErrorsHaveColumnsOnlyWhenSomeComponentHasThem) {
  Journal journal = Read(SampleRun());
  EXPECT_THAT(Page(journal), HasSubstr("<th>Error</th>"));
  EXPECT_THAT(Page(journal), HasSubstr("<td class=\"error\">exit status 1</td>"));
  EXPECT_THAT(Page(journal), Not(HasSubstr("<th>Changes</th>")));
  journal.run.components[0].error.clear();
  journal.run.components[1].changes = Changes{true, 2, 0, 0, ""};
  EXPECT_THAT(Page(journal), Not(HasSubstr("<th>Error</th>")));
  EXPECT_THAT(Page(journal), HasSubstr("<th>Changes</th>"));
  EXPECT_THAT(Page(journal), HasSubstr("<td>2 added, 0 changed, 0 destroyed</td>"));
}

TEST(HtmlReportTest, ASensitiveOutputIsNeverShownInClear) {
  // Straight from the run, not the journal (which already masks it): the page masks too.
  Journal journal = Read(SampleRun());
  journal.run = SampleRun();
  ASSERT_EQ(journal.run.components[2].outputs.at("password").value, kSecret);
  const std::string page = Page(journal);
  EXPECT_THAT(page, Not(HasSubstr(kSecret)));
  EXPECT_THAT(page, HasSubstr("<td class=\"name\">password</td><td class=\"name\"><span "
                              "class=\"masked\" title=\"sensitive\">***</span>"));
  EXPECT_THAT(page, HasSubstr("<td class=\"name\">url</td><td class=\"name\">db.local:5432</td>"));
}

TEST(HtmlReportTest, NamesOutputsErrorsAndLogsAreTextNeverMarkup) {
  RunRecord run = SampleRun();
  run.components[0].name = "<script>alert(1)</script>";  // still first in name order
  run.components[0].error = "</td></tr></table><script>alert(2)</script>";
  run.components[3].skip_cause = run.components[0].name;
  run.components[1].outputs["id"].value = "</script><script>alert(3)</script>";
  run.target = "<b>dev</b>";
  const LogTails logs = {{run.components[0].name,
                          {"\x1b[31mError:\x1b[0m </pre><script>alert(4)</script>\n", false}}};
  const std::string page = Page(Read(run), logs);
  EXPECT_EQ(Count(page, "<script"), 1u) << "the page's own script only";
  EXPECT_EQ(Count(page, "</script>"), 1u);
  EXPECT_THAT(page, Not(HasSubstr("<b>dev")));
  EXPECT_THAT(page, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(page, HasSubstr("<pre class=\"log\">Error: &lt;/pre&gt;&lt;script&gt;alert(4)"));
  EXPECT_THAT(page, Not(HasSubstr("\x1b")));
}

TEST(HtmlReportTest, LogTailsAreShownOpenForFailedComponents) {
  const LogTails logs = {{"app", {"step 3\nError: boom\n", true}}, {"base", {"all good\n", false}}};
  const std::string page = Page(Read(SampleRun()), logs);
  EXPECT_THAT(page, HasSubstr("<details id=\"log-0\" data-component=\"app\" data-status=\"failed\" "
                              "open><summary>"));
  EXPECT_THAT(page, HasSubstr("last 2 lines</span></summary><pre class=\"log\">step 3\nError: boom\n</pre>"));
  EXPECT_THAT(page, HasSubstr("<details id=\"log-1\" data-component=\"base\" data-status=\"ok\">"));
  EXPECT_THAT(page, HasSubstr(">1 line</span></summary><pre class=\"log\">all good\n</pre>"));
  EXPECT_THAT(page, Not(HasSubstr("id=\"log-2\""))) << "db's log was not given";
  EXPECT_THAT(Page(Read(SampleRun())), HasSubstr("No log of this run could be read."));
}

TEST(HtmlReportTest, RetriesShowAsAttemptsAndWaits) {
  const std::string page = Page(Read(SampleRun()));
  EXPECT_EQ(Count(page, "class=\"seg wait\""), 1u);
  EXPECT_EQ(Count(page, "class=\"seg attempt retried\""), 1u);
  EXPECT_THAT(page, HasSubstr("waiting to retry</li>")) << "the legend explains it";
}

TEST(HtmlReportTest, TheSameJournalMakesTheSamePage) {
  const std::string text = JournalText(SampleEvents(SampleRun()));
  const LogTails logs = {{"app", {"Error: boom\n", false}}};
  absl::StatusOr<Journal> first = ParseJournal(text, "j");
  absl::StatusOr<Journal> second = ParseJournal(text, "j");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(Page(*first, logs), Page(*second, logs));
}

TEST(HtmlReportTest, InterruptedAndEmptyJournalsSaySo) {
  std::vector<RunEvent> events = SampleEvents(SampleRun());
  events.resize(6);
  const std::string page = Page(testing::ReadBack(events));
  EXPECT_THAT(page, HasSubstr("<span class=\"badge unfinished\">interrupted</span>"));
  EXPECT_THAT(page, HasSubstr("The journal has no run_finished"));

  Journal empty;
  empty.empty = true;
  empty.run.run_id = "r-1";
  EXPECT_THAT(Page(empty), HasSubstr("Its journal holds no event"));
}

TEST(HtmlReportTest, TheScriptHashIsTheScripts) {
  // The page's CSP runs the script only if kHtmlReportScriptHash is its hash.
  if (access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "openssl not installed";
  struct Sink : exec::OutputSink {
    std::string out;
    void OnOutput(int stream, std::string_view chunk) override {
      if (stream == 1) out.append(chunk);
    }
  } sink;
  exec::ProcessSpec spec;
  spec.argv = {"/usr/bin/openssl", "dgst", "-sha256", "-binary"};
  spec.stdin_data = std::string(kHtmlReportScript);
  spec.timeout = absl::Seconds(30);
  exec::PosixProcessRunner runner;
  exec::CancelToken cancel;
  absl::StatusOr<exec::ProcessExit> exit = runner.Run(spec, sink, cancel);
  ASSERT_TRUE(exit.ok() && exit->ok());
  EXPECT_EQ(kHtmlReportScriptHash, "sha256-" + absl::Base64Escape(sink.out))
      << "update kHtmlReportScriptHash (html_assets.cc) after changing the script";
}

}  // namespace
}  // namespace gantry::record
