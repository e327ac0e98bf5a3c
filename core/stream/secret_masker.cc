#include "core/stream/secret_masker.h"

#include <string.h>

#include <algorithm>
#include <cstddef>

namespace gantry::stream {
namespace {

constexpr size_t kNone = std::string_view::npos;

// The first occurrence of `needle` in `text` at or after `from`, or kNone.
size_t Find(std::string_view text, size_t from, const std::string& needle) {
  if (from > text.size() || text.size() - from < needle.size()) return kNone;
  const void* hit = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return hit == nullptr ? kNone : static_cast<size_t>(static_cast<const char*>(hit) - text.data());
}

}  // namespace

SecretMasker::SecretMasker(const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    std::string_view rest = secret;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == kNone ? rest.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) secrets_.emplace_back(line);
    }
  }
  std::sort(secrets_.begin(), secrets_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  secrets_.erase(std::unique(secrets_.begin(), secrets_.end()), secrets_.end());
}

std::string_view SecretMasker::Mask(std::string_view text, std::string* scratch) const {
  if (secrets_.empty() || text.empty()) return text;
  // next[i]: the next occurrence of secrets_[i] not yet consumed.
  std::vector<size_t> next(secrets_.size());
  bool any = false;
  for (size_t i = 0; i < secrets_.size(); ++i) {
    next[i] = Find(text, 0, secrets_[i]);
    any = any || next[i] != kNone;
  }
  if (!any) return text;

  scratch->clear();
  scratch->reserve(text.size());
  size_t copied = 0;         // text[0, copied) is dealt with.
  size_t run_start = kNone;  // The masked run being grown: [run_start, run_end).
  size_t run_end = 0;
  for (;;) {
    // The earliest pending occurrence; on a tie the longest secret (lowest index).
    size_t best = kNone;
    size_t best_i = 0;
    for (size_t i = 0; i < secrets_.size(); ++i) {
      if (next[i] < best) {
        best = next[i];
        best_i = i;
      }
    }
    if (best == kNone) break;
    const size_t end = best + secrets_[best_i].size();
    if (run_start != kNone && best < run_end) {
      run_end = std::max(run_end, end);  // Overlaps the run: extend it.
    } else {
      if (run_start != kNone) {
        scratch->append(text.substr(copied, run_start - copied)).append(kMask);
        copied = run_end;
      }
      run_start = best;
      run_end = end;
    }
    // +1, not +size: an occurrence overlapping this one must extend the run too.
    next[best_i] = Find(text, best + 1, secrets_[best_i]);
  }
  scratch->append(text.substr(copied, run_start - copied)).append(kMask);
  scratch->append(text.substr(run_end));
  return *scratch;
}

std::string SecretMasker::Mask(std::string_view text) const {
  std::string scratch;
  return std::string(Mask(text, &scratch));
}

bool SecretMasker::Contains(std::string_view text) const {
  for (const std::string& secret : secrets_) {
    if (Find(text, 0, secret) != kNone) return true;
  }
  return false;
}

}  // namespace gantry::stream
