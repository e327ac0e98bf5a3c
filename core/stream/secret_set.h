// The secrets a run knows so far: they grow while it runs.
#ifndef GANTRY_CORE_STREAM_SECRET_SET_H_
#define GANTRY_CORE_STREAM_SECRET_SET_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/stream/secret_masker.h"

namespace gantry::stream {

/// Grows as the run learns secrets (sensitive vars before a component starts, sensitive
/// outputs as a plugin sets them). A snapshot is an immutable masker that stays valid as
/// long as it is held; readers that mask for a long time (a component's stream) check
/// generation() before each use and take a new snapshot when it moved. Thread-safe.
class SecretSet {
 public:
  SecretSet() = default;
  explicit SecretSet(const std::vector<std::string>& secrets) { Add(secrets); }

  /// Adds the secrets not known yet (empty ones are none).
  void Add(const std::vector<std::string>& secrets);
  /// A masker for every secret added so far.
  std::shared_ptr<const SecretMasker> Snapshot() const;
  /// Moves whenever Add adds a secret. A snapshot taken after reading it holds at least
  /// the secrets added before that value. One atomic load: cheap enough for every block
  /// of output.
  uint64_t generation() const { return generation_.load(); }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> secrets_;
  mutable std::shared_ptr<const SecretMasker> masker_;  // Built on demand; null when stale.
  std::atomic<uint64_t> generation_{0};
};

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_SECRET_SET_H_
