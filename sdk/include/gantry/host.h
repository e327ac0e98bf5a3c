/* Gantry plugin ABI: the host-API table, through which a plugin writes output, runs
 * child processes, reports outputs, errors and dependencies, and asks whether it should
 * stop. Stream injection lives here: plugins never write to the terminal and never fork
 * on their own; the host labels, logs, masks and renders what they give it. */
#ifndef GANTRY_HOST_H
#define GANTRY_HOST_H

#include "gantry/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque handle for one hook invocation (one validate, discover or execute call).
 *  Owned by the host; valid until that hook returns; may be used from any thread the
 *  plugin starts, but only until the hook returns. */
typedef struct gantry_call gantry_call;

/** Stream ids for gantry_host.write and gantry_spawn_request.on_output. */
#define GANTRY_STREAM_STDOUT 1
#define GANTRY_STREAM_STDERR 2

/** Levels for gantry_host.log. */
#define GANTRY_LOG_DEBUG 0
#define GANTRY_LOG_INFO 1
#define GANTRY_LOG_WARN 2
#define GANTRY_LOG_ERROR 3

/** Severities for gantry_host.report_diagnostic. */
/** The component cannot run as configured: validate fails. */
#define GANTRY_DIAGNOSTIC_ERROR 0
/** Shown to the user; does not fail anything. */
#define GANTRY_DIAGNOSTIC_WARNING 1

/** Flags for gantry_host.set_output. */
/** The value is masked as *** in every console line, log and report. */
#define GANTRY_OUTPUT_SENSITIVE 0x1u
/** The value is JSON text (a list, map, number...) rather than a plain string. */
#define GANTRY_OUTPUT_JSON 0x2u

/** Flags for gantry_spawn_request.flags. */
/** Do not show the child's stdout on the console or in the log; deliver it only to
 *  on_output (for machine-read output such as `terraform output -json`). */
#define GANTRY_SPAWN_CAPTURE_STDOUT 0x1u
/** Start the child with only the variables in `env`, not the host's environment. */
#define GANTRY_SPAWN_CLEAR_ENV 0x2u
/** Since release 0.2: on_output receives whole lines instead of chunks. Each call
 *  carries one line WITHOUT its line ending ("\n" or "\r\n"); an empty line is a call
 *  with size 0. Output after the last newline is delivered, as is, once the child has
 *  ended. A line longer than 1 MiB arrives in 1 MiB pieces. Each stream is split on its
 *  own. What is shown on the console and logged does not change (it is always shown by
 *  line). An older host ignores the flag (see the 0.2 members of gantry_spawn_request). */
#define GANTRY_SPAWN_LINES 0x4u
/** Since release 0.2: when the component times out, the child is asked to stop with
 *  SIGINT, as on cancel, instead of SIGTERM; SIGKILL still follows stop_timeout_ms later.
 *  For tools that finish cleanly and release their locks on an interrupt (terraform).
 *  Honoured by every host whose gantry_host table includes report_changes; an older host
 *  ignores the flag and sends SIGTERM. */
#define GANTRY_SPAWN_STOP_WITH_SIGINT 0x8u

