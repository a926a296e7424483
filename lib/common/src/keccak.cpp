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

const Bytes32 KECCAK_EMPTY = keccak256(ByteView());

}  // namespace interlude
