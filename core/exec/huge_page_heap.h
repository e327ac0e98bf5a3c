// The host's heap on transparent huge pages, where the kernel allows them.
#ifndef GANTRY_CORE_EXEC_HUGE_PAGE_HEAP_H_
#define GANTRY_CORE_EXEC_HUGE_PAGE_HEAP_H_

#include <cstddef>

namespace gantry::exec {

/// How much of the heap UseHugePagesForHeap advises by default: a run of 100,000
/// components needs ~50 MB; a small run touches a few 2 MiB pages of it.
inline constexpr size_t kHugePageHeapBytes = size_t{64} << 20;

/// Grows the C heap's free top by `bytes` at once and asks the kernel to back it with
/// transparent huge pages (madvise(MADV_HUGEPAGE)), keeping it from being trimmed.
///
/// Why: on the virtual machines this runs on, the first touch of a 4 KiB page costs
/// ~10 µs, a 2 MiB page ~0.5 µs per 4 KiB (bench/README.md), and the host's own memory
/// (graph, plan, records) is touched once. glibc does the same with
/// GLIBC_TUNABLES=glibc.malloc.hugetlb=1, but only when set before the process starts.
///
/// Nothing is touched here: resident memory grows as the heap is used, 2 MiB at a time.
/// Blocks up to 32 MiB then come from the heap too (else each would be mapped and
/// unmapped again, the dynamic threshold being off once the trim threshold is set).
/// No effect under a sanitizer (its own allocator) or where huge pages are off
/// ("never"). Returns whether the advice was taken. Call once, early in main, before
/// any thread starts; threads other than the first allocate from their own arenas,
/// which this leaves alone.
bool UseHugePagesForHeap(size_t bytes = kHugePageHeapBytes);

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_HUGE_PAGE_HEAP_H_
