// Reading back what gantry's callback recorded, and what a failed run is reported as.
#include "ansible/run_result.h"

#include "ansible/exit_reason.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::ansible {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// As the callback writes it (see callback/gantry_result.py).
constexpr const char* kRecorded = R"({"complete": true,
  "failed": [{"host": "web2", "msg": "non-zero return code", "stderr": "boom\nmore", "task": "restart app"}],
  "recap": {"web1": {"changed": 2, "failures": 0, "ignored": 0, "ok": 4, "rescued": 0, "skipped": 1, "unreachable": 0},
            "web2": {"changed": 1, "failures": 1, "ignored": 1, "ok": 2, "rescued": 0, "skipped": 0, "unreachable": 0}},
  "stats": {"url": "http://10.0.0.5", "ports": [80, 443], "count": 3, "ok": true, "cfg": {"a": "b"}},
  "unreachable": []})";

TEST(RunResultTest, ParsesWhatTheCallbackWrites) {
  const RunResult result = ParseRunResult(kRecorded);
  EXPECT_TRUE(result.complete);
  ASSERT_EQ(result.recap.size(), 2u);
  EXPECT_EQ(result.recap.at("web1").changed, 2);
  EXPECT_EQ(result.recap.at("web2").ignored, 1);
  ASSERT_EQ(result.failed.size(), 1u);
  EXPECT_EQ(result.failed[0].task, "restart app");
  EXPECT_EQ(result.failed[0].host, "web2");
  EXPECT_EQ(result.failed[0].stderr_text, "boom\nmore");
  EXPECT_THAT(result.unreachable, IsEmpty());
  EXPECT_EQ(result.stats.size(), 5u);
}

TEST(RunResultTest, RejectsWhatTheCallbackNeverWrites) {
  EXPECT_THROW(ParseRunResult("not json"), std::runtime_error);
  EXPECT_THROW(ParseRunResult("[]"), std::runtime_error);
  EXPECT_THROW(ParseRunResult(R"({"recap": []})"), std::runtime_error);
  EXPECT_THROW(ParseRunResult(R"({"failed": [1]})"), std::runtime_error);
  EXPECT_FALSE(ParseRunResult(R"({"failed": []})").complete) << "cut short before the recap";
}

TEST(RunResultTest, StringsStayStringsEverythingElseIsJson) {
  std::vector<std::string> problems;
  const std::vector<OutputValue> outputs = OutputsOf(ParseRunResult(kRecorded), problems);
  EXPECT_THAT(problems, IsEmpty());
  ASSERT_EQ(outputs.size(), 5u);
  EXPECT_EQ(outputs[0].key, "url");
  EXPECT_EQ(outputs[0].value, "http://10.0.0.5");
  EXPECT_FALSE(outputs[0].is_json);
  EXPECT_EQ(outputs[1].value, "[80,443]");
  EXPECT_TRUE(outputs[1].is_json);
  EXPECT_EQ(outputs[2].value, "3");
  EXPECT_EQ(outputs[3].value, "true");
  EXPECT_EQ(outputs[4].value, R"({"a":"b"})");
}

TEST(RunResultTest, AKeyGantryWouldRefuseIsNamedWithWhatToDo) {
  std::vector<std::string> problems;
  const std::vector<OutputValue> outputs =
      OutputsOf(ParseRunResult(R"({"stats": {"web.url": "x", "9lives": 1, "fine-key_2": "y"}})"),
                problems);
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0].key, "fine-key_2");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0], HasSubstr("set_stats key 'web.url' cannot be an output"));
  EXPECT_THAT(problems[0], HasSubstr("Rename it in the playbook's set_stats"));
  EXPECT_THAT(problems[1], HasSubstr("'9lives'"));
}

TEST(RunResultTest, OutputKeysFollowTheHostsRule) {
  EXPECT_TRUE(IsOutputKey("_x"));
  EXPECT_TRUE(IsOutputKey("a-b_9"));
  EXPECT_FALSE(IsOutputKey(""));
  EXPECT_FALSE(IsOutputKey("-a"));
  EXPECT_FALSE(IsOutputKey("a.b"));
  EXPECT_FALSE(IsOutputKey("a b"));
  EXPECT_FALSE(IsOutputKey(std::string(129, 'a')));
}

TEST(RunResultTest, ChangesAreChangedTasksSummedOverHosts) {
  const Changes changes = ChangesOf(ParseRunResult(kRecorded));
  EXPECT_TRUE(changes.has_changes);
  EXPECT_EQ(changes.add, -1);
  EXPECT_EQ(changes.change, 3);
  EXPECT_EQ(changes.destroy, -1);
  const Changes none = ChangesOf(ParseRunResult(
      R"({"recap": {"h": {"changed": 0, "ok": 3}}})"));
  EXPECT_FALSE(none.has_changes);
  EXPECT_EQ(none.change, 0);
}