/** What to run. Owned by the plugin; read by the host only during gantry_host.spawn. */
typedef struct gantry_spawn_request {
  /** sizeof(gantry_spawn_request) as the plugin compiled it. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the plugin was compiled with. */
  uint32_t abi_version;
  /** NULL-terminated argument vector; argv[0] is looked up in PATH when it has no '/'.
   *  Executed directly, never through a shell. */
  const char* const* argv;
  /** NULL-terminated "NAME=value" entries added to (or replacing in) the child's
   *  environment; NULL for none. */
  const char* const* env;
  /** Working directory; NULL means the component's work_dir. */
  const char* cwd;
  /** Bitwise OR of GANTRY_SPAWN_* flags. */
  uint32_t flags;
  /** Called with every chunk the child writes, in order, from the thread that called
   *  spawn; `data` is valid only during the callback. NULL for none. Chunks are not
   *  split on lines, unless flags has GANTRY_SPAWN_LINES (since 0.2). */
  void (*on_output)(void* user_data, int32_t stream, const char* data, uint64_t size);
  /** Passed back to on_output unchanged. */
  void* user_data;

  /* Since release 0.2 (ABI 1, appended). The host reads these only when struct_size
   * covers them; a request from a plugin built before reads as if they were NULL/0.
   * Which hosts read them: every host whose gantry_host table includes
   * report_diagnostic (release 0.2) reads every member below and honours
   * GANTRY_SPAWN_LINES; an older host ignores them all. So a plugin checks
   * GANTRY_STRUCT_HAS(host, gantry_host, report_diagnostic) before relying on them. */

  /** Bytes written to the child's stdin, which is closed after the last one (the child
   *  then reads end of file). Fed while the child's output is read, so a child that
   *  writes a lot before reading cannot deadlock. NULL: no stdin data (the child's stdin
   *  is /dev/null, unless stdin_path is set). Non-NULL with stdin_size 0: an empty
   *  stdin. If the child exits without reading everything, the rest is dropped. */
  const char* stdin_data;
  /** Number of bytes at stdin_data; ignored when stdin_data is NULL. */
  uint64_t stdin_size;
  /** A file the child reads as its stdin, opened read-only by the host; a relative path
   *  is taken from the child's working directory. NULL: none. A file that cannot be
   *  opened fails the spawn (GANTRY_STATUS_FAILED, the reason naming the path is
   *  reported). Setting both stdin_data and stdin_path is refused the same way. */
  const char* stdin_path;
  /** When the run is cancelled or the component times out, the child's process group is
   *  asked to stop (SIGINT on cancel, SIGTERM on timeout) and gets SIGKILL this many
   *  milliseconds later if still running. 0: the host's default (5000). */
  uint32_t stop_timeout_ms;
  /* 4 bytes of tail padding follow on 64-bit targets: a later append must start past
   * them (an explicit member there would land inside this release's sizeof). */
} gantry_spawn_request;

/** How the child ended. Owned by the plugin; filled in by the host. */
typedef struct gantry_spawn_result {
  /** sizeof(gantry_spawn_result) as the plugin compiled it; the host writes no further. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the plugin was compiled with. */
  uint32_t abi_version;
  /** The child's exit status, or -1 when it was ended by a signal. */
  int32_t exit_code;
  /** The signal that ended the child, or 0. */
  int32_t term_signal;
  /** 1 when the host stopped the child because the run was cancelled or timed out. */
  int32_t cancelled;
} gantry_spawn_result;

/** What an operation would change (a plan) or changed, for gantry_host.report_changes.
 *  Since release 0.2 (ABI 1). Owned by the plugin; read by the host only during the call,
 *  and no further than struct_size. */
typedef struct gantry_changes {
  /** sizeof(gantry_changes) as the plugin compiled it. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the plugin was compiled with. */
  uint32_t abi_version;
  /** 1: something would change (or changed); 0: nothing to change. */
  int32_t has_changes;
  /* 4 bytes of padding on every target: the counts below are 8-byte aligned. */
  /** Resources (or whatever the tool counts) to add, to change in place and to destroy;
   *  -1 when not known. A replacement counts as one add and one destroy, as terraform
   *  counts it. */
  int64_t add;
  int64_t change;
  int64_t destroy;

  /* Since release 0.3 (ABI 1, appended): an older host reads no further than destroy. */

  /** The counts in the plugin's own words, e.g. "2 images to build" or "3 changed
   *  tasks": shown for the component in place of the host's "2 to add, 0 to change, 0 to
   *  destroy" (the totals still add the counts). NULL or "": the host words the counts.
   *  One line, at most 200 bytes; the host copies it. */
  const char* summary;
} gantry_changes;

/** A component a plugin recognises in a directory, for `gantry init`
 *  (gantry_host.propose_component). Since release 0.4 (ABI 1). Owned by the plugin; read
 *  by the host only during the call, and no further than struct_size. */
typedef struct gantry_proposal {
  /** sizeof(gantry_proposal) as the plugin compiled it. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the plugin was compiled with. */
  uint32_t abi_version;
  /** One of the plugin's component types. Never NULL. */
  const char* type;
  /** The component's `source`, absolute: the directory recognize was called with, or
   *  one inside it. NULL or "": that directory. */
  const char* source_dir;
  /** A name for the component, e.g. "network"; NULL or "": the host names it after
   *  source_dir's path under the scanned directory. The host keeps names unique. */
  const char* name;
  /** Settings the component needs beyond `type` and `source`, as a JSON object whose
   *  values are strings, numbers, booleans, arrays or objects of them, e.g.
   *  {"playbook": "site.yml"}. NULL: none. */
  const char* settings_json;
  /** What was recognised, in one line, written as a comment above the component, e.g.
   *  "terraform root module: main.tf, outputs.tf; variables: name, cidr". NULL: none. */
  const char* note;
} gantry_proposal;

/** The host's services. Owned by the host; lives as long as the plugin is loaded.
 *  Every function is thread-safe. Those taking a gantry_call may be called only while
 *  that call's hook runs. */
