// Random bytes and mutated fixtures fed to both parsers: none may crash, hang, trip a
// sanitizer, or report a problem outside the file.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hcl/json_parser.h"
#include "hcl/native_parser.h"
#include "tests/fuzz/mutator.h"

namespace gantry::terraform::hcl {
namespace {

// A few thousand cases each; the time bound only matters on a very slow machine.
constexpr int kCases = 4000;
constexpr double kBudgetSeconds = 20;

/// Every fixture file whose name ends with `suffix`, as text.
std::vector<std::string> Fixtures(const std::string& suffix) {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(GANTRY_HCL_TESTDATA)) {
    const std::string path = entry.path().string();
    if (!entry.is_regular_file() || path.size() < suffix.size() ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::ostringstream text;
    text << std::ifstream(path, std::ios::binary).rdbuf();
    texts.push_back(text.str());
  }
  return texts;
}

/// A parse is sane when its problems are placed inside the text.
void ExpectSaneProblems(const File& file, const std::string& input) {
  const int lines = 1 + static_cast<int>(std::count(input.begin(), input.end(), '\n'));
  for (const Problem& problem : file.problems) {
    ASSERT_GE(problem.where.line, 1) << problem.message;
    ASSERT_LE(problem.where.line, lines) << problem.message;
    ASSERT_GE(problem.where.column, 1) << problem.message;
    ASSERT_FALSE(problem.message.empty());
  }
}

/// Mutations of `seeds` through `parse`: how many cases ran, and how many read cleanly.
struct FuzzCount {
  int cases = 0;
  int clean = 0;
};
FuzzCount FuzzParser(const std::vector<std::string>& seeds,
                     File (*parse)(std::string_view, const std::string&)) {
  FuzzCount count;
  count.cases = fuzz::FuzzFor(
      seeds,
      [&](const std::string& input) {
        const File file = parse(input, "fuzz");
        ExpectSaneProblems(file, input);
        if (file.problems.empty()) ++count.clean;
      },
      kBudgetSeconds, kCases);
  return count;
}

TEST(HclFuzzTest, MutatedNativeFilesNeverCrashTheParser) {
  std::vector<std::string> seeds = Fixtures(".tf");
  ASSERT_GE(seeds.size(), 7u);
  seeds.push_back(
      "x = \"${a(\"}\")}\" # c\ny = <<-E\n  ${b}\n  E\nz {\n w = [for q in r : q]\n}\n");
  const FuzzCount count = FuzzParser(seeds, &ParseNative);
  EXPECT_GT(count.cases, 500);
  EXPECT_GT(count.clean, 0) << "the mutations never left a valid file: a useless fuzzer";
}

TEST(HclFuzzTest, MutatedJsonFilesNeverCrashTheParser) {
  const std::vector<std::string> seeds = Fixtures(".tf.json");
  ASSERT_GE(seeds.size(), 3u);
  const FuzzCount count = FuzzParser(seeds, &ParseJson);
  EXPECT_GT(count.cases, 500);
  EXPECT_GT(count.clean, 0) << "the mutations never left a valid file: a useless fuzzer";
}

TEST(HclFuzzTest, RandomBytesNeverCrashEitherParser) {
  std::mt19937_64 rng(20261203);
  // Bytes the grammars care about, weighted against plain noise.
  const std::string alphabet = "{}[]()\"'=:,.$%#/*\\<-~?!\n\r\t ab01EOT\xef\xbb\xbf\xc3\xa9\xff";
  for (int i = 0; i < 3000; ++i) {
    std::string input(rng() % 200, '\0');
    for (char& c : input) {
      c = rng() % 4 == 0 ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()];
    }
    ExpectSaneProblems(ParseNative(input, "r.tf"), input);
    ExpectSaneProblems(ParseJson(input, "r.tf.json"), input);
  }
}

TEST(HclFuzzTest, PathologicalNestingStaysBounded) {
  for (const std::string_view unit : {"[", "{", "(", "\"${", "x {\n", "a = [{ b = ", "<<E\n${"}) {
    std::string input = "x = ";
    for (int i = 0; i < 20000; ++i) input += unit;
    ExpectSaneProblems(ParseNative(input, "deep.tf"), input);
    ExpectSaneProblems(ParseJson(input, "deep.tf.json"), input);
  }
  std::string json;
  for (int i = 0; i < 20000; ++i) json += "{\"a\":[";
  ExpectSaneProblems(ParseJson(json, "deep.tf.json"), json);
}

}  // namespace
}  // namespace gantry::terraform::hcl
