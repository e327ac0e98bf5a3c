#include "core/cli/run_flags.h"

#include "core/cli/affected_command.h"

namespace gantry::cli {

// Type names COMPONENT and FILE also tell shell completion what to offer
// (completion_spec.h).
void AddRunFlags(CLI::App& command, RunFlags& flags, GlobalOptions& global) {
  run::RunOptions& o = flags.options;
  command.add_option("COMPONENT", o.selection.patterns,
                     "Components to act on: names or globs such as 'network/*' (default: all)");
  command.add_option("--target,-t", global.target, "Target (environment overlay)");
  command.add_flag("--with-deps", o.selection.with_deps,
                   "Also act on everything the selected components need");
  command.add_flag("--with-dependents", o.selection.with_dependents,
                   "Also act on everything that needs the selected components");
  command.add_option("--changed-since", flags.changed_since, kChangedSinceHelp)->type_name("REF");
  command.add_option("--exclude", o.selection.exclude, "Leave out these components (globs)")
      ->type_name("COMPONENT");
  command.add_option("--max-concurrency,-j", o.max_concurrency,
                     "Components run at once: a number or 'auto' (default: "
                     "$GANTRY_MAX_CONCURRENCY, else [gantry] max_concurrency, else 1)");
  command.add_flag("--keep-going,-k", o.keep_going,
                   "After a failure, still run everything that does not depend on it");
  command.add_flag("--dry-run,-n", o.dry_run, "Print the schedule; run nothing");
  command.add_option("--output", o.output_mode, "Console output: prefixed, grouped or quiet")
      ->check(CLI::IsMember({"prefixed", "grouped", "quiet"}));
  command.add_flag("--keep-workspace", o.keep_workspace,
                   "Keep every component's workspace after the run (and print where)");
  command.add_option("--summary", o.summary_file, "Write a JSON summary of the run to FILE")
      ->type_name("FILE");
  command.add_option("--events", o.events_file, "Write every state change as JSON lines to FILE")
      ->type_name("FILE");
  command.add_option("--trace", o.trace_file,
                     "Write a Chrome trace-event file (open it in Perfetto) to FILE")
      ->type_name("FILE");
  command.add_option("--resume", o.resume,
                     "Re-run only what did not succeed in run RUN (an id, a prefix, or 'last')");
  command.add_option("--outputs-from", o.outputs_from,
                     "Read the outputs of components outside the run from what other runs "
                     "published to DIR (a CI job's downloaded artifacts), not from .gantry")
      ->type_name("DIR");
  command.add_option("--outputs-to", o.outputs_to,
                     "Publish each component's outputs to DIR/COMPONENT.json, sensitive ones "
                     "sealed with $GANTRY_OUTPUTS_KEY (a CI job's artifact)")
      ->type_name("DIR");
  command.add_option("--lock-timeout", flags.lock_timeout,
                     "How long to wait for a component locked by another run (default 0s: "
                     "fail at once)");
}

}  // namespace gantry::cli
