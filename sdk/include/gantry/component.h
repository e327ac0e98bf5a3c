/* Gantry plugin ABI: the read-only view of a component handed to every hook. */
#ifndef GANTRY_COMPONENT_H
#define GANTRY_COMPONENT_H

#include "gantry/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One component of a deployment, as resolved by the host for one target.
 *
 * Owned by the host; valid only during the hook call it is passed to, read-only, and
 * safe to read from any thread during that call. Paths are absolute. */
typedef struct gantry_component {
  /** sizeof(gantry_component) as the host compiled it. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the host was compiled with. */
  uint32_t abi_version;
  /** Unique component name from gantry.toml, e.g. "network/vpc". Never NULL. */
  const char* name;
  /** Component type, one of the types the plugin declared. Never NULL. */
  const char* type;
  /** Target (environment overlay) name, e.g. "dev"; "default" when none was chosen. */
  const char* target;
  /** The component's `source` directory in the user's tree, absolute; the empty string
   *  when the component has no `source`. Plugins must not write to it: everything they
   *  touch belongs in work_dir or state_dir. */
  const char* source_dir;
  /** The isolated working copy for this run and component: the working directory of
   *  every spawned child. Removed after the run; empty during validate/discover, where
   *  it is the empty string. */
  const char* work_dir;
  /** Persistent per-target, per-component directory that survives every cleanup (e.g.
   *  a local terraform state). Created by the host before execute; during validate and
   *  discover it is named (since 0.2) but may not exist yet. */
  const char* state_dir;
  /** Type-specific settings: every key of the component's table that is not one of the
   *  common keys (type, source, depends_on, vars, ...), after the target overlay, as a
   *  JSON object. Never NULL; "{}" when there are none. */
  const char* settings_json;
  /** The component's `vars` after the target overlay and, during execute, with output
   *  references replaced by their values, as a JSON object. During validate/discover a
   *  reference is still the text "${component.output}". Never NULL. */
  const char* vars_json;
  /** Names of the vars whose values are sensitive, as a JSON array of strings. The host
   *  masks their values in everything it prints or records. Never NULL. */
  const char* sensitive_json;

  /* Since release 0.2 (ABI 1, appended): read them only when struct_size covers them
   * (GANTRY_STRUCT_HAS); a view from an older host ends before them. */

  /** The project's directory, the one holding gantry.toml and `.gantry/`, absolute. For
   *  resolving paths the user wrote relative to the project. Never NULL. */
  const char* project_dir;
  /** A persistent directory for this plugin's caches, `<project>/.gantry/cache/<plugin
   *  name>/`, absolute: shared by every component, target and concurrent run of the
   *  project (a download cache, say), never inside a workspace, and removed by no gantry
   *  command. Created by the host before execute (it may not exist during validate and
   *  discover). Since several components may use it at once, its writers must coordinate
   *  (a file lock, or atomic renames). Never NULL. */
  const char* cache_dir;

  /* Since release 0.3 (ABI 1, appended): read it only when struct_size covers it. */

  /** Where the component's saved plan lives, absolute; the empty string when there is
   *  none. Set only for a plugin whose descriptor has GANTRY_CAP_SAVED_PLANS:
   *  - execute("plan"): an empty directory in the run's directory, created by the host
   *    (mode 0700), where the plugin saves what an apply needs to do exactly what this
   *    plan says (terraform: the plan file). Plans hold secrets: the host makes every
   *    file there 0600 once the plan has ended, and never removes the directory with
   *    the workspace.
   *  - execute("apply") for `gantry apply --from-plan`, and check_saved_plan: the
   *    directory that plan filled. The plugin applies exactly what is saved there and
   *    never plans again.
   *  - any other call: the empty string. */
  const char* plan_dir;
} gantry_component;

#ifdef __cplusplus
}
#endif

#endif /* GANTRY_COMPONENT_H */
