#pragma once
// Bounds-checked reader for the wasm binary format (spec §5.1-§5.2): bytes, LEB128 integers with the
// spec's length and range checks, names. The first failure is kept; later calls keep failing.
#include <cstdint>
#include <cstring>
#include <string>

namespace interlude::wasm {

class Reader {
 public:
  Reader(const uint8_t* begin, const uint8_t* p, const uint8_t* end) noexcept : begin_(begin), p_(p), end_(end) {}

  /// Records `message` at the current offset (if no error yet) and returns false.
  bool fail(std::string message) noexcept { return fail_at(offset(), std::move(message)); }
  bool fail_at(uint64_t off, std::string message) noexcept {
    if (!failed_) {
      failed_ = true;
      error_ = std::move(message);
      error_offset_ = off;
    }
    return false;
  }
  bool failed() const noexcept { return failed_; }
  const std::string& error() const noexcept { return error_; }
  uint64_t error_offset() const noexcept { return error_offset_; }

  uint64_t offset() const noexcept { return static_cast<uint64_t>(p_ - begin_); }
  const uint8_t* pos() const noexcept { return p_; }
  const uint8_t* end() const noexcept { return end_; }
  uint64_t remaining() const noexcept { return static_cast<uint64_t>(end_ - p_); }
  bool at_end() const noexcept { return p_ == end_; }
  void set_end(const uint8_t* e) noexcept { end_ = e; }
  void seek(const uint8_t* p) noexcept { p_ = p; }

  bool u8(uint8_t& v) noexcept {
    v = 0;
    if (p_ == end_) return fail("unexpected end");
    v = *p_++;
    return true;
  }
  bool peek(uint8_t& v) noexcept {
    v = 0;
    if (p_ == end_) return fail("unexpected end");
    v = *p_;
    return true;
  }
  bool bytes(uint64_t n, const uint8_t*& out) noexcept {
    out = p_;
    if (n > remaining()) return fail("unexpected end");
    out = p_;
    p_ += n;
    return true;
  }
  template <typename T>
  bool fixed(T& v) noexcept {
    v = T{};
    const uint8_t* b;
    if (!bytes(sizeof(T), b)) return false;
    std::memcpy(&v, b, sizeof(T));
    return true;
  }

  // One-byte LEB128s (values below 0x80 / in [-64, 64)) are the common case: inlined, no loop.
  [[gnu::always_inline]] bool u32(uint32_t& v) noexcept {
    if (p_ != end_ && *p_ < 0x80) {
      v = *p_++;
      return true;
    }
    uint64_t x = 0;
    if (!leb<32, false>(x)) return false;
    v = static_cast<uint32_t>(x);
    return true;
  }
  [[gnu::always_inline]] bool s32(int32_t& v) noexcept {
    if (p_ != end_ && *p_ < 0x80) {
      v = static_cast<int32_t>(static_cast<uint32_t>(*p_++) << 25) >> 25;  // sign-extend bit 6
      return true;
    }
    uint64_t x = 0;
    if (!leb<32, true>(x)) return false;
    v = static_cast<int32_t>(static_cast<uint32_t>(x));
    return true;
  }
  bool s33(int64_t& v) noexcept {
    uint64_t x = 0;
    if (!leb<33, true>(x)) return false;
    v = static_cast<int64_t>(x);
    return true;
  }
  bool s64(int64_t& v) noexcept {
    uint64_t x = 0;
    if (!leb<64, true>(x)) return false;
    v = static_cast<int64_t>(x);
    return true;
  }

  /// name (spec §5.2.4): a length-prefixed valid UTF-8 string.
  bool name(std::string& out) noexcept {
    uint32_t n = 0;
    const uint8_t* b = nullptr;
    if (!u32(n)) return false;
    if (n > remaining()) return fail("length out of bounds");
    if (!bytes(n, b)) return false;
    if (!valid_utf8(b, n)) return fail_at(offset() - n, "malformed UTF-8 encoding");
    out.assign(reinterpret_cast<const char*>(b), n);
    return true;
  }

 private:
  // LEB128 of an N-bit integer (spec §5.2.2): at most ceil(N/7) bytes; in the last byte the bits
  // beyond N must be zero (unsigned) or copies of the sign bit (signed).
  template <unsigned Bits, bool Signed>
  [[gnu::noinline]] bool leb(uint64_t& out) noexcept {
    constexpr unsigned kMaxBytes = (Bits + 6) / 7;
    uint64_t result = 0;
    unsigned shift = 0;
    uint8_t b = 0;
    for (unsigned i = 0; i < kMaxBytes; ++i) {
      if (p_ == end_) return fail("unexpected end");
      b = *p_++;
      if (i == kMaxBytes - 1) {
        if (b & 0x80) return fail("integer representation too long");
        const unsigned used = Bits - shift;  // value bits in this byte, 1..7
        if (Signed) {
          const uint8_t rest = static_cast<uint8_t>(b >> (used - 1));
          const uint8_t all = static_cast<uint8_t>((1u << (8 - used)) - 1);
          if (rest != 0 && rest != all) return fail("integer too large");
        } else if (b >> used) {
          return fail("integer too large");
        }
      }
      result |= static_cast<uint64_t>(b & 0x7F) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (Signed && shift < 64 && (b & 0x40)) result |= ~uint64_t{0} << shift;
    out = result;
    return true;
  }

  static bool valid_utf8(const uint8_t* s, uint32_t n) noexcept {
    for (uint32_t i = 0; i < n;) {
      const uint8_t c = s[i];
      uint32_t len, cp;
      if (c < 0x80) {
        ++i;
        continue;
      } else if ((c & 0xE0) == 0xC0) {
        len = 2, cp = c & 0x1F;
      } else if ((c & 0xF0) == 0xE0) {
        len = 3, cp = c & 0x0F;
      } else if ((c & 0xF8) == 0xF0) {
        len = 4, cp = c & 0x07;
      } else {
        return false;
      }
      if (n - i < len) return false;
      for (uint32_t k = 1; k < len; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (s[i + k] & 0x3F);
      }
      const uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      i += len;
    }
    return true;
  }

  const uint8_t* begin_;
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
  std::string error_;
  uint64_t error_offset_ = 0;
};

}  // namespace interlude::wasm
