#include "core/stream/secret_set.h"

#include <memory>
#include <thread>

#include "gtest/gtest.h"

namespace gantry::stream {
namespace {

TEST(SecretSetTest, SnapshotsGrowAndStayValid) {
  SecretSet set;
  const std::shared_ptr<const SecretMasker> empty = set.Snapshot();
  EXPECT_TRUE(empty->empty());
  set.Add({"hunter2", "", "hunter2"});
  const std::shared_ptr<const SecretMasker> one = set.Snapshot();
  EXPECT_EQ(one->Mask("pw=hunter2"), "pw=***");
  EXPECT_EQ(set.Snapshot(), one) << "no new secret, the same masker";
  EXPECT_TRUE(empty->empty()) << "an older snapshot is unchanged";
}

TEST(SecretSetTest, TheGenerationMovesOnlyWhenASecretIsAdded) {
  SecretSet set({"tok-1"});
  const uint64_t first = set.generation();
  set.Add({"tok-1", ""});
  EXPECT_EQ(set.generation(), first) << "nothing new";
  set.Add({"tok-2"});
  EXPECT_NE(set.generation(), first);
}

// A reader that saw the generation move gets a snapshot with what was added (TSan checks
// the hand-over).
TEST(SecretSetTest, ASnapshotAfterTheGenerationMovedHoldsTheNewSecret) {
  SecretSet set;
  const uint64_t before = set.generation();
  std::thread writer([&] { set.Add({"learned-secret"}); });
  while (set.generation() == before) std::this_thread::yield();
  EXPECT_EQ(set.Snapshot()->Mask("x learned-secret"), "x ***");
  writer.join();
}

}  // namespace
}  // namespace gantry::stream
