#include "core/exec/huge_page_heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstdlib>

// A sanitizer brings its own allocator: there is no glibc heap to advise.
#if defined(GANTRY_SANITIZE_ADDRESS) || defined(__SANITIZE_THREAD__)
#define GANTRY_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define GANTRY_OWN_ALLOCATOR 1
#endif
#endif

namespace gantry::exec {

namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
constexpr int kLargestHeapBlock = 32 << 20;  // glibc's own ceiling for the mmap threshold

}  // namespace

bool UseHugePagesForHeap(size_t bytes) {
#ifdef GANTRY_OWN_ALLOCATOR
  (void)bytes;
  return false;
#else
  if (bytes == 0 || bytes > INT_MAX / 2) return false;  // mallopt takes an int
  const int pad = static_cast<int>(bytes);
  // The grown top must stay: memory given back and grown again would not be advised.
  if (mallopt(M_TRIM_THRESHOLD, pad * 2) != 1) return false;
  if (mallopt(M_MMAP_THRESHOLD, kLargestHeapBlock) != 1) return false;
  const auto start = reinterpret_cast<uintptr_t>(sbrk(0));
  // One allocation larger than the free top makes malloc grow the heap by it plus the
  // pad, once; freed, it joins the top again. (volatile: the compiler drops a
  // malloc that is only freed.)
  mallopt(M_TOP_PAD, pad);
  void* volatile block = malloc(size_t{256} << 10);
  free(block);
  mallopt(M_TOP_PAD, 128 << 10);  // glibc's default again, for growth past this
  const auto end = reinterpret_cast<uintptr_t>(sbrk(0));
  const uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (start == static_cast<uintptr_t>(-1) || end <= first) return false;
  return madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE) == 0;
#endif
}

}  // namespace gantry::exec
