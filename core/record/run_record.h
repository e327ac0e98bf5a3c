// What a run did, component by component: the data every report, the console and the
// journal are made from. Plain data, no behaviour beyond naming.
#ifndef GANTRY_CORE_RECORD_RUN_RECORD_H_
#define GANTRY_CORE_RECORD_RUN_RECORD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "gantry/host.h"

namespace gantry::record {

/// What every report shows in place of a sensitive value.
inline constexpr char kMaskedValue[] = "***";

/// An output recorded by a plugin (gantry_host.set_output).
struct OutputValue {
  std::string value;
  uint32_t flags = 0;  ///< GANTRY_OUTPUT_* (SENSITIVE: shown as "***" everywhere but state)
  bool operator==(const OutputValue&) const = default;

  bool sensitive() const { return (flags & GANTRY_OUTPUT_SENSITIVE) != 0; }
  bool json() const { return (flags & GANTRY_OUTPUT_JSON) != 0; }
  /// The text a report may show: kMaskedValue when sensitive, else the value.
  std::string_view shown() const { return sensitive() ? std::string_view(kMaskedValue) : value; }
};

/// What a component's operation would change (a plan) or changed, as its plugin reported
/// it (gantry_host.report_changes).
struct Changes {
  bool has_changes = false;
  int64_t add = -1;  ///< resources to add; -1: not known
  int64_t change = -1;
  int64_t destroy = -1;
  /// The plugin's own words for the counts ("2 images to build"), shown in their place
  /// for this component; empty: the host words them.
  std::string summary;
  bool operator==(const Changes&) const = default;
};

/// Where one component of a run stands. kPending and kRunning are transient.
enum class ComponentStatus {
  kPending,
  kRunning,
  kOk,         ///< succeeded (also: the plugin had nothing to do for this operation)
  kFailed,
  kSkipped,    ///< never started: see ComponentRecord::skip_cause
  kCancelled,  ///< started, stopped by a cancellation or interrupt
  /// A plan only: not planned, because an output it references has no value yet (its
  /// producer was never applied, and neither this run's plan nor plan_defaults gives
  /// one): see ComponentRecord::blocked_on. Not a failure: its dependents still plan.
  kBlocked,
};

/// "pending", "running", "ok", "failed", "skipped", "cancelled", "blocked": the words used in every
/// report, the journal and the console.
const char* StatusName(ComponentStatus status);
/// The inverse of StatusName; false for an unknown word.
bool ParseStatus(std::string_view name, ComponentStatus* status);

/// The skip_cause of components skipped because the whole run was interrupted.
inline constexpr char kSkipCauseCancelled[] = "(cancelled)";

/// One selected component of a run.
struct ComponentRecord {
  std::string name;
  std::string type;
  ComponentStatus status = ComponentStatus::kPending;
  absl::Time started = absl::InfinitePast();   ///< first attempt began; InfinitePast if never
  /// Last attempt ended; for kSkipped, when it was skipped; InfinitePast if neither.
  absl::Time finished = absl::InfinitePast();
  int attempts = 0;                            ///< 0 when never started
  int slot = -1;                               ///< worker slot (trace row); -1 if never started
  /// For kSkipped: the failed or cancelled component that caused it, or
  /// kSkipCauseCancelled.
  std::string skip_cause;
  /// For kFailed/kCancelled: why, in one line, already masked.
  std::string error;
  /// True when the plugin reported it had nothing to do (GANTRY_STATUS_UNSUPPORTED).
  bool nothing_to_do = false;
  /// What its last successful attempt reported it would change or changed; nullopt when
  /// it reported nothing (or failed).
  std::optional<Changes> changes;
  /// Outputs recorded by this run, keys and values masked by the run's secrets (an
  /// output holding one is flagged sensitive); still show sensitive ones as kMaskedValue.
  std::map<std::string, OutputValue> outputs;
  std::string log_path;   ///< absolute path of its log file; empty if it never started
  std::string workspace;  ///< absolute path when kept after the run; empty otherwise
  /// Set when this run did not execute the component because a run it resumed (this id)
  /// had already succeeded with it: status is kOk, attempts 0, outputs are that run's.
  std::string reused_from;
  /// For kBlocked: the components whose outputs it lacked (they must be applied first).
  std::vector<std::string> blocked_on;
  /// A plan only: the "component.output" references it was planned with a plan_defaults
  /// placeholder for. Its saved plan is never applied.
  std::vector<std::string> placeholders;
  /// A plan only: the references it was planned with another component's planned value
  /// for (one not applied yet). Its saved plan is applied only if, by then, the applied
  /// value is that very one.
  std::vector<std::string> planned_inputs;
  /// The run's other components it depends on, sorted: the edges of the step summary's
  /// and the HTML report's graphs. Journaled in run_started since the HTML report; empty
  /// when read from an older journal.
  std::vector<std::string> needs;
  /// How long it waited ready but not running (every admission of it summed), and the
  /// reason that accounts for most of it: "global_limit", "group_limit",
  /// "adaptive_limit", "backoff" or "busy"; empty when it never waited.
  absl::Duration ready_wait = absl::ZeroDuration();
  std::string wait_reason;

