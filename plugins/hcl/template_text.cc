#include "hcl/template_text.h"

namespace gantry::terraform::hcl {
namespace {

bool IsIntroducer(char c) { return c == '$' || c == '%'; }

/// "$${" or "%%{" at `i`.
bool EscapedAt(std::string_view text, size_t i) {
  return IsIntroducer(text[i]) && i + 2 < text.size() && text[i + 1] == text[i] &&
         text[i + 2] == '{';
}

}  // namespace

bool HasTemplateSequence(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (EscapedAt(text, i)) {
      i += 2;
    } else if (IsIntroducer(text[i]) && text[i + 1] == '{') {
      return true;
    }
  }
  return false;
}

std::string ResolveLiteralEscapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (EscapedAt(text, i)) ++i;  // keep one of the doubled characters
  }
  return out;
}

}  // namespace gantry::terraform::hcl
