#pragma once
/// 256-bit unsigned integer (EVM word) with wrapping arithmetic, for balances, values and slots.
/// Byte codecs: big-endian for JSON/RLP/EVM ABI, little-endian for syscall inputs (protocol.md §4.2).
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "interlude/common/bytes.h"

namespace interlude {

/// Unsigned 256-bit integer. Four 64-bit limbs, least significant first. All arithmetic wraps
/// modulo 2^256 unless the function name says otherwise.
struct U256 {
  std::array<uint64_t, 4> limb{};  ///< limb[0] is the least significant 64 bits.

  constexpr U256() = default;
  constexpr U256(uint64_t v) : limb{v, 0, 0, 0} {}  // NOLINT(google-explicit-constructor)

  static constexpr U256 max() { U256 r; r.limb = {~0ull, ~0ull, ~0ull, ~0ull}; return r; }

  bool is_zero() const noexcept { return (limb[0] | limb[1] | limb[2] | limb[3]) == 0; }
  /// True when the value fits in 64 bits.
  bool fits_u64() const noexcept { return (limb[1] | limb[2] | limb[3]) == 0; }
  uint64_t low_u64() const noexcept { return limb[0]; }

  friend U256 operator+(const U256& a, const U256& b) noexcept;
  friend U256 operator-(const U256& a, const U256& b) noexcept;
  friend U256 operator*(const U256& a, const U256& b) noexcept;
  /// Division; x / 0 = 0 (EVM rule).
  friend U256 operator/(const U256& a, const U256& b) noexcept;
  /// Remainder; x % 0 = 0 (EVM rule).
  friend U256 operator%(const U256& a, const U256& b) noexcept;
  U256& operator+=(const U256& b) noexcept { return *this = *this + b; }
  U256& operator-=(const U256& b) noexcept { return *this = *this - b; }

  /// a + b, or nullopt on overflow past 2^256 - 1.
  static std::optional<U256> checked_add(const U256& a, const U256& b) noexcept;
  /// a * b, or nullopt on overflow past 2^256 - 1.
  static std::optional<U256> checked_mul(const U256& a, const U256& b) noexcept;

  friend std::strong_ordering operator<=>(const U256& a, const U256& b) noexcept {
    for (int i = 3; i >= 0; --i)
      if (a.limb[i] != b.limb[i]) return a.limb[i] <=> b.limb[i];
    return std::strong_ordering::equal;
  }
  friend bool operator==(const U256& a, const U256& b) noexcept = default;

  /// 32 bytes, most significant first.
  Bytes32 to_be() const noexcept;
  /// 32 bytes, least significant first.
  Bytes32 to_le() const noexcept;
  static U256 from_be(const Bytes32& b) noexcept;
  static U256 from_le(const Bytes32& b) noexcept;
  /// Big-endian bytes of any length <= 32 (shorter inputs are left-padded with zeros);
  /// nullopt if longer than 32 bytes.
  static std::optional<U256> from_be_bytes(ByteView b) noexcept;
  /// The 32 bytes at `p32`, least significant first (inline: on the syscall hot path).
  static U256 from_le_ptr(const uint8_t* p32) noexcept {
    U256 r;
    for (int i = 0; i < 4; ++i) r.limb[i] = load_u64_le(p32 + 8 * i);
    return r;
  }
  /// Writes the value to `p32` as 32 bytes, least significant first.
  void store_le(uint8_t* p32) const noexcept {
    for (int i = 0; i < 4; ++i) store_u64_le(p32 + 8 * i, limb[i]);
  }

  /// Minimal `0x`-prefixed hex ("0x0" for zero), as go-ethereum's hexutil.Big.
  std::string to_hex() const;
  /// Decimal text.
  std::string to_dec() const;
  /// Parses `0x` hex (1..64 digits) or decimal; nullopt on bad digits or overflow.
  static std::optional<U256> parse(std::string_view text) noexcept;
};

}  // namespace interlude
