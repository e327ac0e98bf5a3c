#include "transient_errors.h"

#include <algorithm>
#include <cctype>

namespace gantry::terraform {

const std::vector<std::string_view>& TransientPhrases() {
  // Lower case. Each is what terraform (or Go's HTTP client under it) prints for a
  // failure that a later attempt can get past.
  static const std::vector<std::string_view> phrases = {
      kStateLockPhrase,                                // another run holds the lock
      "tls handshake timeout",                         // registry, provider or backend
      "i/o timeout",
      "client.timeout exceeded while awaiting headers",
      "connection reset by peer",
      "connection refused",
      "no such host",                                  // DNS hiccup
      "429 too many requests",
      "status code 429",
      "ratelimitexceeded",
      "requestlimitexceeded",
      "throttlingexception",
      "failed to query available provider packages",  // registry unreachable
      "could not connect to registry",
      "timeout while waiting for plugin to start",
      "502 bad gateway",
      "503 service unavailable",
      "504 gateway timeout",
  };
  return phrases;
}

std::string_view TransientPhraseIn(std::string_view line) {
  std::string lower(line);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view phrase : TransientPhrases())
    if (lower.find(phrase) != std::string::npos) return phrase;
  return {};
}

}  // namespace gantry::terraform
