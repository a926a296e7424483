#pragma once
/// Byte-string primitives shared by every layer: Bytes, Address (20 bytes), Bytes32, hex codec.
/// No layer-specific meaning lives here.
#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace interlude {

/// A growable byte string.
using Bytes = std::vector<uint8_t>;
/// A read-only view of bytes.
using ByteView = std::span<const uint8_t>;

/// A fixed-size byte array with lexicographic ordering (usable as an ordered-map key).
template <size_t N>
struct FixedBytes {
  std::array<uint8_t, N> bytes{};

  static constexpr size_t size() noexcept { return N; }
  uint8_t* data() noexcept { return bytes.data(); }
  const uint8_t* data() const noexcept { return bytes.data(); }
  uint8_t& operator[](size_t i) noexcept { return bytes[i]; }
  uint8_t operator[](size_t i) const noexcept { return bytes[i]; }
  ByteView view() const noexcept { return ByteView(bytes.data(), N); }
  bool is_zero() const noexcept {
    for (uint8_t b : bytes)
      if (b) return false;
    return true;
  }
  /// Copies exactly N bytes from `src`; returns nullopt if `src.size() != N`.
  static std::optional<FixedBytes> from(ByteView src) noexcept {
    if (src.size() != N) return std::nullopt;
    FixedBytes r;
    for (size_t i = 0; i < N; ++i) r.bytes[i] = src[i];
    return r;
  }
  /// Lexicographic order of the bytes (unsigned), compared as big-endian 8-byte words and then
  /// single bytes: the order of memcmp without its call, for the ordered maps keyed by addresses
  /// and hashes.
  friend constexpr std::strong_ordering operator<=>(const FixedBytes& a, const FixedBytes& b) noexcept {
    size_t i = 0;
    if (!std::is_constant_evaluated())
      for (; i + 8 <= N; i += 8) {
        const uint64_t x = word_be(a.bytes.data() + i), y = word_be(b.bytes.data() + i);
        if (x != y) return x <=> y;
      }
    if (!std::is_constant_evaluated() && i + 4 <= N) {
      const uint32_t x = word_be32(a.bytes.data() + i), y = word_be32(b.bytes.data() + i);
      if (x != y) return x <=> y;
      i += 4;
    }
    for (; i < N; ++i)
      if (a.bytes[i] != b.bytes[i]) return a.bytes[i] <=> b.bytes[i];
    return std::strong_ordering::equal;
  }
  friend constexpr bool operator==(const FixedBytes& a, const FixedBytes& b) noexcept {
    if (std::is_constant_evaluated()) return a.bytes == b.bytes;
    return std::memcmp(a.bytes.data(), b.bytes.data(), N) == 0;  // inlined for a constant N
  }

 private:
  /// The 8 bytes at `p` as a big-endian number (one load and a byte swap on a little-endian host).
  static uint64_t word_be(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
  }
  static uint32_t word_be32(const uint8_t* p) noexcept {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
    return v;
  }
};

/// An Ethereum account address (20 raw bytes).
using Address = FixedBytes<20>;
/// A 32-byte word: hashes, topics, syscall ids (raw byte order).
using Bytes32 = FixedBytes<32>;

/// Lower-case hex with a `0x` prefix, two digits per byte ("0x" for empty input).
std::string to_hex(ByteView data);
template <size_t N>
std::string to_hex(const FixedBytes<N>& b) {
  return to_hex(b.view());
}

/// Parses hex with an optional `0x`/`0X` prefix. An odd digit count, or any non-hex character,
/// gives nullopt.
std::optional<Bytes> from_hex(std::string_view text);

/// Parses an address: exactly 40 hex digits with optional `0x` prefix.
std::optional<Address> address_from_hex(std::string_view text);
/// Parses a 32-byte word: exactly 64 hex digits with optional `0x` prefix.
std::optional<Bytes32> bytes32_from_hex(std::string_view text);

/// Little-endian integer load/store helpers (protocol.md: all fixed-width integers are LE): one
/// unaligned access on a little-endian host, byte by byte on another.
template <class T>
inline T load_le_uint(const uint8_t* p) noexcept {
  T v = 0;
  if constexpr (std::endian::native == std::endian::little) std::memcpy(&v, p, sizeof v);
  else for (size_t i = 0; i < sizeof v; ++i) v |= T(p[i]) << (8 * i);
  return v;
}
template <class T>
inline void store_le_uint(uint8_t* p, T v) noexcept {
  if constexpr (std::endian::native == std::endian::little) std::memcpy(p, &v, sizeof v);
  else for (size_t i = 0; i < sizeof v; ++i) p[i] = uint8_t(v >> (8 * i));
}
inline uint32_t load_u32_le(const uint8_t* p) noexcept { return load_le_uint<uint32_t>(p); }
inline uint64_t load_u64_le(const uint8_t* p) noexcept { return load_le_uint<uint64_t>(p); }
inline void store_u32_le(uint8_t* p, uint32_t v) noexcept { store_le_uint(p, v); }
inline void store_u64_le(uint8_t* p, uint64_t v) noexcept { store_le_uint(p, v); }

}  // namespace interlude
