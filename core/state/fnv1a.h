// FNV-1a, 64 bits: a hash that every gantry version computes alike, for what is kept on
// disk (a component's lock byte, fingerprints of planned inputs).
#ifndef GANTRY_CORE_STATE_FNV1A_H_
#define GANTRY_CORE_STATE_FNV1A_H_

#include <cstdint>
#include <string_view>

namespace gantry::state {

/// FNV-1a's standard offset basis.
inline constexpr uint64_t kFnv1aBasis = 0xcbf29ce484222325ULL;

/// FNV-1a of `text`, starting from `hash` (another basis gives an independent hash).
inline uint64_t Fnv1a(std::string_view text, uint64_t hash = kFnv1aBasis) {
  for (const unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_FNV1A_H_
