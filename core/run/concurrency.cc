#include "core/run/concurrency.h"

#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace gantry::run {
namespace {

int HardwareThreads() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

absl::StatusOr<int> Parse(const std::string& text, const char* where) {
  if (text == "auto") return HardwareThreads();
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < 1 || value > 4096) {
    return absl::InvalidArgumentError(absl::StrCat(where, " must be a number from 1 to 4096 or "
                                                   "'auto', not '", text, "'"));
  }
  return value;
}

}  // namespace

absl::StatusOr<int> ResolveMaxConcurrency(const std::string& flag, const std::string& env,
                                          std::optional<int> config) {
  if (!flag.empty()) return Parse(flag, "--max-concurrency");
  if (!env.empty()) return Parse(env, "GANTRY_MAX_CONCURRENCY");
  if (config) return *config == 0 ? HardwareThreads() : *config;
  return 1;
}

}  // namespace gantry::run
