#include "interlude/common/u256.h"

#include <algorithm>

namespace interlude {

using u128 = unsigned __int128;

U256 operator+(const U256& a, const U256& b) noexcept {
  U256 r;
  uint64_t carry = 0;
  for (int i = 0; i < 4; ++i) {
    u128 s = u128(a.limb[i]) + b.limb[i] + carry;
    r.limb[i] = uint64_t(s);
    carry = uint64_t(s >> 64);
  }
  return r;
}

U256 operator-(const U256& a, const U256& b) noexcept {
  U256 r;
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) {
    u128 d = u128(a.limb[i]) - b.limb[i] - borrow;
    r.limb[i] = uint64_t(d);
    borrow = uint64_t(d >> 64) & 1;
  }
  return r;
}

namespace {
// Full 512-bit product; returns the low 256 bits and sets `overflow` if the high half is non-zero.
U256 mul_full(const U256& a, const U256& b, bool& overflow) noexcept {
  if ((a.limb[1] | a.limb[2] | a.limb[3] | b.limb[1] | b.limb[2] | b.limb[3]) == 0) {
    // Both below 2^64 (gas times price, the usual case): one 128-bit product.
    const u128 p = u128(a.limb[0]) * b.limb[0];
    overflow = false;
    U256 r;
    r.limb[0] = uint64_t(p), r.limb[1] = uint64_t(p >> 64);
    return r;
  }
  uint64_t out[8] = {};
  for (int i = 0; i < 4; ++i) {
    uint64_t carry = 0;
    for (int j = 0; j < 4; ++j) {
      u128 p = u128(a.limb[i]) * b.limb[j] + out[i + j] + carry;
      out[i + j] = uint64_t(p);
      carry = uint64_t(p >> 64);
    }
    out[i + 4] = carry;
  }
  overflow = (out[4] | out[5] | out[6] | out[7]) != 0;
  U256 r;
  for (int i = 0; i < 4; ++i) r.limb[i] = out[i];
  return r;
}

int bit_length(const U256& v) noexcept {
  for (int i = 3; i >= 0; --i)
    if (v.limb[i]) return 64 * i + 64 - __builtin_clzll(v.limb[i]);
  return 0;
}

U256 shl1(const U256& v) noexcept {
  U256 r;
  for (int i = 3; i >= 0; --i) r.limb[i] = v.limb[i] << 1 | (i ? v.limb[i - 1] >> 63 : 0);
  return r;
}

void divmod(const U256& a, const U256& b, U256& q, U256& r) noexcept {
  q = U256();
  r = U256();
  if (b.is_zero()) return;
  for (int i = bit_length(a) - 1; i >= 0; --i) {
    r = shl1(r);
    r.limb[0] |= (a.limb[i / 64] >> (i % 64)) & 1;
    if (r >= b) {
      r = r - b;
      q.limb[i / 64] |= uint64_t(1) << (i % 64);
    }
  }
}
}  // namespace

U256 operator*(const U256& a, const U256& b) noexcept {
  bool of;
  return mul_full(a, b, of);
}
U256 operator/(const U256& a, const U256& b) noexcept {
  U256 q, r;
  divmod(a, b, q, r);
  return q;
}
U256 operator%(const U256& a, const U256& b) noexcept {
  U256 q, r;
  divmod(a, b, q, r);
  return r;
}

std::optional<U256> U256::checked_add(const U256& a, const U256& b) noexcept {
  U256 r = a + b;
  if (r < a) return std::nullopt;
  return r;
}
std::optional<U256> U256::checked_mul(const U256& a, const U256& b) noexcept {
  bool of;
  U256 r = mul_full(a, b, of);
  if (of) return std::nullopt;
  return r;
}

// Big-endian words: limb i (little-endian order) is the byte-swapped 8 bytes at 24 - 8i.
Bytes32 U256::to_be() const noexcept {
  Bytes32 out;
  for (int i = 0; i < 4; ++i) store_u64_le(out.data() + 24 - 8 * i, __builtin_bswap64(limb[i]));
  return out;
}
Bytes32 U256::to_le() const noexcept {
  Bytes32 out;
  store_le(out.data());
  return out;
}
U256 U256::from_le(const Bytes32& b) noexcept { return from_le_ptr(b.data()); }
U256 U256::from_be(const Bytes32& b) noexcept {
  U256 r;
  for (int i = 0; i < 4; ++i) r.limb[i] = __builtin_bswap64(load_u64_le(b.data() + 24 - 8 * i));
  return r;
}
std::optional<U256> U256::from_be_bytes(ByteView b) noexcept {
  if (b.size() > 32) return std::nullopt;
  Bytes32 w;
  std::copy(b.begin(), b.end(), w.bytes.begin() + (32 - b.size()));
  return from_be(w);
}

std::string U256::to_hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  if (is_zero()) return "0x0";
  std::string s;
  for (int i = 63; i >= 0; --i) {
    unsigned d = unsigned(limb[i / 16] >> (4 * (i % 16))) & 15;
    if (s.empty() && d == 0) continue;
    s += kDigits[d];
  }
  return "0x" + s;
}

std::string U256::to_dec() const {
  if (is_zero()) return "0";
  std::string s;
  U256 v = *this;
  const U256 ten(10);
  while (!v.is_zero()) {
    U256 q, r;
    divmod(v, ten, q, r);
    s += char('0' + r.limb[0]);
    v = q;
  }
  return std::string(s.rbegin(), s.rend());
}

std::optional<U256> U256::parse(std::string_view t) noexcept {
  if (t.empty()) return std::nullopt;
  U256 r;
  if (t.size() >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    t.remove_prefix(2);
    if (t.empty() || t.size() > 64) return std::nullopt;
    for (char c : t) {
      int d = (c >= '0' && c <= '9') ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return std::nullopt;
      for (int k = 0; k < 4; ++k) r = shl1(r);
      r.limb[0] |= uint64_t(d);
    }
    return r;
  }
  for (char c : t) {
    if (c < '0' || c > '9') return std::nullopt;
    auto m = checked_mul(r, U256(10));
    if (!m) return std::nullopt;
    auto s = checked_add(*m, U256(uint64_t(c - '0')));
    if (!s) return std::nullopt;
    r = *s;
  }
  return r;
}

}  // namespace interlude
