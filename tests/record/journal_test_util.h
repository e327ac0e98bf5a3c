// Journal text made from events, for the reader and index tests.
#ifndef GANTRY_TESTS_RECORD_JOURNAL_TEST_UTIL_H_
#define GANTRY_TESTS_RECORD_JOURNAL_TEST_UTIL_H_

#include <string>
#include <vector>

#include "core/record/event_json.h"
#include "core/record/run_event.h"

namespace gantry::record::testing {

/// `events` as journal lines, each ending in '\n'.
inline std::string JournalText(const std::vector<RunEvent>& events) {
  std::string text;
  for (const RunEvent& event : events) text += EventToJson(event) + "\n";
  return text;
}

}  // namespace gantry::record::testing

#endif  // GANTRY_TESTS_RECORD_JOURNAL_TEST_UTIL_H_
