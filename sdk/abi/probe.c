/* ABI probe: a tiny shared library whose exported functions take every struct of the
 * Gantry plugin ABI, so that `abidw` records their full layout from the debug info and
 * `abidiff` can compare it against the committed baseline (sdk/abi/baseline.abi).
 *
 * The enum mirrors the ABI's #define constants: macros leave no trace in debug info,
 * enumerators do, so a changed status code or flag value shows up as a changed
 * enumerator. Add a probe function for every new struct, an enumerator for every new
 * constant, then refresh the baseline (see docs/abi-rules.md). Built with -g -O0. */
#include "gantry/plugin.h"

typedef enum gantry_abi_probe_constants {
  PROBE_ABI_VERSION = GANTRY_ABI_VERSION,
  PROBE_STATUS_OK = GANTRY_STATUS_OK,
  PROBE_STATUS_FAILED = GANTRY_STATUS_FAILED,
  PROBE_STATUS_RETRYABLE = GANTRY_STATUS_RETRYABLE,
  PROBE_STATUS_CANCELLED = GANTRY_STATUS_CANCELLED,
  PROBE_STATUS_UNSUPPORTED = GANTRY_STATUS_UNSUPPORTED,
  PROBE_STATUS_THROTTLED = GANTRY_STATUS_THROTTLED,
  PROBE_STATUS_BUSY = GANTRY_STATUS_BUSY,
  PROBE_STREAM_STDOUT = GANTRY_STREAM_STDOUT,
  PROBE_STREAM_STDERR = GANTRY_STREAM_STDERR,
  PROBE_LOG_DEBUG = GANTRY_LOG_DEBUG,
  PROBE_LOG_INFO = GANTRY_LOG_INFO,
  PROBE_LOG_WARN = GANTRY_LOG_WARN,
  PROBE_LOG_ERROR = GANTRY_LOG_ERROR,
  PROBE_OUTPUT_SENSITIVE = GANTRY_OUTPUT_SENSITIVE,
  PROBE_OUTPUT_JSON = GANTRY_OUTPUT_JSON,
  PROBE_SPAWN_CAPTURE_STDOUT = GANTRY_SPAWN_CAPTURE_STDOUT,
  PROBE_SPAWN_CLEAR_ENV = GANTRY_SPAWN_CLEAR_ENV,
  PROBE_SPAWN_LINES = GANTRY_SPAWN_LINES,
  PROBE_SPAWN_STOP_WITH_SIGINT = GANTRY_SPAWN_STOP_WITH_SIGINT,
  PROBE_CAP_CONCURRENT = GANTRY_CAP_CONCURRENT,
  PROBE_CAP_SAVED_PLANS = GANTRY_CAP_SAVED_PLANS,
  PROBE_DIAGNOSTIC_ERROR = GANTRY_DIAGNOSTIC_ERROR,
  PROBE_DIAGNOSTIC_WARNING = GANTRY_DIAGNOSTIC_WARNING,
  PROBE_SETTING_STRING = GANTRY_SETTING_STRING,
  PROBE_SETTING_BOOL = GANTRY_SETTING_BOOL,
  PROBE_SETTING_INTEGER = GANTRY_SETTING_INTEGER,
  PROBE_SETTING_NUMBER = GANTRY_SETTING_NUMBER,
  PROBE_SETTING_LIST = GANTRY_SETTING_LIST,
  PROBE_SETTING_TABLE = GANTRY_SETTING_TABLE,
  PROBE_SETTING_REQUIRED = GANTRY_SETTING_REQUIRED,
  PROBE_SETTING_SENSITIVE = GANTRY_SETTING_SENSITIVE,
  PROBE_SETTING_REFERENCES = GANTRY_SETTING_REFERENCES
} gantry_abi_probe_constants;

GANTRY_EXPORT void gantry_abi_probe_component(const gantry_component* component) {
  (void)component;
}

GANTRY_EXPORT void gantry_abi_probe_spawn_request(const gantry_spawn_request* request) {
  (void)request;
}

GANTRY_EXPORT void gantry_abi_probe_spawn_result(gantry_spawn_result* result) {
  (void)result;
}

GANTRY_EXPORT void gantry_abi_probe_changes(const gantry_changes* changes) {
  (void)changes;
}

GANTRY_EXPORT void gantry_abi_probe_proposal(const gantry_proposal* proposal) {
  (void)proposal;
}

GANTRY_EXPORT void gantry_abi_probe_host(const gantry_host* host) { (void)host; }

GANTRY_EXPORT void gantry_abi_probe_plugin(const gantry_plugin* plugin) { (void)plugin; }

GANTRY_EXPORT void gantry_abi_probe_setting(const gantry_setting* setting) { (void)setting; }

GANTRY_EXPORT void gantry_abi_probe_output(const gantry_output* output) { (void)output; }

/* The entry point's signature (gantry_entry_fn). */
GANTRY_EXPORT void gantry_abi_probe_entry(gantry_entry_fn entry) { (void)entry; }

GANTRY_EXPORT void gantry_abi_probe_constants_(gantry_abi_probe_constants constants) {
  (void)constants;
}
