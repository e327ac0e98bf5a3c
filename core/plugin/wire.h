// The framing and encoding spoken between gantry and a plugin host process over their
// socket: each frame is a 32-bit length, then that many bytes of little-endian fields.
// Both ends are built from this tree, so the encoding is private and may change freely.
#ifndef GANTRY_CORE_PLUGIN_WIRE_H_
#define GANTRY_CORE_PLUGIN_WIRE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace gantry::plugin::wire {

/// A frame larger than this is refused (a corrupt length, not a real message).
inline constexpr uint32_t kMaxFrame = 1u << 30;

/// Appends fields to a frame's payload.
class Writer {
 public:
  Writer& U8(uint8_t v) { return Raw(&v, 1); }
  Writer& U32(uint32_t v) { return Raw(&v, sizeof v); }
  Writer& U64(uint64_t v) { return Raw(&v, sizeof v); }
  Writer& I32(int32_t v) { return Raw(&v, sizeof v); }
  Writer& I64(int64_t v) { return Raw(&v, sizeof v); }
  Writer& Bool(bool v) { return U8(v ? 1 : 0); }
  Writer& Str(std::string_view s) {
    U64(s.size());
    bytes_.append(s.data(), s.size());
    return *this;
  }
  Writer& Strs(const std::vector<std::string>& list) {
    U32(static_cast<uint32_t>(list.size()));
    for (const std::string& s : list) Str(s);
    return *this;
  }
  /// The payload, to hand to SendFrame.
  const std::string& bytes() const { return bytes_; }

 private:
  Writer& Raw(const void* p, size_t n) {  // x86-64 and aarch64 Linux: little-endian
    bytes_.append(static_cast<const char*>(p), n);
    return *this;
  }
  std::string bytes_;
};

/// Reads fields back in the order written. Reading past the end yields zeros and empty
/// strings and clears ok(), so a truncated frame is noticed once, at the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  uint8_t U8() { return Fixed<uint8_t>(); }
  uint32_t U32() { return Fixed<uint32_t>(); }
  uint64_t U64() { return Fixed<uint64_t>(); }
  int32_t I32() { return Fixed<int32_t>(); }
  int64_t I64() { return Fixed<int64_t>(); }
  bool Bool() { return U8() != 0; }
  std::string Str() {
    const uint64_t n = U64();
    if (!ok_ || n > bytes_.size() - at_) return Fail<std::string>();
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::vector<std::string> Strs() {
    // Each string takes at least its 8-byte length: a count beyond that is a lie.
    const uint64_t claimed = U32();
    std::vector<std::string> list(std::min<uint64_t>(claimed, (bytes_.size() - at_) / 8));
    if (list.size() < claimed) ok_ = false;
    for (std::string& s : list) s = Str();
    return list;
  }
  bool ok() const { return ok_; }

 private:
  template <class T>
  T Fixed() {
    if (!ok_ || sizeof(T) > bytes_.size() - at_) return Fail<T>();
    T v;
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  template <class T>
  T Fail() {
    ok_ = false;
    return T{};
  }
  std::string_view bytes_;
  size_t at_ = 0;
  bool ok_ = true;
};

/// Writes one frame, whole (retries short writes and EINTR; no SIGPIPE). False when the
/// other end is gone.
bool SendFrame(int fd, std::string_view payload);

/// Reads one frame into `payload`. False at end of stream, on an error, or for a frame
/// longer than kMaxFrame.
bool ReadFrame(int fd, std::string& payload);

}  // namespace gantry::plugin::wire

#endif  // GANTRY_CORE_PLUGIN_WIRE_H_
