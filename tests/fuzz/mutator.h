// Seeded, time-bounded mutation fuzzing for parsers: no libFuzzer needed, so it runs in
// every configuration (and finds memory errors in the ASan one).
#ifndef GANTRY_TESTS_FUZZ_MUTATOR_H_
#define GANTRY_TESTS_FUZZ_MUTATOR_H_

#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace gantry::fuzz {

/// Bytes that matter to the parsers under test, favoured by insertions.
inline const std::string kInteresting = "[]{}\"'=.,:\n\\#$0-1eE \t\x00\xff\xc3";

/// One random edit of `text`: flip, insert, delete, duplicate or truncate.
inline std::string Mutate(std::string text, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const size_t edits = 1 + pick(4);
  for (size_t e = 0; e < edits; ++e) {
    const size_t at = pick(text.size() + 1);
    switch (pick(6)) {
      case 0: if (!text.empty()) text[pick(text.size())] ^= static_cast<char>(1 << pick(8)); break;
      case 1: text.insert(at, 1, kInteresting[pick(kInteresting.size())]); break;
      case 2: text.erase(at, pick(16)); break;
      case 3: text.insert(at, text.substr(pick(text.size() + 1), pick(64))); break;
      case 4: text.resize(at); break;
      default: text.insert(at, std::string(pick(8), kInteresting[pick(kInteresting.size())])); break;
    }
  }
  return text;
}

/// Runs `check` on mutations of `seeds` until `budget` passes or `max_cases` ran. The
/// seed of the random generator is GANTRY_FUZZ_SEED when set (to replay a failure), else
/// fixed, so a run is reproducible; GANTRY_FUZZ_SECONDS raises the budget for long runs.
inline int FuzzFor(const std::vector<std::string>& seeds,
                   const std::function<void(const std::string&)>& check, double budget_seconds = 5,
                   int max_cases = 20000) {
  uint64_t seed = 20261123;
  if (const char* s = std::getenv("GANTRY_FUZZ_SEED")) seed = std::strtoull(s, nullptr, 10);
  if (const char* s = std::getenv("GANTRY_FUZZ_SECONDS")) budget_seconds = std::atof(s);
  std::mt19937_64 rng(seed);
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(budget_seconds);
  int cases = 0;
  for (; cases < max_cases && std::chrono::steady_clock::now() < end; ++cases) {
    std::string input = seeds[cases % seeds.size()];
    const int rounds = 1 + static_cast<int>(rng() % 3);
    for (int r = 0; r < rounds; ++r) input = Mutate(std::move(input), rng);
    check(input);
  }
  return cases;
}

}  // namespace gantry::fuzz

#endif  // GANTRY_TESTS_FUZZ_MUTATOR_H_
