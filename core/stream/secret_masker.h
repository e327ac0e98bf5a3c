// Hides secret values in text before it reaches the console, a log or a report.
#ifndef GANTRY_CORE_STREAM_SECRET_MASKER_H_
#define GANTRY_CORE_STREAM_SECRET_MASKER_H_

#include <string>
#include <string_view>
#include <vector>

namespace gantry::stream {

/// Replaces every occurrence of any of a fixed set of secrets with "***".
///
/// - Empty secrets are ignored; duplicates count once.
/// - A secret holding newlines is registered line by line (each non-empty line, without
///   a trailing '\r', is a secret of its own), as GitHub Actions does: output is masked
///   line by line, so a multi-line value (a PEM key) could never match whole.
/// - Overlapping occurrences mask fully: the union of every occurrence of every secret is
///   hidden, each maximal overlapping run becoming one "***" ("abcd" with secrets "abc"
///   and "bcd" is "***"; adjacent, non-overlapping occurrences stay separate "******").
///
/// Cost: with no secrets Mask returns its input untouched (no copy, no scan). Otherwise
/// each secret costs one memmem(3) pass over the text (glibc's is vectorized); text with
/// no occurrence is returned as is, without a copy. No regex.
///
/// Immutable after construction, so concurrent const use from any number of threads is
/// safe.
class SecretMasker {
 public:
  /// The text every occurrence is replaced with.
  static constexpr std::string_view kMask = "***";

  /// Masks nothing.
  SecretMasker() = default;
  explicit SecretMasker(const std::vector<std::string>& secrets);

  /// True when there is nothing to mask.
  bool empty() const { return secrets_.empty(); }
  /// The secrets in matching order (each line of a multi-line secret on its own, longest
  /// first).
  const std::vector<std::string>& secrets() const { return secrets_; }

  /// `text` masked. Returns `text` itself when nothing matches; otherwise the masked text
  /// is built in `*scratch` (replacing its content, reusing its capacity) and a view of
  /// it is returned.
  std::string_view Mask(std::string_view text, std::string* scratch) const;
  /// `text` masked, as a new string.
  std::string Mask(std::string_view text) const;
  /// True when `text` holds an occurrence of a secret.
  bool Contains(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;  // Non-empty, distinct, longest first.
};

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_SECRET_MASKER_H_