TEST(RunResultTest, ChangedTasksAreWordedAsAPlanOrAsDone) {
  EXPECT_EQ(ChangedTasksWords(3, "plan"), "3 tasks would change") << "check mode";
  EXPECT_EQ(ChangedTasksWords(1, "plan"), "1 task would change");
  EXPECT_EQ(ChangedTasksWords(3, "apply"), "3 tasks changed");
  EXPECT_EQ(ChangedTasksWords(1, "apply"), "1 task changed");
  EXPECT_EQ(ChangedTasksWords(2, "destroy"), "2 tasks changed");
  // None: the host's "no changes".
  EXPECT_EQ(ChangedTasksWords(0, "plan"), "");
  EXPECT_EQ(ChangedTasksWords(0, "apply"), "");
}

TEST(RunResultTest, TheRecapLineSumsEveryCount) {
  EXPECT_EQ(RecapLine(ParseRunResult(kRecorded)),
            "ansible recap: 2 hosts, ok=6 changed=3 unreachable=0 failed=1 skipped=1 rescued=0 "
            "ignored=1");
}

TEST(ExitReasonTest, FailedHostsNameTheTaskTheHostAndWhy) {
  const ExitReason reason = ExplainExit(2, ParseRunResult(kRecorded), AnsibleSettings{}, "site.yml");
  EXPECT_EQ(reason.status, Status::kFailed);
  EXPECT_EQ(reason.message, "ansible-playbook failed (exit 2): task 'restart app' failed on web2 "
                            "(non-zero return code: boom)");
}

TEST(ExitReasonTest, ManyFailuresAreCut) {
  RunResult result;
  for (int i = 0; i < 7; ++i) result.failed.push_back({"t", "h" + std::to_string(i), "", ""});
  const ExitReason reason = ExplainExit(2, result, AnsibleSettings{}, "site.yml");
  EXPECT_THAT(reason.message, HasSubstr("failed on h4; and 2 more"));
  EXPECT_THAT(reason.message, Not(HasSubstr("h5")));
}

TEST(ExitReasonTest, ExitTwoWithoutARecordSaysWhatItMayBe) {
  const ExitReason reason = ExplainExit(2, std::nullopt, AnsibleSettings{}, "site.yml");
  EXPECT_EQ(reason.status, Status::kFailed);
  EXPECT_THAT(reason.message, HasSubstr("refused a command-line option"));
}

TEST(ExitReasonTest, UnreachableHostsAreRetryableParseErrorsAreNot) {
  RunResult result;
  result.recap["db"] = HostRecap{};
  result.unreachable.push_back({"ping", "db", "Failed to connect to the host via ssh\nmore", ""});
  ExitReason reason = ExplainExit(4, result, AnsibleSettings{}, "site.yml");
  EXPECT_EQ(reason.status, Status::kRetryable);
  EXPECT_EQ(reason.message, "ansible-playbook could not reach db (Failed to connect to the host "
                            "via ssh) (exit 4); it is retried when the component has retries");

  result.failed.push_back({"install", "web", "no package", ""});
  reason = ExplainExit(4, result, AnsibleSettings{}, "site.yml");
  EXPECT_EQ(reason.status, Status::kFailed) << "a failed task is no reason to retry";
  EXPECT_THAT(reason.message, HasSubstr("task 'install' failed on web"));

  reason = ExplainExit(4, std::nullopt, AnsibleSettings{}, "play/site.yml");
  EXPECT_EQ(reason.status, Status::kFailed);
  EXPECT_EQ(reason.message, "ansible-playbook could not parse play/site.yml or the inventory "
                            "(exit 4): its ERROR! above says where");
}

TEST(ExitReasonTest, EveryOtherStatusHasItsWords) {
  AnsibleSettings settings;
  settings.limit = "web9";
  EXPECT_THAT(ExplainExit(1, std::nullopt, settings, "s.yml").message,
              HasSubstr("limit = \"web9\" matches no host"));
  EXPECT_THAT(ExplainExit(1, std::nullopt, AnsibleSettings{}, "s.yml").message,
              HasSubstr("no host of the inventory matches the play"));
  EXPECT_THAT(ExplainExit(5, std::nullopt, settings, "s.yml").message,
              HasSubstr("refused its options (exit 5)"));
  EXPECT_THAT(ExplainExit(99, std::nullopt, settings, "s.yml").message,
              HasSubstr("was interrupted (exit 99)"));
  EXPECT_THAT(ExplainExit(250, std::nullopt, settings, "s.yml").message,
              HasSubstr("crashed on an unexpected error (exit 250)"));
  EXPECT_EQ(ExplainExit(7, std::nullopt, settings, "s.yml").message,
            "ansible-playbook exited with status 7");
}

}  // namespace
}  // namespace gantry::ansible
