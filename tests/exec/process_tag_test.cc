#include "core/exec/process_tag.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/processes.h"

namespace gantry::exec {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

std::string Environ(std::initializer_list<std::string> entries) {
  std::string block;
  for (const std::string& e : entries) block.append(e).push_back('\0');
  return block;
}

using gantry::testing::Sleeper;

TEST(ProcessTagTest, EnvironmentHoldsRunAndComponent) {
  const ProcessTag tag{"run-1", "network/vpc"};
  EXPECT_THAT(tag.Environment(),
              ElementsAre("GANTRY_RUN_ID=run-1", "GANTRY_COMPONENT=network/vpc"));
}

TEST(ProcessTagTest, ParsesTheTagOutOfAnEnvironmentBlock) {
  EXPECT_EQ(ParseTag(Environ({"PATH=/bin", "GANTRY_RUN_ID=r", "GANTRY_COMPONENT=c", "X=1"})),
            (ProcessTag{"r", "c"}));
  EXPECT_EQ(ParseTag(Environ({"GANTRY_RUN_ID=r"})), (ProcessTag{"r", ""}));
  EXPECT_EQ(ParseTag(Environ({"GANTRY_COMPONENT=c"})), std::nullopt) << "no run, no tag";
  EXPECT_EQ(ParseTag(Environ({"GANTRY_RUN_ID="})), std::nullopt);
  EXPECT_EQ(ParseTag(Environ({"GANTRY_RUN_IDX=r", "XGANTRY_RUN_ID=r"})), std::nullopt);
  EXPECT_EQ(ParseTag(Environ({"GANTRY_RUN_ID=a", "GANTRY_RUN_ID=b"})), (ProcessTag{"b", ""}))
      << "the last definition wins";
  EXPECT_EQ(ParseTag(""), std::nullopt);
}

TEST(ProcessTagTest, FindsTheLiveProcessesOfARun) {
  Sleeper tagged({"GANTRY_RUN_ID=find-me", "GANTRY_COMPONENT=a"});
  Sleeper other({"GANTRY_RUN_ID=someone-else", "GANTRY_COMPONENT=a"});
  Sleeper untagged({"PATH=/bin"});
  ASSERT_GT(tagged.pid(), 0);
  const std::vector<TaggedProcess> found =
      FindTaggedProcesses([](const ProcessTag& tag) { return tag.run_id == "find-me"; });
  ASSERT_THAT(found, ElementsAre(Field(&TaggedProcess::pid, tagged.pid())));
  EXPECT_EQ(found[0].command, "sleep");
  EXPECT_EQ(found[0].tag, (ProcessTag{"find-me", "a"}));
  EXPECT_EQ(DescribeProcesses(found), std::to_string(tagged.pid()) + " (sleep)");
  EXPECT_EQ(ReadTag(untagged.pid()), std::nullopt);
}

TEST(ProcessTagTest, AnExitedProcessIsNotFound) {
  std::optional<pid_t> pid;
  {
    Sleeper gone({"GANTRY_RUN_ID=gone-run"});
    pid = gone.pid();
  }
  EXPECT_EQ(ReadTag(*pid), std::nullopt);
  EXPECT_THAT(FindTaggedProcesses([](const ProcessTag& t) { return t.run_id == "gone-run"; }),
              IsEmpty());
}

}  // namespace
}  // namespace gantry::exec
