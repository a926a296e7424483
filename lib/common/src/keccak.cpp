#include "interlude/common/keccak.h"

#include <cryptopp/keccak.h>

namespace interlude {

Bytes32 keccak256(ByteView data) noexcept {
  CryptoPP::Keccak_256 h;
  h.Update(data.data(), data.size());
  Bytes32 out;
  h.Final(out.data());
  return out;
}

// Constant-initialised rather than computed by keccak256 at start-up, so that static initialisers
// in other translation units (which may run first) already see the value. Tested against
// keccak256("") in test/common.
constinit const Bytes32 KECCAK_EMPTY{{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                                      0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                                      0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

}  // namespace interlude
