// A small finished run shared by the record tests, and the events that tell it.
#ifndef GANTRY_TESTS_RECORD_SAMPLE_RUN_H_
#define GANTRY_TESTS_RECORD_SAMPLE_RUN_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/record/run_event.h"
#include "core/record/run_record.h"
#include "gantry/host.h"

namespace gantry::record::testing {

inline constexpr char kSampleRunId[] = "3f2a9c1e-5b7d-4e0f-9a11-2c3d4e5f6a7b";
inline constexpr char kSecret[] = "hunter2-very-secret";

inline absl::Time T0() { return absl::FromUnixSeconds(1714564800); }  // 2024-05-01T12:00:00Z
inline absl::Time At(int64_t ms) { return T0() + absl::Milliseconds(ms); }

inline ComponentRecord Ran(std::string name, std::string type, ComponentStatus status, int slot,
                           int64_t start_ms, int64_t end_ms, int attempts) {
  ComponentRecord component;
  component.name = std::move(name);
  component.type = std::move(type);
  component.status = status;
  component.slot = slot;
  component.started = At(start_ms);
  component.finished = At(end_ms);
  component.attempts = attempts;
  component.log_path = "/work/.gantry/runs/" + std::string(kSampleRunId) + "/logs/" +
                       component.name + ".log";
  return component;
}

/// apply on dev, two slots: base ok; db ok after a retry, with a sensitive, a plain and a
/// JSON output; app failed; web skipped because of app. Exit code 1.
inline RunRecord SampleRun() {
  RunRecord run;
  run.run_id = kSampleRunId;
  run.operation = "apply";
  run.target = "dev";
  run.deployment_file = "/work/gantry.toml";
  run.started = T0();
  run.finished = At(7200);
  run.exit_code = 1;
  run.max_concurrency = 2;

  ComponentRecord app = Ran("app", "custom", ComponentStatus::kFailed, 0, 5100, 7000, 1);
  app.error = "exit status 1";
  ComponentRecord base = Ran("base", "custom", ComponentStatus::kOk, 0, 100, 2500, 1);
  base.outputs["id"] = OutputValue{"b-1", 0};
  ComponentRecord db = Ran("db", "terraform", ComponentStatus::kOk, 1, 200, 5000, 2);
  db.outputs["password"] = OutputValue{kSecret, GANTRY_OUTPUT_SENSITIVE};
  db.outputs["url"] = OutputValue{"db.local:5432", 0};
  db.outputs["zones"] = OutputValue{R"(["a","b"])", GANTRY_OUTPUT_JSON};
  ComponentRecord web;
  web.name = "web";
  web.type = "custom";
  web.status = ComponentStatus::kSkipped;
  web.skip_cause = "app";
  web.finished = At(7000);
  run.components = {app, base, db, web};
  return run;
}

/// The events a run of SampleRun() writes, in order (db retries once).
inline std::vector<RunEvent> SampleEvents(const RunRecord& run) {
  const auto& app = run.components[0];
  const auto& base = run.components[1];
  const auto& db = run.components[2];
  const auto& web = run.components[3];
  return {
      RunStartedEvent(run),
      ComponentStartedEvent(run, base, 1, base.started),
      ComponentStartedEvent(run, db, 1, db.started),
      ComponentRetryingEvent(run, db, 1, "RequestLimitExceeded", absl::Seconds(1), At(1500)),
      ComponentFinishedEvent(run, base),
      ComponentStartedEvent(run, db, 2, At(2500)),
      ComponentFinishedEvent(run, db),
      ComponentStartedEvent(run, app, 1, app.started),
      ComponentFinishedEvent(run, app),
      ComponentSkippedEvent(run, web),
      RunFinishedEvent(run),
  };
}

}  // namespace gantry::record::testing

#endif  // GANTRY_TESTS_RECORD_SAMPLE_RUN_H_
