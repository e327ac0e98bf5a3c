// Seals sensitive outputs for publishing (a CI job's artifact) so that only a holder of
// the deployment's outputs key can read them.
#ifndef GANTRY_CORE_STATE_OUTPUT_SEAL_H_
#define GANTRY_CORE_STATE_OUTPUT_SEAL_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace gantry::state {

/// The environment variable holding the outputs key: a masked CI variable in pipelines.
inline constexpr char kOutputsKeyVariable[] = "GANTRY_OUTPUTS_KEY";
/// The shortest key text accepted (a random 32-byte key in base64 is 44 characters).
inline constexpr size_t kMinOutputsKeyLength = 16;

/// XChaCha20-Poly1305 (libsodium) with a key derived from the key text by BLAKE2b. Each
/// value gets a fresh random nonce; the value's place (target, component, output) is
/// authenticated too, so a sealed value cannot be moved to another output unnoticed.
class OutputSeal {
 public:
  /// InvalidArgument when `key_text` is shorter than kMinOutputsKeyLength.
  static absl::StatusOr<OutputSeal> FromKey(std::string_view key_text);
  /// From $GANTRY_OUTPUTS_KEY: nullopt when unset or empty; an error when too short.
  static absl::StatusOr<std::optional<OutputSeal>> FromEnvironment();

  /// base64(nonce || ciphertext) of `value`, bound to `place`.
  std::string Seal(std::string_view value, std::string_view place) const;
  /// The value; DataLoss when `sealed` is not base64, was sealed for another place or
  /// with another key, or was altered.
  absl::StatusOr<std::string> Open(std::string_view sealed, std::string_view place) const;

 private:
  OutputSeal() = default;
  std::array<unsigned char, 32> key_{};
};

}  // namespace gantry::state

#endif  // GANTRY_CORE_STATE_OUTPUT_SEAL_H_
