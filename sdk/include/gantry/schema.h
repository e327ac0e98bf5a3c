/* Gantry plugin ABI: the settings a component type takes, declared by its plugin.
 *
 * A plugin lists its settings in gantry_plugin.settings. The host then checks every
 * component of its types before the plugin's validate runs: a missing required key, a
 * key the plugin does not take (with "did you mean"), a value of the wrong kind or not
 * among the allowed ones is reported at the key's own file:line:col. `gantry plugins info
 * NAME` prints the declarations as a table. Since ABI 1 (release 0.2); a plugin built
 * without them leaves gantry_plugin.settings NULL and gets every key, unchecked. */
#ifndef GANTRY_SCHEMA_H
#define GANTRY_SCHEMA_H

#include "gantry/abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of value, for gantry_setting.types and gantry_setting.item_types (bitwise OR:
 *  STRING | LIST takes "a command or a list of them"). */
#define GANTRY_SETTING_STRING 0x1u
#define GANTRY_SETTING_BOOL 0x2u
/** A whole number (TOML integer). */
#define GANTRY_SETTING_INTEGER 0x4u
/** Any number, whole or not. */
#define GANTRY_SETTING_NUMBER 0x8u
/** An array. */
#define GANTRY_SETTING_LIST 0x10u
/** A table (TOML inline or dotted keys). */
#define GANTRY_SETTING_TABLE 0x20u

/** Flags for gantry_setting.flags. */
/** The component must set it (after target overlays). */
#define GANTRY_SETTING_REQUIRED 0x1u
/** Every string in its value is a secret: masked wherever gantry writes or prints. */
#define GANTRY_SETTING_SENSITIVE 0x2u
/** Its strings, at any depth (list items, table values), may hold output references
 *  (`${component.output}`): each makes the component depend on that component, and the
 *  host substitutes the output's value into settings_json before execute (validate and
 *  discover see the raw text). `$${` is a literal `${`. In a setting without this flag
 *  the host refuses text shaped like a reference. */
#define GANTRY_SETTING_REFERENCES 0x4u

/** One top-level key of a component's table that the plugin takes. Owned by the plugin,
 *  with everything it points at, until shutdown (a static object is typical). The host
 *  reads no member beyond `struct_size`; a member it lacks reads as NULL/0. */
typedef struct gantry_setting {
  /** sizeof(gantry_setting) as the plugin compiled it. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the plugin was compiled with. */
  uint32_t abi_version;
  /** The key, as written in gantry.toml: [A-Za-z0-9_-]+, not one of the common keys
   *  (type, source, depends_on, vars, ...). Never NULL. */
  const char* name;
  /** The kinds of value it takes, GANTRY_SETTING_* kinds ORed; never 0. */
  uint32_t types;
  /** For a LIST, the kinds of its items; for a TABLE, the kinds of its values; 0 for
   *  any. */
  uint32_t item_types;
  /** GANTRY_SETTING_REQUIRED, _SENSITIVE, _REFERENCES, ORed. */
  uint32_t flags;
  /** The value assumed when the key is absent, as JSON text (for `plugins info`; the
   *  host does not insert it into settings_json); NULL for none. */
  const char* default_json;
  /** NULL-terminated list of the values a string (or each string item of a list) may
   *  take; NULL for any. */
  const char* const* allowed;
  /** What it does, one line, for `plugins info` and generated docs; may be NULL. */
  const char* description;
} gantry_setting;

/** One output the plugin declares its components have (gantry_plugin.outputs, or
 *  gantry_host.declare_output from discover). Since release 0.2 (ABI 1). Owned by the
 *  plugin, with everything it points at, until shutdown. The host reads no member beyond
 *  `struct_size`; a member it lacks reads as NULL/0. */
typedef struct gantry_output {
  /** sizeof(gantry_output) as the plugin compiled it. */
  uint32_t struct_size;
  /** GANTRY_ABI_VERSION the plugin was compiled with. */
  uint32_t abi_version;
  /** The output's key, as set_output sets it and `${component.NAME}` reads it: not
   *  empty, no '}'. Never NULL. */
  const char* name;
  /** GANTRY_OUTPUT_SENSITIVE (host.h): its value is masked even when set_output forgets
   *  the flag. Other bits are reserved (0). */
  uint32_t flags;
  /** What it holds, one line, for `plugins info`; may be NULL. */
  const char* description;
} gantry_output;

#ifdef __cplusplus
}
#endif

#endif /* GANTRY_SCHEMA_H */
