// Reusable buffers that do not keep a burst's memory.
#ifndef GANTRY_CORE_STREAM_BURST_BUFFER_H_
#define GANTRY_CORE_STREAM_BURST_BUFFER_H_

#include <cstddef>
#include <string>

namespace gantry::stream {

/// Past this, a reusable buffer is given back after use: one burst (a plugin writing a
/// huge block at once) should not pin its memory for the rest of the run.
inline constexpr size_t kKeepCapacity = size_t{4} << 20;

/// Frees `buffer`'s memory if it grew past kKeepCapacity; else keeps it for reuse.
inline void ShrinkAfterBurst(std::string& buffer) {
  if (buffer.capacity() > kKeepCapacity) std::string().swap(buffer);
}

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_BURST_BUFFER_H_
