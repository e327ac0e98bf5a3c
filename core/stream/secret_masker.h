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
/// - Each secret (each line of a multi-line one, and the whole of it, one line once
///   escaped) is also registered as JSON writers escape it inside a string, since a tool
///   that prints JSON prints secrets that way: as nlohmann::json::dump and Python's
///   json.dumps(ensure_ascii=False) write it ('"', '\\' and control characters escaped:
///   `\"`, `\\`, `\n`, `\u001b`...), and as json.dumps writes it by default (also every
///   non-ASCII character as `\uXXXX`, lower case, surrogate pairs above U+FFFF; a byte
///   that is not UTF-8 as `\udcXX`, Python's surrogateescape). A secret with no such
///   character has no extra form, so no extra cost.
/// - Overlapping occurrences mask fully: the union of every occurrence of every secret is
///   hidden, each maximal overlapping run becoming one "***" ("abcd" with secrets "abc"
///   and "bcd" is "***"; adjacent, non-overlapping occurrences stay separate "******").
///
/// Cost: with no secrets Mask returns its input untouched (no copy, no scan). Otherwise
/// each form (one to three per secret line) costs one memmem(3) pass over the text
/// (glibc's is vectorized); text with no occurrence is returned as is, without a copy.
/// No regex.
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
  /// The forms matched, in matching order (each line of a multi-line secret on its own,
  /// the JSON-escaped forms; longest first).
  const std::vector<std::string>& secrets() const { return secrets_; }
  /// The length of the longest form; 0 when empty. An occurrence starting at `i` ends
  /// by `i + longest()`: what a cut must hold back to see it whole.
  size_t longest() const { return secrets_.empty() ? 0 : secrets_.front().size(); }

  /// `text` masked. Returns `text` itself when nothing matches; otherwise the masked text
  /// is built in `*scratch` (replacing its content, reusing its capacity) and a view of
  /// it is returned.
  std::string_view Mask(std::string_view text, std::string* scratch) const;
  /// `text` masked, as a new string.
  std::string Mask(std::string_view text) const;
  /// True when `text` holds an occurrence of a secret.
  bool Contains(std::string_view text) const;
  /// Where to cut `text` near `cut` (<= text.size()) so that no occurrence is split:
  /// the largest position <= `cut` inside no occurrence (an occurrence [b, e) holds the
  /// positions b+1 .. e-1), or, when occurrences chain from position 0 past `cut` (only a
  /// secret about as long as the text can do that), the end of that chain (> `cut`, at
  /// most text.size()). Looks only at occurrences wholly inside `text`. Returns `cut`
  /// when nothing straddles it; costs a few memmem over 2 * longest() bytes.
  size_t SafeCut(std::string_view text, size_t cut) const;

 private:
  // The earliest start and the latest end of the occurrences holding position `p`
  // (kNone, npos, when none does).
  void Straddling(std::string_view text, size_t p, size_t* first_start, size_t* last_end) const;

  std::vector<std::string> secrets_;  // Non-empty, distinct, longest first.
};

}  // namespace gantry::stream

#endif  // GANTRY_CORE_STREAM_SECRET_MASKER_H_
