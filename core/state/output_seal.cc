#include "core/state/output_seal.h"

#include <sodium.h>

#include <cstdlib>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace gantry::state {
namespace {

// Domain separation: the same key text used elsewhere does not give this key.
constexpr char kKeyContext[] = "gantry published outputs v1";

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

absl::StatusOr<OutputSeal> OutputSeal::FromKey(std::string_view key_text) {
  if (key_text.size() < kMinOutputsKeyLength)
    return absl::InvalidArgumentError(
        absl::StrCat("the outputs key is ", key_text.size(), " characters long; use at least ",
                     kMinOutputsKeyLength, " random ones (e.g. `openssl rand -base64 32`)"));
  if (!SodiumReady()) return absl::InternalError("libsodium failed to initialise");
  OutputSeal seal;
  crypto_generichash(seal.key_.data(), seal.key_.size(), Bytes(key_text), key_text.size(),
                     Bytes(kKeyContext), sizeof(kKeyContext) - 1);
  return seal;
}

absl::StatusOr<std::optional<OutputSeal>> OutputSeal::FromEnvironment() {
  const char* text = std::getenv(kOutputsKeyVariable);
  if (text == nullptr || *text == '\0') return std::optional<OutputSeal>();
  absl::StatusOr<OutputSeal> seal = FromKey(text);
  if (!seal.ok())
    return absl::InvalidArgumentError(
        absl::StrCat("$", kOutputsKeyVariable, ": ", seal.status().message()));
  return std::optional<OutputSeal>(*std::move(seal));
}

std::string OutputSeal::Seal(std::string_view value, std::string_view place) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string out(kNonce + value.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, kNonce);
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonce, &length, Bytes(value), value.size(),
                                             Bytes(place), place.size(), nullptr, nonce,
                                             key_.data());
  out.resize(kNonce + length);
  return absl::Base64Escape(out);
}

absl::StatusOr<std::string> OutputSeal::Open(std::string_view sealed,
                                             std::string_view place) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  std::string raw;
  if (!absl::Base64Unescape(absl::string_view(sealed.data(), sealed.size()), &raw) ||
      raw.size() < kNonce + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    return absl::DataLossError("the sealed value is not one gantry wrote");
  std::string value(raw.size() - kNonce - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long length = 0;
  const auto* nonce = Bytes(raw);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(value.data()), &length, nullptr, nonce + kNonce,
          raw.size() - kNonce, Bytes(place), place.size(), nonce, key_.data()) != 0)
    return absl::DataLossError(
        absl::StrCat("the sealed value cannot be opened: it was sealed with another $",
                     kOutputsKeyVariable, " or for another output, or was altered"));
  value.resize(length);
  return value;
}

}  // namespace gantry::state
