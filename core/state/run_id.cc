#include "core/state/run_id.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/exec/unique_fd.h"

namespace gantry::state {

namespace {

constexpr size_t kRunIdLength = 36;

bool IsDashPosition(size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

// Fills `buf` with `size` random bytes; false with errno set when no source works.
bool FillRandom(uint8_t* buf, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = getrandom(buf + done, size - done, 0);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && errno == ENOSYS) {
      break;
    } else {
      return false;
    }
  }
  if (done == size) return true;
  exec::UniqueFd fd(open("/dev/urandom", O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return false;
  while (done < size) {
    const ssize_t n = read(fd.get(), buf + done, size - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      if (n == 0) errno = EIO;
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> NewRunId() {
  uint8_t bytes[16];
  if (!FillRandom(bytes, sizeof bytes)) {
    return absl::ErrnoToStatus(errno,
                               "cannot make a run id: no randomness (getrandom, /dev/urandom)");
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(kRunIdLength);
  for (size_t i = 0; i < sizeof bytes; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id.push_back('-');
    id.push_back(kHex[bytes[i] >> 4]);
    id.push_back(kHex[bytes[i] & 0x0f]);
  }
  return id;
}

bool IsValidRunId(absl::string_view id) {
  if (id.size() != kRunIdLength) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (IsDashPosition(i)) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

absl::StatusOr<std::string> ParseRunId(absl::string_view text) {
  std::string id = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (!IsValidRunId(id)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", absl::CHexEscape(text),
                     "' is not a run id (a UUID such as 0f8e2c4a-6b1d-4e3f-9a7b-2c5d8e1f0a3b)"));
  }
  return id;
}

}  // namespace gantry::state
