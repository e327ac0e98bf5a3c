// Journal text made from events, and read back, for the reader, index and report tests.
#ifndef GANTRY_TESTS_RECORD_JOURNAL_TEST_UTIL_H_
#define GANTRY_TESTS_RECORD_JOURNAL_TEST_UTIL_H_

#include <string>
#include <vector>

#include "core/record/event_json.h"
#include "core/record/journal_reader.h"
#include "core/record/run_event.h"
#include "gtest/gtest.h"

namespace gantry::record::testing {

/// `events` as journal lines, each ending in '\n'.
inline std::string JournalText(const std::vector<RunEvent>& events) {
  std::string text;
  for (const RunEvent& event : events) text += EventToJson(event) + "\n";
  return text;
}

/// `events` written as a journal and read back; the test fails if they cannot be.
inline Journal ReadBack(const std::vector<RunEvent>& events) {
  absl::StatusOr<Journal> journal = ParseJournal(JournalText(events), "journal.jsonl");
  EXPECT_TRUE(journal.ok()) << journal.status();
  return journal.ok() ? *std::move(journal) : Journal();
}

}  // namespace gantry::record::testing

#endif  // GANTRY_TESTS_RECORD_JOURNAL_TEST_UTIL_H_
