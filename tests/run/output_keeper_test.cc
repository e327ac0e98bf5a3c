// What a component leaves of its outputs, alone: the record's masked copy, the word about
// undeclared outputs, and what each operation keeps in the book and on disk.
#include "core/run/output_keeper.h"

#include <filesystem>
#include <string>

#include "core/state/output_store.h"
#include "gantry/abi.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/exec/collecting_sink.h"
#include "tests/testing/temp_dir.h"

namespace gantry::run {
namespace {

using ::testing::Not;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

OutputBook NoPersisted() {
  return OutputBook([](const std::string&) -> std::optional<Outputs> { return std::nullopt; });
}

TEST(OutputKeeperTest, WithoutSecretsTheRecordIsTheOutputsAsSet) {
  Outputs outputs{{"id", {"i-1", 0}}};
  exec::CollectingSink notes;
  EXPECT_EQ(OutputsForRecord(outputs, stream::SecretMasker(), notes), outputs);
  EXPECT_THAT(notes.err, IsEmpty());
}

TEST(OutputKeeperTest, AnOutputHoldingASecretIsMaskedAndBecomesSensitive) {
  Outputs outputs{{"dsn", {"db://u:hunter2@h", 0}}, {"id", {"i-1", 0}}};
  exec::CollectingSink notes;
  const auto shown = OutputsForRecord(outputs, stream::SecretMasker({"hunter2"}), notes);
  EXPECT_TRUE(outputs.at("dsn").sensitive()) << "later readers learn it as a secret";
  EXPECT_EQ(outputs.at("dsn").value, "db://u:hunter2@h") << "the state keeps the real value";
  EXPECT_THAT(std::string(shown.at("dsn").shown()), Not(HasSubstr("hunter2")));
  EXPECT_EQ(shown.at("id").value, "i-1");
  EXPECT_THAT(notes.err, HasSubstr("output 'dsn' holds a secret"));
}

TEST(OutputKeeperTest, NamesMaskedAlikeStayTwoOutputs) {
  Outputs outputs{{"a-hunter2", {"1", 0}}, {"b-hunter2", {"2", 0}}};
  exec::CollectingSink notes;
  const auto shown = OutputsForRecord(outputs, stream::SecretMasker({"hunter2", "a-", "b-"}), notes);
  EXPECT_EQ(shown.size(), 2u);
  for (const auto& [key, value] : shown) EXPECT_THAT(key, Not(HasSubstr("hunter2")));
  EXPECT_THAT(notes.err, HasSubstr("holds a secret: recorded masked"));
}

TEST(OutputKeeperTest, AnUndeclaredOutputIsSaidNotFailed) {
  plugin::OutputSpec declared;
  declared.name = "id";
  exec::CollectingSink notes;
  WarnUndeclaredOutputs(Outputs{{"id", {"1", 0}}, {"extra", {"2", 0}}}, {declared}, "app", "fake",
                        stream::SecretMasker(), notes);
  EXPECT_EQ(notes.err,
            "gantry: output 'extra' is not among the outputs declared for type 'fake' (id); "
            "references to it are refused by gantry validate\n");
}

class KeepOutputsTest : public ::testing::Test {
 protected:
  OutputsHome Home(std::string operation) {
    return OutputsHome{"app", std::move(operation), "run-1", path_, absl::FromUnixSeconds(1000),
                       nullptr};
  }
  testing::TempDir dir_;
  std::filesystem::path path_ = std::filesystem::path(dir_.path()) / "app.outputs.json";
  OutputBook book_ = NoPersisted();
};

TEST_F(KeepOutputsTest, ApplyPersistsWithRunAndTime) {
  ASSERT_TRUE(KeepOutputs(Outputs{{"id", {"i-1", 0}}}, Home("apply"), book_).ok());
  absl::StatusOr<state::StoredOutputs> stored = state::ReadOutputs(path_);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->outputs.at("id").value, "i-1");
  EXPECT_EQ(stored->run_id, "run-1");
  EXPECT_EQ(stored->operation, "apply");
  EXPECT_EQ(stored->time, absl::FromUnixSeconds(1000));
  EXPECT_EQ(book_.Lookup("app", "id")->value, "i-1");
}

TEST_F(KeepOutputsTest, ApplyWithNoOutputsRemovesTheFile) {
  ASSERT_TRUE(KeepOutputs(Outputs{{"id", {"i-1", 0}}}, Home("apply"), book_).ok());
  ASSERT_TRUE(KeepOutputs(Outputs{}, Home("apply"), book_).ok());
  EXPECT_FALSE(std::filesystem::exists(path_));
  EXPECT_FALSE(book_.Lookup("app", "id"));
}

TEST_F(KeepOutputsTest, DestroyForgetsThemEvenIfItSetSome) {
  ASSERT_TRUE(KeepOutputs(Outputs{{"id", {"i-1", 0}}}, Home("apply"), book_).ok());
  ASSERT_TRUE(KeepOutputs(Outputs{{"id", {"i-2", 0}}}, Home("destroy"), book_).ok());
  EXPECT_FALSE(std::filesystem::exists(path_));
  EXPECT_FALSE(book_.Lookup("app", "id"));
}

TEST_F(KeepOutputsTest, PlanAndOtherOperationsPersistNothing) {
  ASSERT_TRUE(KeepOutputs(Outputs{{"id", {"planned", 0}}}, Home("plan"), book_).ok());
  EXPECT_FALSE(book_.Lookup("app", "id"));
  EXPECT_EQ(book_.LookupPlanned("app", "id")->value, "planned");
  ASSERT_TRUE(KeepOutputs(Outputs{{"report", {"r", 0}}}, Home("lint"), book_).ok());
  EXPECT_EQ(book_.Lookup("app", "report")->value, "r") << "later components of the run see it";
  EXPECT_FALSE(std::filesystem::exists(path_));
}

}  // namespace
}  // namespace gantry::run
