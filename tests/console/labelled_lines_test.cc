#include "core/console/labelled_lines.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace gantry::console {
namespace {

// What Label must give, written the obvious way.
std::string Reference(std::string_view label, std::string_view lines) {
  std::string out;
  while (!lines.empty()) {
    const size_t nl = lines.find('\n');
    const size_t length = nl == std::string_view::npos ? lines.size() : nl + 1;
    out.append(label).append(lines.substr(0, length));
    if (nl == std::string_view::npos) out.push_back('\n');
    lines.remove_prefix(length);
  }
  return out;
}

TEST(LabelledLinesTest, LabelsEachLine) {
  LabelledLines labelled;
  EXPECT_EQ(labelled.Label("> ", "a\n\nb\nc"), "> a\n> \n> b\n> c\n");
  EXPECT_EQ(labelled.Label("> ", ""), "");
  EXPECT_EQ(labelled.Label("", "x\ny"), "x\ny\n");
  EXPECT_EQ(labelled.Label("[app] ", "\n"), "[app] \n");
}

TEST(LabelledLinesTest, HeadThenBody) {
  LabelledLines labelled;
  EXPECT_EQ(labelled.Label("[a] ", {"one\n", "two\nthree"}), "[a] one\n[a] two\n[a] three\n");
  EXPECT_EQ(labelled.Label("[a] ", {"one\n", ""}), "[a] one\n");
  EXPECT_EQ(labelled.Label("[a] ", {"", "two\n"}), "[a] two\n");
}

TEST(LabelledLinesTest, NewlinesAtEveryPositionOfABlock) {
  LabelledLines labelled;
  for (size_t at = 0; at < 40; ++at) {
    std::string lines(40, 'x');
    lines[at] = '\n';
    EXPECT_EQ(labelled.Label("[l] ", lines), Reference("[l] ", lines)) << at;
    lines.resize(at + 1);  // Ending right after the '\n'.
    EXPECT_EQ(labelled.Label("[l] ", lines), Reference("[l] ", lines)) << at;
  }
}

// Random lines (empty, short, long), labels of every size around the 32-byte fast
// store, with and without a last '\n', in a buffer reused across calls.
TEST(LabelledLinesTest, SameAsTheReferenceOnRandomText) {
  std::mt19937 random(7);
  LabelledLines labelled;
  for (int round = 0; round < 2000; ++round) {
    std::string label(random() % 70, 'L');
    for (char& c : label) c = static_cast<char>('A' + random() % 26);
    std::string lines;
    const int count = static_cast<int>(random() % 60);
    const size_t longest = round % 3 == 0 ? 4 : round % 3 == 1 ? 100 : 3000;
    for (int i = 0; i < count; ++i) {
      lines.append(random() % (longest + 1), static_cast<char>('a' + random() % 26));
      if (i + 1 < count || random() % 2 == 0) lines.push_back('\n');
    }
    ASSERT_EQ(labelled.Label(label, lines), Reference(label, lines)) << "round " << round;
    // The same text cut after its first line: the head, then the body.
    const size_t first = lines.find('\n') + 1;  // 0 when there is no '\n': all body.
    const LineBlock block(std::string_view(lines).substr(0, first),
                          std::string_view(lines).substr(first));
    ASSERT_EQ(labelled.Label(label, block), Reference(label, lines)) << "round " << round;
    if (round % 100 == 0) labelled.Shrink(0);
  }
}

}  // namespace
}  // namespace gantry::console
