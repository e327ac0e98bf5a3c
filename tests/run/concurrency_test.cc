#include "core/run/concurrency.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gantry::run {
namespace {

using ::testing::HasSubstr;

int Hardware() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

TEST(ConcurrencyTest, DefaultIsOne) { EXPECT_EQ(*ResolveMaxConcurrency("", "", std::nullopt), 1); }

TEST(ConcurrencyTest, FlagBeatsEnvBeatsConfig) {
  EXPECT_EQ(*ResolveMaxConcurrency("3", "5", 7), 3);
  EXPECT_EQ(*ResolveMaxConcurrency("", "5", 7), 5);
  EXPECT_EQ(*ResolveMaxConcurrency("", "", 7), 7);
}

TEST(ConcurrencyTest, AutoMeansHardwareThreads) {
  EXPECT_EQ(*ResolveMaxConcurrency("auto", "", std::nullopt), Hardware());
  EXPECT_EQ(*ResolveMaxConcurrency("", "auto", std::nullopt), Hardware());
  EXPECT_EQ(*ResolveMaxConcurrency("", "", 0), Hardware());
}

TEST(ConcurrencyTest, BadValuesNameTheirSource) {
  absl::StatusOr<int> flag = ResolveMaxConcurrency("0", "", std::nullopt);
  ASSERT_FALSE(flag.ok());
  EXPECT_THAT(flag.status().message(), HasSubstr("--max-concurrency"));
  absl::StatusOr<int> env = ResolveMaxConcurrency("", "many", std::nullopt);
  ASSERT_FALSE(env.ok());
  EXPECT_THAT(env.status().message(), HasSubstr("GANTRY_MAX_CONCURRENCY"));
  EXPECT_THAT(env.status().message(), HasSubstr("'many'"));
}

}  // namespace
}  // namespace gantry::run