typedef struct gantry_host {
  /** sizeof(gantry_host) as the host compiled it: check before reading a member added
   *  after ABI version 1. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the host was compiled with. */
  uint32_t abi_version;
  /** "gantry". */
  const char* name;
  /** The host's version, e.g. "0.1.0". */
  const char* version;

  /** Logs a diagnostic line to the host's log (not the component's output). `call` may
   *  be NULL outside a hook. */
  void (*log)(gantry_call* call, int32_t level, const char* message);

  /** Appends `size` bytes to the component's stdout or stderr stream (GANTRY_STREAM_*).
   *  Lines may arrive in pieces; the host reassembles them. Returns GANTRY_STATUS_OK, or
   *  GANTRY_STATUS_FAILED (shown as a warning) for an unknown stream id. During validate
   *  and discover there is no stream: the text is dropped (say something to the user
   *  with report_diagnostic instead). */
  gantry_status (*write)(gantry_call* call, int32_t stream, const char* data,
                         uint64_t size);

  /** Runs a child process to completion in its own process group, with stdout and
   *  stderr captured by the host (shown, logged and masked unless captured by flags).
   *  The child's stdin is /dev/null unless the request gives it one (since 0.2).
   *  The host kills the group when the run is cancelled or the component times out.
   *  Returns GANTRY_STATUS_OK once the child has ended (see `result`), or
   *  GANTRY_STATUS_FAILED when it could not be started (the reason is reported). */
  gantry_status (*spawn)(gantry_call* call, const gantry_spawn_request* request,
                         gantry_spawn_result* result);

  /** Returns 1 when the plugin should stop as soon as it can (the user pressed Ctrl-C
   *  or the component timed out), else 0. */
  int32_t (*is_cancelled)(gantry_call* call);

  /** Records an output of the component (execute only). Later calls with the same key
   *  replace the value. During execute("plan") it reports a *planned* output instead:
   *  the value the output will have once the plan is applied, reported only when the plan
   *  knows it (terraform: planned_values.outputs). The host plans this run's dependents
   *  with it, records that they were, and never stores it nor uses it in an apply. `flags` is a bitwise OR of GANTRY_OUTPUT_*. Copies both strings.
   *  The key is a letter or '_' followed by letters, digits, '_' and '-', at most 128
   *  bytes (terraform's rule for output names; what ${component.key} can name). Returns
   *  GANTRY_STATUS_FAILED, and shows the user why as a warning, for a key breaking that
   *  rule, a NULL value, a value flagged GANTRY_OUTPUT_JSON that is not JSON (hosts
   *  since release 0.5), or a call outside execute; the output is then not recorded. */
  gantry_status (*set_output)(gantry_call* call, const char* key, const char* value,
                              uint32_t flags);

  /** Reports one problem in words the user can act on; may be called several times
   *  (validate reports every problem, not only the first). Copies the string. */
  void (*report_error)(gantry_call* call, const char* message);

  /** Reports an implicit dependency found by discover: this component needs
   *  `component` (a component name) because of `reason` (e.g. "remote_state in
   *  main.tf:12"). Discover only: elsewhere, or without a name, it returns
   *  GANTRY_STATUS_FAILED and the user is shown why as a warning. Copies both strings. */
  gantry_status (*add_dependency)(gantry_call* call, const char* component,
                                  const char* reason);

  /** Returns the host extension with this id (e.g. "gantry.something.v1"), or NULL
   *  when the host does not have it. The pointer lives as long as the host table. */
  const void* (*get_extension)(const struct gantry_host* host, const char* id);

  /* Since release 0.2 (ABI 1, appended): check host->struct_size before calling.
   * A table that includes report_diagnostic also tells the plugin that the host reads
   * the 0.2 members of gantry_spawn_request (stdin, stop timeout, GANTRY_SPAWN_LINES). */

  /** Reports one problem, like report_error, pointing at one setting: `setting` is a
   *  dotted path into the component's table ("commands.apply", "vars.region"), shown at
   *  that key's own file:line:col; NULL or "" for the component as a whole. `severity`
   *  is a GANTRY_DIAGNOSTIC_*: a warning is shown and fails nothing. Copies the strings.
   *  Returns GANTRY_STATUS_OK, or GANTRY_STATUS_FAILED for an unknown severity. */
  gantry_status (*report_diagnostic)(gantry_call* call, int32_t severity, const char* setting,
                                     const char* message);

  /* Since release 0.2 (ABI 1, appended): check host->struct_size before calling. */

  /** Declares an output this component will have, computed from its files (e.g. the
   *  `output` blocks of a terraform module); discover only. Adds to gantry_plugin.outputs,
   *  which must be non-NULL for declarations to count (else they are ignored). `flags`:
   *  GANTRY_OUTPUT_SENSITIVE or 0; `description` may be NULL. Copies the strings.
   *  Declaring a name twice keeps one output (sensitive when either call says so).
   *  Returns GANTRY_STATUS_OK, or GANTRY_STATUS_FAILED for an empty name, a name holding
   *  '}' or unknown flags (the reason is reported). */
  gantry_status (*declare_output)(gantry_call* call, const char* name, uint32_t flags,
                                  const char* description);

  /* Since release 0.2 (ABI 1, appended): check host->struct_size before calling. A table
   * that includes report_changes also tells the plugin that the host honours
   * GANTRY_SPAWN_STOP_WITH_SIGINT and fills gantry_component.project_dir and cache_dir. */

  /** Reports what the operation would change (after a plan) or changed: shown for the
   *  component in the console summary, the --summary JSON and the events. Execute only;
   *  a later call replaces an earlier one. Returns GANTRY_STATUS_FAILED, and shows the
   *  user why as a warning, outside execute or for a NULL or too short struct. */
  gantry_status (*report_changes)(gantry_call* call, const gantry_changes* changes);

  /** Discover only: this component provides what `key` names. A key is an opaque string
   *  the plugin makes up and documents, prefixed by its name, e.g.
   *  "terraform.state:s3://bucket/app.tfstate". A component that needs the same key
   *  (need_key) then depends on this one. Copies the string. Returns
   *  GANTRY_STATUS_FAILED, shown as a warning, outside discover or for an empty key. */
  gantry_status (*provide_key)(gantry_call* call, const char* key);

  /** Discover only: this component needs what `key` names, because of `reason` (e.g.
   *  "terraform_remote_state.net in main.tf:12"). Once every component has been
   *  discovered, the host makes it depend on each other component that provides the
   *  key (an edge shown as discovered, with the reason); a key nobody provides adds no
   *  dependency (something outside the deployment provides it). Copies the strings.
   *  Returns GANTRY_STATUS_FAILED, shown as a warning, outside discover or for an empty
   *  key. */
  gantry_status (*need_key)(gantry_call* call, const char* key, const char* reason);

  /* Since release 0.4 (ABI 1, appended): check host->struct_size before calling. */

  /** Recognize only: a component `gantry init` should write for what the plugin found
   *  (see gantry_proposal). Copies the strings. Returns GANTRY_STATUS_FAILED, shown as a
   *  warning, outside recognize, for a NULL or too short struct, a type the plugin does
   *  not declare, settings_json that is not a JSON object, or a source_dir outside the
   *  directory recognize was called with. */
  gantry_status (*propose_component)(gantry_call* call, const gantry_proposal* proposal);

  /* Since release 0.7 (ABI 1, appended): check host->struct_size before calling. */

  /** Execute only, before returning GANTRY_STATUS_BUSY: what keeps the component from
   *  starting now. `resource` names the thing held, so that components waiting for the
   *  same one back off together and are tried again together ("terraform.state:
   *  s3://bucket/app.tfstate", "pool:eu-runners"); NULL or "": this component's own
   *  (e.g. its state's lock). `reason` says who holds it, for the user ("state locked
   *  by ci-job-42 since 10:02"). Copies the strings. Returns GANTRY_STATUS_FAILED,
   *  shown as a warning, outside execute. */
  gantry_status (*report_busy)(gantry_call* call, const char* resource, const char* reason);

  /* Since release 0.8 (ABI 1, appended): check host->struct_size before calling. */

  /** Discover only: this component's result also depends on the file or directory at
   *  `path` (relative to the component's source_dir, or absolute), e.g. a terraform
   *  module called with source = "../modules/vpc", a var file, a role. `gantry affected`
   *  and `--changed-since` then take a change under `path` for a change of the
   *  component. `reason` says why, as the user will read it before " changed: FILE"
   *  ("module ../modules/vpc"); NULL or "": the path as given. The path need not exist.
   *  Files inside the source directory count already; reporting them is harmless.
   *  Copies the strings. Returns GANTRY_STATUS_FAILED, shown as a warning, outside
   *  discover or for an empty path. */
  gantry_status (*report_file)(gantry_call* call, const char* path, const char* reason);
} gantry_host;

#ifdef __cplusplus
}
#endif

#endif /* GANTRY_HOST_H */
