/* Gantry plugin ABI: versions, status codes and the export macro.
 *
 * Rules every header of this ABI follows (see docs/abi-rules.md):
 *  - plain C: only fixed-width integers, `const char*` (UTF-8, NUL-terminated),
 *    opaque handles and function pointers cross the boundary;
 *  - every struct begins with `struct_size` and `abi_version`; members are only ever
 *    appended, and a reader checks `struct_size` before touching a member;
 *  - memory is freed by whoever allocated it; strings handed over by the other side
 *    are valid only for the duration of the call that handed them over;
 *  - optional capabilities are found by string id through `get_extension`, never by
 *    bumping GANTRY_ABI_VERSION.
 */
#ifndef GANTRY_ABI_H
#define GANTRY_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this SDK describes. Bumped only for a change that old plugins
 *  cannot survive; additions at the end of a struct keep the version. */
#define GANTRY_ABI_VERSION 1u

/** The one symbol a plugin exports (see gantry_entry_fn in plugin.h). */
#define GANTRY_ENTRY_SYMBOL "gantry_plugin_entry"

/** Marks the entry function as exported even when built with -fvisibility=hidden. */
#if defined(_WIN32)
#define GANTRY_EXPORT __declspec(dllexport)
#else
#define GANTRY_EXPORT __attribute__((visibility("default")))
#endif

/** True when the struct at `ptr`, whose writer set struct_size, holds `member`: a member
 *  past the writer's size does not exist for it and must not be read. Use it before
 *  touching any member added after ABI version 1 (e.g. of gantry_host). */
#define GANTRY_STRUCT_HAS(ptr, type, member) \
  ((ptr)->struct_size >= offsetof(type, member) + sizeof(((type*)0)->member))

/** Result of a plugin hook or of a host call. */
typedef int32_t gantry_status;
/** The hook did what was asked. */
#define GANTRY_STATUS_OK 0
/** The hook failed; the reason was reported with gantry_host.report_error. */
#define GANTRY_STATUS_FAILED 1
/** Failed for a reason worth retrying (e.g. a rate limit); counts against `retries`. */
#define GANTRY_STATUS_RETRYABLE 2
/** Stopped because gantry_host.is_cancelled said so. */
#define GANTRY_STATUS_CANCELLED 3
/** The plugin does not implement this operation for this component. */
#define GANTRY_STATUS_UNSUPPORTED 4
/** Since 0.6, execute only: the API the component talks to throttled it ("too many
 *  requests"); say what it answered with gantry_host.report_error. Not a failure: the
 *  component goes back to the queue and runs again after a back-off, without counting
 *  against `retries`, and its adaptive groups' limits are lowered. A host before 0.6
 *  takes it for a failure with no GANTRY_STATUS_* value. */
#define GANTRY_STATUS_THROTTLED 5
/** Since 0.7, execute only: the component cannot start its work now because something
 *  it needs is held elsewhere (a state lock another run or a CI job holds, a runner pool
 *  that is full); name it with gantry_host.report_busy before returning this. Not a
 *  failure: the component goes back to the queue without counting against `retries`
 *  and starts again once the resource's back-off is over (shared by every component
 *  busy on it); other components keep starting meanwhile. A host before 0.7 takes it
 *  for a failure with no GANTRY_STATUS_* value. */
#define GANTRY_STATUS_BUSY 6

#ifdef __cplusplus
}
#endif

#endif /* GANTRY_ABI_H */
