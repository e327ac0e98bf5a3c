#include "core/record/html_text.h"

#include "core/exec/inert_text.h"

namespace gantry::record {

std::string HtmlEscaped(std::string_view text) {
  std::string scratch;
  const std::string_view inert = exec::Neutralise(text, /*keep_sgr=*/false, &scratch);
  std::string out;
  out.reserve(inert.size());
  for (const char c : inert) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace gantry::record
