#include <array>

#include "interlude/common/keccak.h"
#include "interlude/host/host.h"

namespace interlude::host {

Address create_address(const Address& sender, uint64_t nonce) noexcept {
  // rlp([sender, nonce]): list header, 0x94 ‖ sender (a 20-byte string), then the nonce as a
  // minimal big-endian integer (0 -> 0x80, 1..0x7f -> itself, else 0x80 + length ‖ bytes).
  std::array<uint8_t, 32> rlp{};
  size_t n = 1;
  rlp[n++] = 0x80 + 20;
  for (size_t i = 0; i < 20; ++i) rlp[n++] = sender[i];
  if (nonce == 0) {
    rlp[n++] = 0x80;
  } else if (nonce < 0x80) {
    rlp[n++] = uint8_t(nonce);
  } else {
    uint8_t len = 0;
    for (uint64_t v = nonce; v; v >>= 8) ++len;
    rlp[n++] = 0x80 + len;
    for (int i = len - 1; i >= 0; --i) rlp[n++] = uint8_t(nonce >> (8 * i));
  }
  rlp[0] = uint8_t(0xc0 + (n - 1));
  Bytes32 h = keccak256(ByteView(rlp.data(), n));
  Address a;
  for (size_t i = 0; i < 20; ++i) a[i] = h[12 + i];
  return a;
}

Address create2_address(const Address& sender, const Bytes32& salt_be, ByteView init_code) noexcept {
  std::array<uint8_t, 85> buf{};
  buf[0] = 0xff;
  Bytes32 code_hash = keccak256(init_code);
  for (size_t i = 0; i < 20; ++i) buf[1 + i] = sender[i];
  for (size_t i = 0; i < 32; ++i) buf[21 + i] = salt_be[i];
  for (size_t i = 0; i < 32; ++i) buf[53 + i] = code_hash[i];
  Bytes32 h = keccak256(buf);
  Address a;
  for (size_t i = 0; i < 20; ++i) a[i] = h[12 + i];
  return a;
}

}  // namespace interlude::host
