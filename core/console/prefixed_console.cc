#include "core/console/prefixed_console.h"

#include <string.h>

#include <utility>

namespace gantry::console {

PrefixedConsole::PrefixedConsole(ConsoleOptions options) : StatusConsole(std::move(options)) {}

void AppendLabelled(std::string_view label, std::string_view lines, std::string* out) {
  // One line costs a memchr and two appends into capacity reserved up front (a guess that
  // fits lines of ~40 bytes or more; append grows it geometrically otherwise). About
  // 6 us per 64 KiB of 90-byte lines; writing into a pre-sized buffer instead is slower
  // (resize zero-fills it).
  out->reserve(out->size() + lines.size() + (lines.size() / 40 + 2) * label.size());
  const char* p = lines.data();
  const char* const end = p + lines.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* const stop = nl == nullptr ? end : nl + 1;
    out->append(label);
    out->append(p, static_cast<size_t>(stop - p));
    if (nl == nullptr) out->push_back('\n');
    p = stop;
  }
}

void PrefixedConsole::Output(const std::string& component, int, std::string_view lines) {
  if (lines.empty()) return;
  // Reused by every call on this thread: no allocation per call once it has grown.
  thread_local std::string buffer;
  buffer.clear();
  std::string label = style().Label(component);
  label += ' ';
  AppendLabelled(label, lines, &buffer);
  terminal().Write(buffer);
  // A burst (one huge line) should not pin its memory for the thread's lifetime.
  if (buffer.capacity() > (size_t{4} << 20)) std::string().swap(buffer);
}

}  // namespace gantry::console
