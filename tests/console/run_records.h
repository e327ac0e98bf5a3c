// Test helper: RunRecord / ComponentRecord values as a run would hand them to a console.
#ifndef GANTRY_TESTS_CONSOLE_RUN_RECORDS_H_
#define GANTRY_TESTS_CONSOLE_RUN_RECORDS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/record/run_record.h"

namespace gantry::console {

inline const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

inline record::ComponentRecord Pending(std::string name, std::string type = "custom") {
  record::ComponentRecord c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

inline record::ComponentRecord Running(record::ComponentRecord c, int attempt = 1) {
  c.status = record::ComponentStatus::kRunning;
  c.attempts = attempt;
  c.started = kT0;
  return c;
}

/// Ended with `status` after `duration`.
inline record::ComponentRecord Ended(record::ComponentRecord c, record::ComponentStatus status,
                                     absl::Duration duration, int attempts = 1) {
  c.status = status;
  c.attempts = attempts;
  c.started = kT0;
  c.finished = kT0 + duration;
  return c;
}

inline record::ComponentRecord Skipped(record::ComponentRecord c, std::string cause) {
  c.status = record::ComponentStatus::kSkipped;
  c.skip_cause = std::move(cause);
  return c;
}

inline record::RunRecord MakeRun(std::vector<record::ComponentRecord> components) {
  record::RunRecord run;
  run.run_id = "run-1";
  run.operation = "apply";
  run.started = kT0;
  run.components = std::move(components);
  return run;
}

}  // namespace gantry::console

#endif  // GANTRY_TESTS_CONSOLE_RUN_RECORDS_H_
