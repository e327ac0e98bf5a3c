/* Gantry plugin ABI: the plugin descriptor and the one exported entry point.
 *
 * A plugin is a shared library exporting exactly one symbol, gantry_plugin_entry. The
 * host calls it once, right after loading, with the range of ABI versions it speaks and
 * its host-API table; the plugin answers with a descriptor, or NULL to refuse. */
#ifndef GANTRY_PLUGIN_H
#define GANTRY_PLUGIN_H

#include "gantry/abi.h"
#include "gantry/component.h"
#include "gantry/host.h"
#include "gantry/schema.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Capability flags for gantry_plugin.capabilities. */
/** validate, discover and execute may run concurrently for different components. Without
 *  it the host never calls into the plugin from two threads at once. */
#define GANTRY_CAP_CONCURRENT 0x1u
/** Since release 0.3. The plugin saves its plans and applies a saved one exactly (see
 *  gantry_component.plan_dir): execute("plan") saves in plan_dir, execute("apply") with a
 *  non-empty plan_dir applies what was saved there without planning again. Without it,
 *  `gantry apply --from-plan` refuses every component of the plugin's types whose plan
 *  had changes, rather than plan them again unseen. */
#define GANTRY_CAP_SAVED_PLANS 0x2u

/** What a plugin is and can do. Owned by the plugin; must stay valid and unchanged until
 *  `shutdown` returns (a static object is typical).
 *
 *  The host copies `min(struct_size, sizeof(gantry_plugin))` bytes into a zeroed struct
 *  of its own: a member the plugin was built without reads as NULL/0, meaning "not
 *  supported". Hooks receive the descriptor first so that `plugin_data` can carry state. */
typedef struct gantry_plugin {
  /** sizeof(gantry_plugin) as the plugin compiled it. */
  uint32_t struct_size;
  /** The ABI version the plugin speaks; must lie in the range the host offered. */
  uint32_t abi_version;
  /** Unique plugin name, e.g. "terraform": [a-z0-9_-]+. Never NULL. */
  const char* name;
  /** The plugin's own version, e.g. "1.2.0". Never NULL. */
  const char* version;
  /** One line saying what it does, for `gantry plugins info`. May be NULL. */
  const char* description;
  /** NULL-terminated list of component types this plugin runs (the `type` key in
   *  gantry.toml). At least one. No two loaded plugins may claim the same type. */
  const char* const* component_types;
  /** NULL-terminated list of operations execute understands. NULL means
   *  {"plan", "apply", "destroy"}; a list holding "*" means any name (the component's
   *  settings decide, as with the custom type). */
  const char* const* operations;
  /** Bitwise OR of GANTRY_CAP_* flags. */
  uint64_t capabilities;
  /** The plugin's own state, never read by the host. */
  void* plugin_data;

  /** Checks a component's settings without side effects. Reports every problem with
   *  host->report_error and returns GANTRY_STATUS_FAILED, or GANTRY_STATUS_OK. NULL: all
   *  settings are accepted. Called from any host thread (see GANTRY_CAP_CONCURRENT). */
  gantry_status (*validate)(const struct gantry_plugin* plugin, gantry_call* call,
                            const gantry_component* component);

  /** Reports the component's implicit dependencies found in its own files or settings
   *  with host->add_dependency. Read-only: must not change any file. NULL: none. */
  gantry_status (*discover)(const struct gantry_plugin* plugin, gantry_call* call,
                            const gantry_component* component);

  /** Runs `operation` ("plan", "apply", "destroy" or a plugin-defined one) for the
   *  component inside component->work_dir, through host->spawn and host->write only.
   *  Returns a GANTRY_STATUS_*; on failure the reason was reported. NULL: cannot run. */
  gantry_status (*execute)(const struct gantry_plugin* plugin, gantry_call* call,
                           const gantry_component* component, const char* operation);

  /** Returns the plugin extension with this id (e.g. "gantry.outputs.v1"), or NULL. The
   *  pointer lives until shutdown. NULL: no extensions. */
  const void* (*get_extension)(const struct gantry_plugin* plugin, const char* id);

  /** Called once, after the last hook and before the library is unloaded. NULL: nothing
   *  to release. A host may call the entry point again later in the same process (the
   *  library stayed mapped, or a test host per test): the plugin then serves again (the
   *  C++ kit builds a fresh instance). */
  void (*shutdown)(const struct gantry_plugin* plugin);

  /* Since release 0.2 (ABI 1, appended). */

  /** NULL-terminated list of the settings the plugin's component types take (see
   *  schema.h). The host checks each component's settings against it before validate and
   *  refuses any other key. NULL: not declared; every key is passed on unchecked. An
   *  empty list (just NULL) declares that the types take no setting at all. */
  const gantry_setting* const* settings;

  /** NULL-terminated list of the outputs every component of the plugin's types has (see
   *  schema.h). Since release 0.2 (ABI 1, appended). NULL: outputs not declared; a
   *  reference to any output is allowed and checked when it is read at run time.
   *  Non-NULL, even empty (just NULL): the outputs are declared, as this list plus what
   *  discover declares with host->declare_output; `gantry validate` refuses a reference
   *  to any other, and the host warns when execute sets one not declared. */
  const gantry_output* const* outputs;

  /* Since release 0.3 (ABI 1, appended). */

  /** Says whether the plan saved in component->plan_dir can still be applied as it is:
   *  called by `gantry apply --from-plan`, before anything runs, for every component
   *  whose saved plan it will apply (only with GANTRY_CAP_SAVED_PLANS). Returns
   *  GANTRY_STATUS_OK, or GANTRY_STATUS_FAILED with the reason reported through
   *  host->report_error (e.g. "the state changed since the plan: serial 4, now 5; plan
   *  again"), which refuses the whole apply. Read-only and quick: it runs no process
   *  (work_dir is the empty string). NULL: the host's own checks only (the plan's
   *  target, its inputs, that it is complete). */
  gantry_status (*check_saved_plan)(const struct gantry_plugin* plugin, gantry_call* call,
                                    const gantry_component* component);

  /* Since release 0.4 (ABI 1, appended). */

  /** Says what in the directory `dir` (absolute) is a component of the plugin's types:
   *  called by `gantry init` for every directory of the tree it scans (hidden ones and
   *  .gantry left out), and reports each with host->propose_component (none: nothing
   *  recognised). Read-only and quick: reads the directory's own files, runs no process.
   *  Called on one thread at a time. Returns GANTRY_STATUS_OK, or GANTRY_STATUS_FAILED
   *  with the reason reported (the host warns and goes on). NULL: recognises nothing. */
  gantry_status (*recognize)(const struct gantry_plugin* plugin, gantry_call* call,
                             const char* dir);
} gantry_plugin;

/** The exported entry point, named GANTRY_ENTRY_SYMBOL.
 *
 *  `host_min_abi`..`host_max_abi` is the range of ABI versions the host speaks; the
 *  plugin picks one it speaks too and returns its descriptor with that abi_version, or
 *  returns NULL when there is none. `host` lives as long as the plugin stays loaded.
 *  Called once per load, on the host's main thread, before any hook. */
typedef const gantry_plugin* (*gantry_entry_fn)(uint32_t host_min_abi, uint32_t host_max_abi,
                                                const gantry_host* host);

#ifdef __cplusplus
}
#endif

#endif /* GANTRY_PLUGIN_H */
