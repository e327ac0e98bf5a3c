#include "core/stream/secret_masker.h"

#include <string.h>

#include <algorithm>
#include <cstddef>

#include "core/stream/json_escape.h"

namespace gantry::stream {
namespace {

constexpr size_t kNone = std::string_view::npos;

// The first occurrence of `needle` in `text` at or after `from`, or kNone.
size_t Find(std::string_view text, size_t from, const std::string& needle) {
  if (from > text.size() || text.size() - from < needle.size()) return kNone;
  const void* hit = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return hit == nullptr ? kNone : static_cast<size_t>(static_cast<const char*>(hit) - text.data());
}

// `secret` and its JSON-escaped forms (the same when it has nothing to escape; removed
// as duplicates later).
void AddForms(std::string_view secret, std::vector<std::string>& forms) {
  forms.emplace_back(secret);
  forms.push_back(JsonEscaped(secret, /*ascii=*/false));
  forms.push_back(JsonEscaped(secret, /*ascii=*/true));
}

}  // namespace

SecretMasker::SecretMasker(const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    std::string_view rest = secret;
    bool any_line = false;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest.remove_prefix(nl == kNone ? rest.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      AddForms(line, secrets_);
      any_line = true;
    }
    // Escaped, a multi-line secret is one line; one made of line ends alone is nothing.
    if (any_line && secret.find('\n') != std::string::npos) {
      secrets_.push_back(JsonEscaped(secret, /*ascii=*/false));
      secrets_.push_back(JsonEscaped(secret, /*ascii=*/true));
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

void SecretMasker::Straddling(std::string_view text, size_t p, size_t* first_start,
                              size_t* last_end) const {
  *first_start = kNone;
  *last_end = kNone;
  if (p == 0 || p >= text.size()) return;
  for (const std::string& secret : secrets_) {
    // An occurrence holding p starts in (p - size, p), so ends before p + size.
    const size_t from = p >= secret.size() ? p - secret.size() + 1 : 0;
    const std::string_view window = text.substr(0, p + secret.size() - 1);
    for (size_t at = Find(window, from, secret); at != kNone && at < p;
         at = Find(window, at + 1, secret)) {
      if (at + secret.size() <= p) continue;
      *first_start = std::min(*first_start, at);
      *last_end = *last_end == kNone ? at + secret.size() : std::max(*last_end, at + secret.size());
    }
  }
}

size_t SecretMasker::SafeCut(std::string_view text, size_t cut) const {
  size_t start;
  size_t end;
  // Back to the start of the earliest occurrence holding the cut, until none holds it.
  for (size_t p = cut;;) {
    Straddling(text, p, &start, &end);
    if (start == kNone) return p;
    if (start == 0) break;
    p = start;
  }
  // Occurrences chain from position 0: forward to the end of the chain instead.
  for (size_t p = cut;;) {
    Straddling(text, p, &start, &end);
    if (end == kNone) return p;
    p = end;
  }
}

}  // namespace gantry::stream
