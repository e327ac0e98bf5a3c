// The tokens of one native file with their bracket pairs: what the parser needs to find
// where an expression ends without understanding it.
#ifndef GANTRY_PLUGINS_TERRAFORM_HCL_TOKEN_STREAM_H_
#define GANTRY_PLUGINS_TERRAFORM_HCL_TOKEN_STREAM_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/syntax.h"
#include "hcl/token.h"

namespace gantry::terraform::hcl {

/// What ScanUntil stops at, besides a closing bracket of an enclosing group and the end.
struct Stops {
  bool newline = false;
  bool comma = false;
  bool assignment = false;  ///< '=' or ':' (an object item's key ends there)
};

/// For messages: "'{'", "'name'", "a string", "a newline", "the end of the file"...
std::string Describe(const Token& token);

class TokenStream {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  /// `tokens` end with a kEnd token and view `source`; problems name `file`.
  TokenStream(std::vector<Token> tokens, std::string file, std::vector<Problem>& problems);

  const Token& operator[](size_t i) const { return tokens_[i]; }
  /// Index of the kEnd token.
  size_t end() const { return tokens_.size() - 1; }
  /// The index of the bracket closing the one opened at `i`, or kNone when `i` opens no
  /// bracket or its bracket is never closed.
  size_t Closer(size_t i) const { return closer_[i]; }
  bool IsOpener(size_t i) const;
  bool IsCloser(size_t i) const;

  Location LocationOf(size_t i) const;
  /// The source from the first byte of token `first` to the last byte of token `last`.
  std::string TextOf(size_t first, size_t last) const;
  /// `i` itself, or the first index after it that is not a newline (at most `limit`).
  size_t SkipNewlines(size_t i, size_t limit) const;

  /// The first index from `i` (below `limit`) where an expression stops: a token `stops`
  /// asks for, a closing bracket of a group opened before `i`, or `limit`. Groups opened
  /// at or after `i` are stepped over whole; one never closed is reported, once.
  size_t ScanUntil(size_t i, size_t limit, Stops stops);

  const std::string& file() const { return file_; }
  void Report(size_t token, std::string message);
  /// Reports the bracket opened at `opener` as never closed, unless it already was.
  void ReportUnclosed(size_t opener, std::string message);

 private:
  void MatchBrackets();

  std::vector<Token> tokens_;
  std::vector<size_t> closer_;
  std::vector<bool> reported_unclosed_;
  std::string file_;
  std::vector<Problem>& problems_;
};

}  // namespace gantry::terraform::hcl

#endif  // GANTRY_PLUGINS_TERRAFORM_HCL_TOKEN_STREAM_H_