  absl::Duration duration() const {
    return started == absl::InfinitePast() ? absl::ZeroDuration() : finished - started;
  }
  bool operator==(const ComponentRecord&) const = default;
};

/// The fields of one admission event that no other record holds: a component's wait
/// (component_deferred, component_admitted) or a group's limit (limit_changed).
struct AdmissionRecord {
  /// deferred: why it waits ("global_limit", "group_limit", "adaptive_limit", "backoff",
  /// "busy"); admitted: the reason for most of this wait (empty: it did not wait).
  std::string reason;
  /// deferred for a group's limit, limit_changed: the group.
  std::string group;
  /// deferred after a throttle or a busy answer: until it is tried again; admitted: how
  /// long it waited since it was ready.
  absl::Duration wait = absl::ZeroDuration();
  int from = 0;     ///< limit_changed: the limit before
  int to = 0;       ///< limit_changed: the limit now
  std::string why;  ///< limit_changed: "throttled" (down) or "successes" (up)
  bool operator==(const AdmissionRecord&) const = default;
};

/// A limited group's limit and running count at a moment: the trace's counter tracks.
struct GroupLoad {
  absl::Time time;
  std::string group;
  int limit = 0;
  int running = 0;
  bool operator==(const GroupLoad&) const = default;
};

/// One attempt of a component, as its journal tells it: for drawing retries and waits.
struct AttemptRecord {
  int number = 0;  ///< 1-based
  absl::Time started = absl::InfinitePast();
  /// When it ended: at its component_retrying (it failed and another was to follow) or
  /// at the component's component_finished; InfinitePast while the journal does not say
  /// (the run was interrupted during it).
  absl::Time ended = absl::InfinitePast();
  /// It failed and was retried: its error (masked) and the delay announced before the
  /// next attempt. The wait lasts from `ended` to the next attempt's start.
  bool retried = false;
  std::string error;
  absl::Duration retry_delay = absl::ZeroDuration();
  bool operator==(const AttemptRecord&) const = default;
};

/// One whole run.
struct RunRecord {
  std::string run_id;     ///< UUID
  std::string operation;  ///< "plan", "apply", "destroy" or a plugin-defined one
  std::string target;
  std::string deployment_file;  ///< absolute path of gantry.toml
  absl::Time started = absl::InfinitePast();
  absl::Time finished = absl::InfinitePast();
  int exit_code = 0;
  int max_concurrency = 1;
  std::vector<ComponentRecord> components;  ///< the selected components, sorted by name
  std::string resumed_from;  ///< the run id given to --resume (resolved); empty otherwise
  std::string from_plan;     ///< apply --from-plan: the plan's run id (resolved); else empty
  /// Files of the run gantry could not write (a log, the journal, --events, synced
  /// outputs...), in the order it found out, each "what: why; consequence". Any makes
  /// the run fail (exit 1) though its components may all have succeeded.
  std::vector<std::string> write_errors;
  /// Every change of a limited group's load or limit, in order (kept in memory for the
  /// trace; journaled nowhere).
  std::vector<GroupLoad> group_loads;
  bool operator==(const RunRecord&) const = default;
};

/// How many components of a run ended in each final status (pending and running count
/// as neither: they exist only in an interrupted run).
struct StatusCounts {
  int ok = 0;
  /// Of the ok ones, those that had nothing to run for the operation (not reused ones:
  /// as ShownStatus).
  int nothing_to_do = 0;
  int failed = 0;
  int skipped = 0;
  int cancelled = 0;
  int blocked = 0;
  int unfinished = 0;  ///< pending or running: the run was interrupted
};
StatusCounts CountStatuses(const RunRecord& run);

/// How a component that succeeded with nothing_to_do is shown to people (console,
/// `runs show`, step summary): "no apply command", so it never reads as "ok". It still
/// succeeded: its dependents run, and JSON keeps status "ok" with "nothing_to_do": true.
std::string NothingToDoText(std::string_view operation);

/// What a plan's component was planned with, or could not be, for people: "needs
/// network/vpc applied" (blocked), "planned with placeholders for network/vpc.vpc_id",
/// "planned with planned values of network/vpc.vpc_id"; "" otherwise.
std::string PlanNote(const ComponentRecord& component);

/// The status as shown to people: NothingToDoText for an ok component that had nothing
/// to do, else StatusName; followed by its PlanNote in parentheses when it has one.
std::string ShownStatus(const ComponentRecord& component, std::string_view operation);

/// Changes as shown to people: "no changes"; after a plan (or with no operation named)
/// "2 to add, 1 to change, 0 to destroy", after any other operation "2 added, 1 changed,
/// 0 destroyed" (the counts known, so "2 to add" alone when the others are not);
/// "changes" when no count is known.
std::string ChangesText(const Changes& changes, std::string_view operation);

/// How many components reported changes, and how many reported none; those that
/// reported nothing count as neither.
struct ChangeCounts {
  int with = 0;
  int without = 0;
  /// The sums over the components that reported each count; -1 where none did.
  Changes total;
};
ChangeCounts CountChanges(const RunRecord& run);

/// "3 components with changes (4 to add, 1 to change, 0 to destroy), 2 without" (for an
/// apply: "4 added, ..."); "" when no component reported changes.
std::string ChangeCountsText(const ChangeCounts& counts, std::string_view operation);

}  // namespace gantry::record

#endif  // GANTRY_CORE_RECORD_RUN_RECORD_H_
